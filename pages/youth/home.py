"""Youth app home (mobile first): who is signed in, for now."""

import reflex as rx

from pages.components.shell import account_card, signed_in_page
from state.auth import YouthSession


@rx.page(route="/", title="pass Culture", on_load=YouthSession.guard)
def home() -> rx.Component:
    return signed_in_page(
        YouthSession,
        rx.heading("Bonjour ", YouthSession.user_first_name, "\u00a0!", as_="h1", size="7"),
        rx.text("Bienvenue sur votre application pass Culture.", color_scheme="gray"),
        account_card(YouthSession),
        max_width="36rem",
    )
