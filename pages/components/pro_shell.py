"""The frame of every pro page (desktop first, still usable on a tablet or a phone): the
signed-in header, then the portal's navigation, which wraps on narrow screens."""

import reflex as rx

from pages.components.fields import FIELD_STYLE
from pages.components.section_nav import Section, section_nav
from pages.components.shell import signed_in_page
from pass_culture.models import ValidationStatus
from state.auth import ProSession

MAX_WIDTH = "72rem"

SECTIONS = (
    Section("accueil", "Accueil", "/pro"),
    Section("offres", "Offres", "/pro/offres"),
    Section("reservations", "Réservations", "/pro/reservations"),
    Section("guichet", "Guichet", "/pro/guichet"),
    Section("remboursements", "Remboursements", "/pro/remboursements"),
    Section("structure", "Structure", "/pro/structure"),
    Section("coordonnees", "Coordonnées bancaires", "/pro/coordonnees-bancaires"),
)


def pro_nav(active: str) -> rx.Component:
    return section_nav(
        SECTIONS, active, label="Navigation de l’espace professionnel", max_width=MAX_WIDTH
    )


def _switcher(label: str, value, options, on_change, everything: str | None = None):
    """A labelled native select (keyboard and screen-reader friendly)."""
    return rx.el.label(
        rx.text(label, as_="span", weight="medium", size="2"),
        rx.el.select(
            *([rx.el.option(everything, value="")] if everything else []),
            rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"])),
            value=value,
            on_change=on_change,
            style=FIELD_STYLE | {"width": "auto", "min_width": "16rem"},
        ),
        display="flex",
        flex_direction="column",
        gap="0.25rem",
    )


def _in_use() -> rx.Component:
    """The structure and venue in use; a select only when there is a choice."""
    session = ProSession
    structure = rx.cond(
        session.structures.length() > 1,
        _switcher(
            "Structure", session.chosen_structure, session.structures, session.switch_structure
        ),
        rx.vstack(
            rx.text("Structure", weight="medium", size="2"),
            # As high as a select, so that both labels line up.
            rx.flex(rx.text(session.offerer_name, size="3"), min_height="2.75rem", align="center"),
            spacing="1",
        ),
    )
    venue = rx.cond(
        session.venues.length() > 1,
        _switcher(
            "Lieu affiché",
            session.chosen_venue,
            session.venues,
            session.switch_venue,
            "Tous les lieux",
        ),
    )
    return rx.cond(
        session.offerer_id != 0,
        rx.flex(structure, venue, gap="1.5rem", wrap="wrap", align="end", width="100%"),
    )


def _structure_status() -> rx.Component:
    """Rule O3: offers of a structure not validated yet can be drafted, never shown."""
    return rx.match(
        ProSession.offerer_status,
        (
            ValidationStatus.PENDING,
            rx.callout(
                "Votre structure est en cours de validation par les équipes du pass Culture. "
                "En attendant, vous pouvez préparer vos offres : elles ne seront visibles "
                "des jeunes qu'une fois la structure validée.",
                icon="clock",
                color_scheme="amber",
                high_contrast=True,
                width="100%",
            ),
        ),
        (
            ValidationStatus.REJECTED,
            rx.callout(
                "La validation de votre structure a été refusée : ses offres ne sont pas "
                "visibles des jeunes. Pour en savoir plus, contactez le support du pass "
                "Culture.",
                icon="triangle_alert",
                color_scheme="red",
                width="100%",
            ),
        ),
        rx.fragment(),
    )


def pro_page(*content: rx.Component, active: str) -> rx.Component:
    """A signed-in pro page; `active` is the key of its section in SECTIONS."""
    return signed_in_page(
        ProSession,
        _in_use(),
        _structure_status(),
        *content,
        surface_name="Pro",
        max_width=MAX_WIDTH,
        nav=pro_nav(active),
    )
