"""Back-office home: the signed-in admin and the offers waiting for review."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.panels import panel, purple_link
from pages.components.shell import account_card
from pages.registry import page
from state.admin.home import AdminHomeState
from state.auth import AdminSession


def _queue() -> rx.Component:
    count = AdminHomeState.pending_count
    return panel(
        "Offres à valider",
        rx.cond(
            count < 0,
            rx.spinner(size="2", aria_label="Chargement"),
            rx.text(
                rx.match(
                    count,
                    (0, rx.text.span("Aucune offre n’attend de validation.")),
                    (1, rx.text.span("1 offre attend une validation.")),
                    rx.text.span(count, " offres attendent une validation."),
                ),
                size="3",
            ),
        ),
        purple_link("Voir les offres à valider", href="/admin/offres", weight="bold"),
        id="queue",
    )


@page(
    route="/admin",
    title="Back-office — pass Culture",
    on_load=[AdminSession.guard, AdminHomeState.load],
)
def home() -> rx.Component:
    return admin_page(
        rx.heading("Back-office", as_="h1", size="7"),
        account_card(AdminSession),
        _queue(),
        active="accueil",
    )
