"""Pro sign-up (/pro/inscription/email-envoye): « vérifiez votre boîte mail », « Renvoyer
l'email », and what happens next (structure en attente, or the join request)."""

from datetime import timedelta

import reflex as rx

from pages.components.login_form import card_page
from pages.components.panels import purple_link
from pages.components.verification_link import resend_block
from pages.registry import page
from services import policy
from state.pro.signup import ProSignupState as S

_HOURS = policy.SIGNUP_LINK_VALIDITY // timedelta(hours=1)


def _next_step() -> rx.Component:
    return rx.cond(
        S.joined,
        rx.callout(
            "Une structure est déjà inscrite avec ce SIREN : « "
            + S.joined_name
            + " ». Votre demande de rattachement est envoyée à ses membres et à nos équipes.",
            icon="users",
            width="100%",
        ),
        rx.text(
            "Après la vérification, votre structure « ",
            S.joined_name,
            " » restera en attente de validation par nos équipes : vous pourrez déjà "
            "préparer vos offres.",
            color_scheme="gray",
        ),
    )


@page(
    route="/pro/inscription/email-envoye",
    title="Vérifiez votre boîte mail — Espace professionnel — pass Culture",
)
def signup_inbox() -> rx.Component:
    return card_page(
        "Vérifiez votre boîte mail",
        rx.cond(
            S.sent_to != "",
            rx.text(
                "Nous avons envoyé un lien à ",
                rx.text.strong(S.sent_to, overflow_wrap="anywhere"),
                f". Ouvrez-le pour confirmer votre adresse : il est valable {_HOURS} heures.",
            ),
            rx.text(
                "Cette page sert après l'inscription. ",
                purple_link("Créez votre compte", href="/pro/inscription", weight="bold"),
                " pour recevoir le lien de vérification.",
            ),
        ),
        rx.cond(
            S.sent_to != "",
            rx.vstack(
                _next_step(),
                rx.cond(
                    S.sirene_warning != "",
                    rx.callout(S.sirene_warning, icon="info", color_scheme="amber", width="100%"),
                ),
                resend_block(S.mail_notice, S.mail_error, S.resend),
                spacing="4",
                width="100%",
            ),
        ),
    )
