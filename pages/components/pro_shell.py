"""The frame of every pro page (desktop first, still usable on a tablet or a phone): the
signed-in header, then the portal's navigation, which wraps on narrow screens."""

import reflex as rx

from pages.components.section_nav import Section, section_nav
from pages.components.shell import signed_in_page
from state.auth import ProSession

MAX_WIDTH = "72rem"

SECTIONS = (
    Section("accueil", "Accueil", "/pro"),
    Section("offres", "Offres", "/pro/offres"),
    Section("reservations", "Réservations", "/pro/reservations"),
    Section("guichet", "Guichet", "/pro/guichet"),
)


def pro_nav(active: str) -> rx.Component:
    return section_nav(
        SECTIONS, active, label="Navigation de l’espace professionnel", max_width=MAX_WIDTH
    )


def pro_page(*content: rx.Component, active: str) -> rx.Component:
    """A signed-in pro page; `active` is the key of its section in SECTIONS."""
    return signed_in_page(
        ProSession, *content, surface_name="Pro", max_width=MAX_WIDTH, nav=pro_nav(active)
    )
