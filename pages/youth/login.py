"""Youth app sign-in."""

import reflex as rx

from pages.components.login_form import login_page
from pages.components.pwa import FORGET_OFFLINE_TICKETS
from pages.registry import page
from state.auth import YouthSession


@page(
    route="/connexion",
    title="Connexion — pass Culture",
    on_load=[rx.call_script(FORGET_OFFLINE_TICKETS), YouthSession.skip_sign_in],
)
def login() -> rx.Component:
    return login_page(
        YouthSession,
        rx.text(
            "Pas encore de compte\u00a0? ",
            rx.link("Crée ton compte", href="/inscription", underline="always"),
            size="2",
        ),
        title="Connexion",
        intro="Connecte-toi pour profiter de ton crédit culture.",
    )
