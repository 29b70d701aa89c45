"""Pro portal sign-in, with the way to sign up and, for an address not verified yet,
« Renvoyer l'email » (rule O2)."""

import reflex as rx

from pages.components.login_form import login_page
from pages.components.panels import notice, purple_link, refusal
from pages.registry import page
from state.auth import ProSession


def _resend() -> rx.Component:
    return rx.cond(
        ProSession.login_unverified,
        rx.vstack(
            notice(ProSession.resend_notice),
            refusal(ProSession.resend_error),
            rx.button(
                "Renvoyer l'email",
                on_click=ProSession.resend_verification,
                size="3",
                variant="soft",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
    )


@page(
    route="/pro/connexion",
    title="Connexion — Espace professionnel — pass Culture",
    on_load=ProSession.skip_sign_in,
)
def login() -> rx.Component:
    return login_page(
        ProSession,
        _resend(),
        rx.text(
            "Pas encore de compte\u00a0? ",
            purple_link("Créer un compte professionnel", href="/pro/inscription", weight="bold"),
            size="2",
        ),
        title="Espace professionnel",
        intro="Connectez-vous pour gérer vos offres et vos réservations.",
    )
