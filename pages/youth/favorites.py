"""/favoris: the offers the young user keeps, sorted by date added, price or distance."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE
from pages.components.offer_card import card_list
from pages.components.youth_shell import youth_page
from pages.registry import page
from state.auth import YouthSession
from state.youth.favorites import SORT_LABELS, FavoritesState


def _empty() -> rx.Component:
    return rx.vstack(
        rx.icon("heart", size=40, color=PURPLE, aria_hidden="true"),
        rx.heading("Aucun favori pour l'instant", as_="h2", size="4"),
        rx.text("Touche le cœur d'une offre pour la retrouver ici.", size="2", text_align="center"),
        rx.button(rx.link("Découvrir des offres", href="/recherche"), as_child=True, size="3"),
        align="center",
        spacing="3",
        padding="2rem 1rem",
        background="white",
        border_radius="var(--radius-4)",
        width="100%",
    )


def _sort() -> rx.Component:
    return rx.hstack(
        rx.el.label("Trier par", html_for="favoris-tri", font_weight="bold"),
        rx.el.select(
            *[rx.el.option(label, value=key) for key, label in SORT_LABELS.items()],
            id="favoris-tri",
            value=FavoritesState.sort,
            on_change=FavoritesState.set_sort,
            style=FIELD_STYLE | {"width": "auto", "flex": "1"},
        ),
        align="center",
        spacing="2",
        width="100%",
    )


@page(
    route="/favoris",
    title="Mes favoris — pass Culture",
    on_load=[YouthSession.guard, FavoritesState.load],
)
def favorites_page() -> rx.Component:
    return youth_page(
        rx.heading("Mes favoris", as_="h1", size="7"),
        rx.cond(
            FavoritesState.error != "",
            rx.callout(FavoritesState.error, icon="info", role="status", width="100%"),
        ),
        rx.cond(
            FavoritesState.cards.length() > 0,
            rx.vstack(
                _sort(),
                card_list(
                    FavoritesState.cards, FavoritesState.toggle_favorite, "Mes favoris", "h2"
                ),
                width="100%",
                spacing="3",
            ),
            rx.cond(FavoritesState.loaded, _empty()),
        ),
        active="favoris",
    )
