"""Admin back office sign-in."""

import reflex as rx

from pages.components.login_form import login_page
from pages.registry import page
from state.auth import AdminSession


@page(
    route="/admin/connexion",
    title="Connexion — Back-office — pass Culture",
    on_load=AdminSession.skip_sign_in,
)
def login() -> rx.Component:
    return login_page(
        AdminSession,
        title="Back-office",
        intro="Connexion réservée aux équipes pass Culture.",
    )
