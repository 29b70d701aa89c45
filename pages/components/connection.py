"""The notice shown while the live connection to the server is lost (replaces Reflex's
English toast): calm, in French, and gone by itself once the connection is back."""

import reflex as rx
from reflex_components_core.core.banner import has_too_many_connection_errors


def connection_notice() -> rx.Component:
    # Two failed attempts in a row, so a passing blip shows nothing.
    return rx.cond(
        has_too_many_connection_errors,
        rx.box(
            rx.hstack(
                rx.icon("wifi-off", size=18, aria_hidden="true"),
                rx.text("Connexion perdue, nouvelle tentative…", size="2", weight="medium"),
                align="center",
                justify="center",
                spacing="2",
            ),
            role="status",
            aria_live="polite",
            id="connexion-perdue",
            position="fixed",
            top="0",
            left="0",
            right="0",
            z_index="1000",
            padding="0.5rem 1rem",
            background="var(--amber-3)",
            color="var(--amber-12)",
            border_bottom="1px solid var(--amber-7)",
        ),
    )


def overlay(stateful: bool) -> rx.Component | None:
    """App wrap in place of Reflex's default overlay (connection toaster and pulser)."""
    return rx.fragment(connection_notice()) if stateful else None
