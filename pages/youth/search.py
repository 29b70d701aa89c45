"""/recherche: search offers around a place or all over France, filter them, see them as
a list or on a map (mobile first)."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.map import offer_map
from pages.components.offer_card import card_list
from pages.components.youth_shell import youth_page
from pages.registry import page
from services.search_categories import SEARCH_CATEGORIES
from services.search_dates import PRESETS
from state.auth import YouthSession
from state.youth.search import ACCESSIBILITY_LABELS, RADII, SearchState


def _error(message) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
    )


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


# --- Where -------------------------------------------------------------------------------

# Up and down arrows move between the town field and its suggestions, in the browser.
_SUGGESTION_KEYS = rx.Var(
    """(event) => {
  const items = Array.from(document.querySelectorAll("#communes-proposees button"));
  if (!items.length || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
  event.preventDefault();
  const at = items.indexOf(document.activeElement);
  if (event.key === "ArrowDown") items[Math.min(at + 1, items.length - 1)].focus();
  else if (at <= 0) document.getElementById("recherche-lieu").focus();
  else items[at - 1].focus();
}"""
)


def _place_suggestions() -> rx.Component:
    return rx.cond(
        SearchState.place_suggestions.length() > 0,
        rx.el.ul(
            rx.foreach(
                SearchState.place_suggestions,
                lambda place: rx.el.li(
                    rx.button(
                        rx.icon("map-pin", size=16, aria_hidden="true"),
                        place["label"],
                        on_click=SearchState.choose_place(place["insee"]),
                        variant="soft",
                        width="100%",
                        justify="start",
                        size="3",
                        type="button",
                    ),
                    list_style="none",
                ),
            ),
            aria_label="Communes proposées",
            id="communes-proposees",
            custom_attrs={"onKeyDown": _SUGGESTION_KEYS},
            display="flex",
            flex_direction="column",
            gap="0.25rem",
            padding="0",
            margin="0",
            width="100%",
        ),
    )


def _location_chooser() -> rx.Component:
    return rx.vstack(
        rx.button(
            rx.icon("locate-fixed", aria_hidden="true"),
            "Utiliser ma position",
            on_click=SearchState.locate_me,
            variant="outline",
            size="3",
            width="100%",
            type="button",
        ),
        field_label("Ville ou code postal", "recherche-lieu"),
        rx.el.input(
            id="recherche-lieu",
            type="text",
            default_value="",
            on_change=SearchState.set_place_query.debounce(250),
            custom_attrs={"onKeyDown": _SUGGESTION_KEYS},
            aria_controls="communes-proposees",
            placeholder="Ex. : Strasbourg ou 67000",
            auto_complete="off",
            style=FIELD_STYLE,
        ),
        _place_suggestions(),
        rx.cond(
            (SearchState.place_query.length() > 1) & (SearchState.place_suggestions.length() == 0),
            rx.text("Aucune commune ne correspond.", size="2", role="status"),
        ),
        rx.button(
            rx.icon("globe", aria_hidden="true"),
            "France entière",
            on_click=SearchState.choose_everywhere,
            variant="outline",
            size="3",
            width="100%",
            type="button",
        ),
        _error(SearchState.location_error),
        spacing="2",
        width="100%",
        padding="0.75rem",
        background="white",
        border_radius="var(--radius-4)",
        id="choix-du-lieu",
    )


def _radius() -> rx.Component:
    return rx.cond(
        SearchState.located,
        rx.hstack(
            field_label("Rayon", "recherche-rayon"),
            rx.el.select(
                *[rx.el.option(f"{km} km", value=str(km)) for km in RADII],
                id="recherche-rayon",
                value=SearchState.radius_km.to_string(),
                on_change=SearchState.set_radius,
                style=FIELD_STYLE | {"width": "auto"},
            ),
            align="center",
            spacing="2",
        ),
    )


def _location() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.button(
                rx.icon("map-pin", aria_hidden="true"),
                rx.text("Où : ", SearchState.place_text, trim="both"),
                on_click=SearchState.toggle_location,
                aria_expanded=rx.cond(SearchState.location_open, "true", "false"),
                aria_controls="choix-du-lieu",
                variant="soft",
                size="3",
                type="button",
                style={"max_width": "100%"},
            ),
            _radius(),
            wrap="wrap",
            spacing="2",
            align="center",
            width="100%",
        ),
        rx.cond(SearchState.location_open, _location_chooser()),
        width="100%",
        spacing="2",
    )


# --- Filters -----------------------------------------------------------------------------


def _section(title: str, *content: rx.Component) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(title, font_weight="bold", margin_bottom="0.5rem"),
        rx.vstack(*content, spacing="2", width="100%"),
        border="none",
        padding="0",
        margin="0",
        width="100%",
    )


def _radio_group(value, on_change, options: list[tuple[str, str]], name: str) -> rx.Component:
    return rx.radio_group.root(
        rx.vstack(
            *[rx.radio_group.item(label, value=key) for key, label in options],
            spacing="2",
        ),
        value=value,
        on_change=on_change,
        name=name,
        size="3",
    )


def _filters_form() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            field_label("Catégorie", "filtre-categorie"),
            rx.el.select(
                rx.el.option("Toutes les catégories", value=""),
                *[rx.el.option(c.label, value=c.id) for c in SEARCH_CATEGORIES],
                id="filtre-categorie",
                value=SearchState.category,
                on_change=SearchState.set_category,
                style=FIELD_STYLE,
            ),
            spacing="2",
            width="100%",
        ),
        _section(
            "Prix",
            _radio_group(
                SearchState.price_mode,
                SearchState.set_price_mode,
                [
                    ("", "Tous les prix"),
                    ("free", "Gratuit uniquement"),
                    ("credit", "Dans la limite de mon crédit"),
                    ("max", "Jusqu'à un prix maximum"),
                ],
                "prix",
            ),
            rx.cond(
                SearchState.price_mode == "max",
                rx.vstack(
                    field_label("Prix maximum (en €)", "filtre-prix-max"),
                    rx.el.input(
                        id="filtre-prix-max",
                        type="number",
                        min="0",
                        max="300",
                        step="1",
                        input_mode="decimal",
                        default_value=SearchState.max_price_euros,
                        on_change=SearchState.set_max_price.debounce(400),
                        style=FIELD_STYLE,
                    ),
                    width="100%",
                    spacing="1",
                ),
            ),
        ),
        _section(
            "Dates",
            _radio_group(
                SearchState.date_preset,
                SearchState.set_date_preset,
                [("", "Toutes les dates"), *PRESETS.items(), ("range", "Choisir des dates")],
                "dates",
            ),
            rx.cond(
                SearchState.date_preset == "range",
                rx.hstack(
                    rx.vstack(
                        field_label("Du", "filtre-date-debut"),
                        rx.el.input(
                            id="filtre-date-debut",
                            type="date",
                            value=SearchState.date_first,
                            on_change=SearchState.set_date_first,
                            style=FIELD_STYLE,
                        ),
                        flex="1",
                        spacing="1",
                    ),
                    rx.vstack(
                        field_label("Au", "filtre-date-fin"),
                        rx.el.input(
                            id="filtre-date-fin",
                            type="date",
                            value=SearchState.date_last,
                            on_change=SearchState.set_date_last,
                            style=FIELD_STYLE,
                        ),
                        flex="1",
                        spacing="1",
                    ),
                    width="100%",
                ),
            ),
        ),
        _section(
            "Duo",
            rx.checkbox(
                "Uniquement les offres duo",
                checked=SearchState.duo_only,
                on_change=SearchState.set_duo_only,
                size="3",
            ),
            rx.text("Seules les sorties seront affichées.", size="2", color="var(--gray-11)"),
        ),
        _section(
            "Accessibilité",
            *[
                rx.checkbox(
                    label,
                    checked=SearchState.accessibility.contains(flag),
                    on_change=lambda checked, flag=flag: SearchState.set_accessibility(
                        flag, checked
                    ),
                    size="3",
                )
                for flag, label in ACCESSIBILITY_LABELS.items()
            ],
        ),
        rx.vstack(
            field_label("Trier par", "filtre-tri"),
            rx.el.select(
                rx.cond(
                    SearchState.located,
                    rx.el.option("Distance", value="distance"),
                ),
                rx.el.option("Date", value="date"),
                rx.el.option("Prix", value="price"),
                id="filtre-tri",
                value=SearchState.sort,
                on_change=SearchState.set_sort,
                style=FIELD_STYLE,
            ),
            spacing="2",
            width="100%",
        ),
        _error(SearchState.filters_error),
        spacing="5",
        width="100%",
    )


def _filters_dialog() -> rx.Component:
    count = SearchState.active_filters.length()
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                rx.icon("sliders-horizontal", aria_hidden="true"),
                rx.cond(count > 0, rx.text("Filtres (", count, ")"), rx.text("Filtres")),
                variant="outline",
                size="3",
                type="button",
            ),
        ),
        rx.dialog.content(
            rx.dialog.title("Filtres"),
            rx.dialog.description(
                "Les résultats se mettent à jour à chaque choix.", size="2", margin_bottom="1rem"
            ),
            _filters_form(),
            rx.hstack(
                rx.button(
                    "Réinitialiser",
                    on_click=SearchState.reset_filters,
                    variant="outline",
                    size="3",
                    type="button",
                    flex="1",
                ),
                rx.dialog.close(
                    rx.button(
                        rx.cond(
                            (SearchState.count_text == "")
                            | (SearchState.count_text == "Aucune offre"),
                            "Voir les résultats",
                            "Voir " + SearchState.count_text,
                        ),
                        size="3",
                        type="button",
                        flex="1",
                    ),
                ),
                spacing="2",
                width="100%",
                position="sticky",
                bottom="-1px",
                background="var(--color-panel-solid)",
                padding="1rem 0 0.25rem",
                margin_top="1rem",
            ),
            max_width="32rem",
            width="calc(100vw - 1rem)",
            max_height="calc(100dvh - 1rem)",
        ),
    )


def _active_filters() -> rx.Component:
    return rx.cond(
        SearchState.active_filters.length() > 0,
        rx.el.ul(
            rx.foreach(
                SearchState.active_filters,
                lambda active: rx.el.li(
                    rx.button(
                        active["label"],
                        rx.icon("x", size=14, aria_hidden="true"),
                        on_click=SearchState.remove_filter(active["key"]),
                        aria_label="Retirer le filtre " + active["label"],
                        variant="soft",
                        radius="full",
                        size="2",
                        type="button",
                    ),
                    list_style="none",
                ),
            ),
            aria_label="Filtres actifs",
            display="flex",
            flex_wrap="wrap",
            gap="0.5rem",
            padding="0",
            margin="0",
        ),
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
        _location(),
        rx.hstack(_filters_dialog(), _active_filters(), wrap="wrap", spacing="2", width="100%"),
        _error(SearchState.error),
        _results(),
        active="recherche",
    )
