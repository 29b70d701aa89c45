"""Pro portal home: who is signed in, for now."""

import reflex as rx

from pages.components.pro_shell import pro_page
from pages.components.shell import account_card
from pages.registry import page
from state.auth import ProSession


@page(route="/pro", title="Espace professionnel — pass Culture", on_load=ProSession.guard)
def home() -> rx.Component:
    return pro_page(
        rx.heading("Espace professionnel", as_="h1", size="7"),
        account_card(ProSession),
        active="accueil",
    )
