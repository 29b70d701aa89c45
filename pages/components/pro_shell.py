"""The frame of every pro page (desktop first, still usable on a tablet or a phone): the
signed-in header, then the portal's navigation, which wraps on narrow screens."""

from typing import NamedTuple

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.shell import column, signed_in_page
from state.auth import ProSession

MAX_WIDTH = "72rem"


class Section(NamedTuple):
    key: str
    label: str
    href: str


SECTIONS = (
    Section("accueil", "Accueil", "/pro"),
    Section("offres", "Offres", "/pro/offres"),
    Section("reservations", "Réservations", "/pro/reservations"),
    Section("guichet", "Guichet", "/pro/guichet"),
)


def _link(section: Section, active: str) -> rx.Component:
    current = section.key == active
    return rx.el.li(
        rx.link(
            section.label,
            href=section.href,
            aria_current="page" if current else None,
            color=PURPLE if current else "var(--gray-12)",
            _hover={"color": PURPLE},
            weight="bold" if current else "medium",
            underline="none",
            display="block",
            padding="0.75rem 0.25rem 0.6rem",
            # The current section is underlined in the brand colour, not by colour alone.
            border_bottom=f"3px solid {PURPLE}" if current else "3px solid transparent",
        ),
        list_style="none",
    )


def pro_nav(active: str) -> rx.Component:
    return rx.el.nav(
        rx.el.ul(
            *[_link(section, active) for section in SECTIONS],
            display="flex",
            flex_wrap="wrap",
            column_gap=rx.breakpoints(initial="1rem", sm="1.5rem"),
            margin="0",
            style=column(MAX_WIDTH, "0 1rem"),
        ),
        aria_label="Navigation de l’espace professionnel",
        background="white",
        border_bottom="1px solid var(--gray-6)",
    )


def pro_page(*content: rx.Component, active: str) -> rx.Component:
    """A signed-in pro page; `active` is the key of its section in SECTIONS."""
    return signed_in_page(
        ProSession, *content, surface_name="Pro", max_width=MAX_WIDTH, nav=pro_nav(active)
    )
