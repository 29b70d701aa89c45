"""Pro sign-up (/pro/inscription/verification?token=…): the link of the email; then the
pro signs in at /pro/connexion."""

import reflex as rx

from pages.components.login_form import card_page
from pages.components.panels import loading, notice, purple_link, refusal, success
from pages.registry import page
from state.pro.signup import ProSignupState as S


def _sign_in_link() -> rx.Component:
    return rx.button(
        rx.link("Se connecter", href="/pro/connexion", color="white", underline="none"),
        as_child=True,
        size="3",
        width="100%",
    )


def _refused() -> rx.Component:
    return rx.vstack(
        refusal(S.link_error),
        rx.cond(
            S.link_outcome == "link_expired",
            rx.vstack(
                notice(S.mail_notice),
                refusal(S.mail_error),
                rx.button("Renvoyer l'email", on_click=S.resend, size="3", width="100%"),
                spacing="3",
                width="100%",
            ),
        ),
        rx.text(
            purple_link("Se connecter", href="/pro/connexion", weight="bold"),
            " ou ",
            purple_link("créer un compte", href="/pro/inscription", weight="bold"),
        ),
        spacing="4",
        width="100%",
    )


@page(
    route="/pro/inscription/verification",
    title="Vérification de votre adresse — Espace professionnel — pass Culture",
    on_load=S.verify,
)
def signup_link() -> rx.Component:
    return card_page(
        rx.match(
            S.link_outcome,
            ("", "Vérification de votre adresse"),
            ("verified", "Votre adresse est vérifiée"),
            "Ce lien ne fonctionne pas",
        ),
        rx.fragment(),
        rx.match(
            S.link_outcome,
            ("", loading("Vérification en cours")),
            (
                "verified",
                rx.vstack(
                    success("Merci ! Vous pouvez maintenant vous connecter."),
                    _sign_in_link(),
                    spacing="4",
                    width="100%",
                ),
            ),
            _refused(),
        ),
    )
