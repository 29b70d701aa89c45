"""Pro portal home: who is signed in, for now."""

import reflex as rx

from pages.components.shell import account_card, signed_in_page
from pages.registry import page
from state.auth import ProSession


@page(route="/pro", title="Espace professionnel — pass Culture", on_load=ProSession.guard)
def home() -> rx.Component:
    return signed_in_page(
        ProSession,
        rx.heading("Espace professionnel", as_="h1", size="7"),
        account_card(ProSession),
        surface_name="Pro",
    )
