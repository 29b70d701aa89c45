"""Back-office home: the signed-in admin and the queues (offers, structures…) with what
waits in each, linked to its page."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.panels import panel, purple_link
from pages.components.shell import account_card
from pages.registry import page
from state.admin.home import AdminHomeState, QueueLine
from state.auth import AdminSession


def _queue(queue: QueueLine) -> rx.Component:
    return rx.el.li(
        purple_link(
            rx.text.span(queue.count, font_size="1.5rem", margin_right="0.5rem"),
            queue.label,
            href=queue.href,
            weight="bold",
        ),
        padding="0.4rem 0",
    )


def _queues() -> rx.Component:
    return panel(
        "À traiter",
        rx.cond(
            AdminHomeState.loaded,
            rx.el.ul(
                rx.foreach(AdminHomeState.queues, _queue),
                list_style="none",
                margin="0",
                padding="0",
            ),
            rx.box(rx.spinner(size="2"), role="status", aria_label="Chargement des files"),
        ),
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
        _queues(),
        active="accueil",
    )
