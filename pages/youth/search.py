"""/recherche: search offers around a place or all over France, filter them, see them as
a list or on a map (mobile first)."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.map import offer_map
from pages.components.offer_card import card_list
from pages.components.panels import refusal
from pages.components.youth_shell import youth_page
from pages.registry import page
from pages.youth.search_filters import active_filters, filters_dialog
from pages.youth.search_location import location_picker
from state.auth import YouthSession
from state.youth.search import SearchState

# --- Text --------------------------------------------------------------------------------


def _search_field() -> rx.Component:
    return rx.form(
        field_label("Rechercher une offre, un artiste, un lieu", "recherche-texte"),
        rx.hstack(
            rx.el.input(
                id="recherche-texte",
                name="q",
                type="search",
                default_value=SearchState.text,
                key=SearchState.text_version,
                on_change=SearchState.set_text.debounce(400),
                placeholder="Ex. : théâtre, Stromae, librairie…",
                enter_key_hint="search",
                auto_complete="off",
                style=FIELD_STYLE,
            ),
            rx.button(
                rx.icon("search", aria_hidden="true"),
                type="submit",
                aria_label="Lancer la recherche",
                size="3",
                style={"min_height": "2.75rem"},
            ),
            width="100%",
            spacing="2",
        ),
        on_submit=SearchState.submit_text,
        role="search",
        width="100%",
    )


# --- Results -----------------------------------------------------------------------------


def _view_toggle() -> rx.Component:
    def choice(value: str, label: str, icon: str) -> rx.Component:
        current = SearchState.view == value
        return rx.button(
            rx.icon(icon, size=16, aria_hidden="true"),
            label,
            on_click=SearchState.set_view(value),
            aria_pressed=rx.cond(current, "true", "false"),
            variant=rx.cond(current, "solid", "outline"),
            size="2",
            type="button",
        )

    return rx.hstack(
        choice("list", "Liste", "list"),
        choice("map", "Carte", "map"),
        spacing="1",
        role="group",
        aria_label="Affichage des résultats",
    )


def _empty() -> rx.Component:
    return rx.vstack(
        rx.icon("search-x", size=40, color=PURPLE, aria_hidden="true"),
        rx.heading("Aucune offre ne correspond", as_="h3", size="4"),
        rx.text(
            "Essaie un autre mot, élargis le rayon, retire un filtre ou cherche dans "
            "la France entière.",
            size="2",
        ),
        rx.hstack(
            rx.cond(
                SearchState.active_filters.length() > 0,
                rx.button("Retirer les filtres", on_click=SearchState.reset_filters, size="3"),
            ),
            rx.cond(
                SearchState.located,
                rx.button(
                    "Chercher dans la France entière",
                    on_click=SearchState.choose_everywhere,
                    variant="outline",
                    size="3",
                ),
            ),
            wrap="wrap",
            spacing="2",
            justify="center",
        ),
        align="center",
        text_align="center",
        spacing="3",
        padding="2rem 1rem",
        background="white",
        border_radius="var(--radius-4)",
        width="100%",
    )


def _results() -> rx.Component:
    return rx.el.section(
        rx.hstack(
            rx.box(
                rx.heading(
                    rx.cond(SearchState.count_text != "", SearchState.count_text, "Résultats"),
                    as_="h2",
                    size="4",
                ),
                role="status",
            ),
            _view_toggle(),
            justify="between",
            align="center",
            width="100%",
        ),
        rx.cond(
            SearchState.hits.length() == 0,
            rx.cond(SearchState.count_text != "", _empty()),
            rx.cond(
                SearchState.view == "map",
                rx.vstack(
                    offer_map(
                        SearchState.map_center,
                        SearchState.map_zoom,
                        SearchState.markers,
                        SearchState.map_key,
                    ),
                    rx.text(
                        "Les offres en ligne ou partout en France ne sont que dans la liste.",
                        size="1",
                        color="var(--gray-11)",
                    ),
                    width="100%",
                ),
                card_list(SearchState.hits, SearchState.toggle_favorite, "Offres trouvées"),
            ),
        ),
        rx.cond(
            SearchState.has_more,
            rx.button(
                "Voir plus",
                on_click=SearchState.load_more,
                loading=SearchState.loading,
                variant="outline",
                size="3",
                width="100%",
                margin_top="0.75rem",
            ),
        ),
        aria_busy=rx.cond(SearchState.loading, "true", "false"),
        aria_label="Résultats",
        width="100%",
        display="flex",
        flex_direction="column",
        gap="0.75rem",
    )


@page(
    route="/recherche",
    title="Recherche — pass Culture",
    on_load=[YouthSession.guard, SearchState.load],
)
def search_page() -> rx.Component:
    return youth_page(
        rx.heading("Rechercher", as_="h1", size="7"),
        _search_field(),
        location_picker(),
        rx.hstack(filters_dialog(), active_filters(), wrap="wrap", spacing="2", width="100%"),
        refusal(SearchState.error),
        _results(),
        active="recherche",
    )
