"""Admin back office home: who is signed in, for now."""

import reflex as rx

from pages.components.shell import account_card, signed_in_page
from pages.registry import page
from state.auth import AdminSession


@page(route="/admin", title="Back-office — pass Culture", on_load=AdminSession.guard)
def home() -> rx.Component:
    return signed_in_page(
        AdminSession,
        rx.heading("Back-office", as_="h1", size="7"),
        account_card(AdminSession),
        surface_name="Admin",
    )
