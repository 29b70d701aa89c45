"""The search filters in a dialog that fits a phone (category, price, dates, duo,
accessibility, sort), and the active ones as removable chips."""

import reflex as rx

from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import refusal
from services.search_categories import SEARCH_CATEGORIES
from services.search_dates import PRESETS
from state.youth.search import ACCESSIBILITY_LABELS, SearchState


def _date_field(label: str, field_id: str, value, on_change) -> rx.Component:
    """One end of the chosen date range."""
    return rx.vstack(
        field_label(label, field_id),
        rx.el.input(id=field_id, type="date", value=value, on_change=on_change, style=FIELD_STYLE),
        flex="1",
        spacing="1",
    )


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
                        type="text",
                        input_mode="decimal",
                        auto_complete="off",
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
                    _date_field(
                        "Du",
                        "filtre-date-debut",
                        SearchState.date_first,
                        SearchState.set_date_first,
                    ),
                    _date_field(
                        "Au", "filtre-date-fin", SearchState.date_last, SearchState.set_date_last
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
        refusal(SearchState.filters_error),
        spacing="5",
        width="100%",
    )


def filters_dialog() -> rx.Component:
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


def active_filters() -> rx.Component:
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
