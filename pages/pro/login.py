"""Pro portal sign-in."""

import reflex as rx

from pages.components.login_form import login_page
from pages.registry import page
from state.auth import ProSession


@page(
    route="/pro/connexion",
    title="Connexion — Espace professionnel — pass Culture",
    on_load=ProSession.skip_sign_in,
)
def login() -> rx.Component:
    return login_page(
        ProSession,
        title="Espace professionnel",
        intro="Connectez-vous pour gérer vos offres et vos réservations.",
    )
