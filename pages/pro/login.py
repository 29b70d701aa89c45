"""Pro portal sign-in, with the way to sign up and, for an address not verified yet,
« Renvoyer l'email » (rule O2)."""

import reflex as rx

from pages.components.login_form import login_page
from pages.components.panels import purple_link
from pages.components.verification_link import resend_block
from pages.registry import page
from state.auth import ProSession


def _resend() -> rx.Component:
    return rx.cond(
        ProSession.login_unverified,
        resend_block(
            ProSession.resend_notice, ProSession.resend_error, ProSession.resend_verification
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
