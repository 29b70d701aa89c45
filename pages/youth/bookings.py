"""My bookings (/reservations): upcoming, ended, cancelled or expired, apart."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import loading
from pages.components.youth_shell import youth_page
from pages.registry import page
from state.auth import YouthSession
from state.youth.bookings import BookingsState


def _row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.hstack(
                rx.vstack(
                    rx.text(row["offer_name"], weight="bold", color=PURPLE),
                    rx.text(row["venue_name"], size="2"),
                    rx.text(row["date_label"], size="2", color_scheme="gray"),
                    spacing="0",
                    min_width="0",
                    flex="1",
                ),
                rx.badge(row["status_label"], size="2", color_scheme="gray", high_contrast=True),
                rx.icon("chevron-right", size=18, aria_hidden="true"),
                align="center",
                spacing="3",
                width="100%",
            ),
            href="/reservations/" + row["id"],
            underline="none",
            color="var(--gray-12)",
            _hover={"color": "var(--gray-12)", "background": "var(--gray-2)"},
            display="block",
            padding="0.75rem 1rem",
        ),
        list_style="none",
        border_top="1px solid var(--gray-4)",
    )


def _section(title: str, rows: rx.Var, empty: str) -> rx.Component:
    return rx.el.section(
        rx.heading(title, as_="h2", size="4", padding="1rem 1rem 0.5rem"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, _row), margin="0", padding="0"),
            rx.text(empty, padding="0 1rem 1rem", color_scheme="gray"),
        ),
        aria_label=title,
        background="white",
        border_radius="12px",
        border="1px solid var(--gray-5)",
        overflow="hidden",
        width="100%",
    )


@page(
    route="/reservations",
    title="Mes réservations — pass Culture",
    on_load=[YouthSession.guard, BookingsState.load],
)
def bookings() -> rx.Component:
    return youth_page(
        rx.heading("Mes réservations", as_="h1", size="7"),
        rx.cond(
            BookingsState.loaded,
            rx.vstack(
                _section(
                    "À venir",
                    BookingsState.upcoming,
                    "Aucune réservation à venir. Trouve une offre dans l’onglet Recherche.",
                ),
                _section("Terminées", BookingsState.ended, "Aucune réservation terminée."),
                _section(
                    "Annulées / expirées",
                    BookingsState.cancelled,
                    "Aucune réservation annulée ou expirée.",
                ),
                spacing="4",
                width="100%",
            ),
            loading(),
        ),
        active="reservations",
    )
