"""Where the search looks: the browser's position, a typed commune (with suggestions the
keyboard can reach) or all France, and the radius."""

import reflex as rx

from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import refusal
from state.youth.search import RADII, SearchState

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
        refusal(SearchState.location_error),
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


def location_picker() -> rx.Component:
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
