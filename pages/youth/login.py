"""Youth app sign-in."""

import reflex as rx

from pages.components.login_form import login_page
from state.auth import YouthSession


@rx.page(route="/connexion", title="Connexion — pass Culture", on_load=YouthSession.skip_sign_in)
def login() -> rx.Component:
    return login_page(
        YouthSession,
        title="Connexion",
        intro="Connectez-vous pour profiter de votre crédit culture.",
    )
