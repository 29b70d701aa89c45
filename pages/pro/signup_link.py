"""Pro sign-up (/pro/inscription/verification?token=…): the link of the email; then the
pro signs in at /pro/connexion."""

import reflex as rx

from pages.components.login_form import card_page
from pages.components.panels import loading, success
from pages.components.verification_link import link_refused
from pages.registry import page
from state.pro.signup import ProSignupState as S


def _sign_in_link() -> rx.Component:
    return rx.button(
        rx.link("Se connecter", href="/pro/connexion", color="white", underline="none"),
        as_child=True,
        size="3",
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
            link_refused(
                S,
                mail_notice=S.mail_notice,
                mail_error=S.mail_error,
                login_href="/pro/connexion",
                signup_href="/pro/inscription",
            ),
        ),
    )
