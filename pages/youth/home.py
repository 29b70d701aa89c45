"""Youth app home (mobile first)."""

import reflex as rx

from pages.components.youth_shell import youth_page
from pages.registry import page
from state.auth import YouthSession


@page(route="/", title="pass Culture", on_load=YouthSession.guard)
def home() -> rx.Component:
    return youth_page(
        rx.heading("Bonjour ", YouthSession.user_first_name, "\u00a0!", as_="h1", size="7"),
        active="accueil",
    )
