"""The frame of every youth page (mobile first): a top bar, the content, and the bottom
tab bar of mobile apps — Accueil, Recherche, Réservations, Favoris, Profil."""

from typing import NamedTuple

import reflex as rx

from pages.components.brand import PURPLE, brand_mark
from pages.components.noscript import noscript_notice
from state.auth import YouthSession

TAB_BAR_HEIGHT = "4rem"
COLUMN = "36rem"


class Tab(NamedTuple):
    key: str
    label: str
    icon: str
    href: str


TABS = (
    Tab("accueil", "Accueil", "house", "/"),
    Tab("recherche", "Recherche", "search", "/recherche"),
    Tab("reservations", "Réservations", "ticket", "/reservations"),
    Tab("favoris", "Favoris", "heart", "/favoris"),
    Tab("profil", "Profil", "circle-user-round", "/profil"),
)


def _tab(tab: Tab, active: str) -> rx.Component:
    current = tab.key == active
    color = PURPLE if current else "var(--gray-11)"
    return rx.el.li(
        rx.link(
            rx.vstack(
                rx.icon(tab.icon, size=22, aria_hidden="true"),
                rx.text(tab.label, size="1", weight="bold" if current else "regular"),
                spacing="1",
                align="center",
            ),
            href=tab.href,
            aria_current="page" if current else None,
            color=color,
            _hover={"color": color},  # not Reflex's light accent-8 (contrast)
            underline="none",
            class_name="pc-tab",
            display="flex",
            justify_content="center",
            padding="0.5rem 0.25rem",
            width="100%",
        ),
        flex="1",
        list_style="none",
    )


def tab_bar(active: str) -> rx.Component:
    return rx.el.nav(
        rx.el.ul(
            *[_tab(tab, active) for tab in TABS],
            display="flex",
            margin="0 auto",
            padding="0",
            max_width=COLUMN,
        ),
        aria_label="Navigation principale",
        position="fixed",
        bottom="0",
        left="0",
        right="0",
        height=TAB_BAR_HEIGHT,
        z_index="10",
        background="white",
        border_top="1px solid var(--gray-6)",
        padding_bottom="env(safe-area-inset-bottom)",
    )


def _preview_banner() -> rx.Component:
    """Rule E4: a pro sees the app as young users do, without booking."""
    return rx.cond(
        YouthSession.is_preview,
        rx.callout(
            "Aperçu : vous voyez l'application comme les jeunes la voient. "
            "La réservation est désactivée pour les comptes professionnels.",
            icon="eye",
            color_scheme="amber",
            high_contrast=True,
            size="1",
            width="100%",
        ),
    )


def youth_page(*content: rx.Component, active: str) -> rx.Component:
    """A signed-in youth page: `content` once the guard has found the session."""
    return rx.box(
        rx.el.header(
            # Padded like the main column so the brand lines up with the content.
            rx.box(brand_mark(color="white"), max_width=COLUMN, margin="0 auto", padding="0 1rem"),
            padding="0.75rem 0",
            background=PURPLE,
        ),
        rx.el.main(
            noscript_notice(
                "L’application pass Culture a besoin de JavaScript : active-le dans ton "
                "navigateur pour continuer."
            ),
            rx.cond(
                YouthSession.user_email != "",
                rx.vstack(_preview_banner(), *content, spacing="4", width="100%"),
                rx.center(rx.spinner(size="3"), padding="3rem", aria_label="Chargement"),
            ),
            max_width=COLUMN,
            margin="0 auto",
            padding=f"1rem 1rem calc({TAB_BAR_HEIGHT} + 1.5rem)",
        ),
        tab_bar(active),
        min_height="100dvh",
        background_color="var(--gray-2)",
    )
