"""Youth app home (mobile first): the way to the credit, near me, the venues' highlights,
categories, discovery."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.category_style import CATEGORY_COLOURS
from pages.components.offer_card import card_list
from pages.components.youth_shell import youth_page
from pages.registry import page
from pages.youth.home_journey import journey_card
from services.search_categories import SEARCH_CATEGORIES, SearchCategory
from state.auth import YouthSession
from state.youth.home import HomeState

TILE_WIDTH = "10rem"


def _section(title: str, *content: rx.Component, more: str | None = None) -> rx.Component:
    heading = rx.heading(title, as_="h2", size="5")
    if more:
        heading = rx.hstack(
            heading,
            rx.link("Voir tout", href=more, color=PURPLE, weight="bold", size="2"),
            justify="between",
            align="baseline",
            width="100%",
        )
    return rx.el.section(
        heading,
        *content,
        display="flex",
        flex_direction="column",
        gap="0.75rem",
        width="100%",
    )


def _near() -> rx.Component:
    return rx.cond(
        HomeState.has_place,
        _section(
            "Près de chez toi",
            rx.text("Autour de ", HomeState.place_label, size="2", color="var(--gray-11)"),
            rx.cond(
                HomeState.near.length() > 0,
                card_list(HomeState.near, HomeState.toggle_favorite, "Offres près de chez toi"),
                rx.cond(
                    HomeState.loaded,
                    rx.text("Aucune offre autour de ce lieu pour l'instant.", size="2"),
                ),
            ),
            more="/recherche",
        ),
        _section(
            "Près de chez toi",
            rx.vstack(
                rx.text(
                    "Choisis une ville ou ta position pour voir les offres autour de toi.",
                    size="2",
                ),
                rx.button(
                    rx.link(
                        rx.icon("map-pin", aria_hidden="true"),
                        "Choisir un lieu",
                        href="/recherche",
                        underline="none",
                    ),
                    as_child=True,
                    size="3",
                ),
                padding="1rem",
                background="white",
                border_radius="var(--radius-4)",
                width="100%",
            ),
        ),
    )


# The tile's link names the offer only; its ::after makes the whole tile clickable.
_STRETCHED_LINK = {
    "position": "relative",
    "& .pc-tile-link::after": {"content": '""', "position": "absolute", "inset": "0"},
    "&:focus-within": {"outline": f"2px solid {PURPLE}", "outline_offset": "2px"},
}


def _tile_link(text, href) -> rx.Component:
    return rx.link(
        text,
        href=href,
        color_scheme="gray",
        high_contrast=True,
        underline="none",
        weight="bold",
        size="2",
        class_name="pc-tile-link",
        _hover={"color": "var(--gray-12)", "text_decoration": "underline"},
    )


def _highlight_tile(card) -> rx.Component:
    return rx.el.li(
        rx.image(
            src=card["image_url"],
            alt=card["name"],
            width=TILE_WIDTH,
            height=TILE_WIDTH,
            object_fit="cover",
            border_radius="var(--radius-3)",
        ),
        _tile_link(card["name"], card["href"]),
        rx.text(card["venue"], size="1", color="var(--gray-11)"),
        list_style="none",
        width=TILE_WIDTH,
        min_width=TILE_WIDTH,
        display="flex",
        flex_direction="column",
        gap="0.25rem",
        border_radius="var(--radius-3)",
        scroll_snap_align="start",
        style=_STRETCHED_LINK,
    )


def _highlights() -> rx.Component:
    return rx.cond(
        HomeState.highlights.length() > 0,
        _section(
            "Les coups de cœur des lieux",
            rx.box(
                rx.el.ul(
                    rx.foreach(HomeState.highlights, _highlight_tile),
                    display="flex",
                    gap="0.75rem",
                    padding="0 0 0.5rem",
                    margin="0",
                ),
                role="region",
                aria_label="Coups de cœur des lieux, faire défiler horizontalement",
                tab_index=0,
                overflow_x="auto",
                scroll_snap_type="x mandatory",
                width="100%",
                style={"&:focus-visible": {"outline": f"2px solid {PURPLE}"}},
            ),
        ),
    )


def _door(category: SearchCategory) -> rx.Component:
    background, colour = CATEGORY_COLOURS[category.id]
    return rx.el.li(
        rx.link(
            rx.icon(category.icon, size=22, color=colour, aria_hidden="true", flex_shrink="0"),
            rx.text(category.label, size="2", weight="bold", color="var(--gray-12)"),
            href=f"/recherche?categorie={category.id}",
            underline="none",
            display="flex",
            align_items="center",
            gap="0.5rem",
            padding="0.75rem",
            min_height="3.5rem",
            background=background,
            border_radius="var(--radius-3)",
            height="100%",
        ),
        list_style="none",
    )


def _categories() -> rx.Component:
    return _section(
        "Explorer les catégories",
        rx.el.ul(
            *[_door(category) for category in SEARCH_CATEGORIES],
            display="grid",
            grid_template_columns="repeat(2, minmax(0, 1fr))",
            gap="0.5rem",
            padding="0",
            margin="0",
        ),
    )


def _discover() -> rx.Component:
    return _section(
        "À découvrir",
        rx.cond(
            HomeState.discover.length() > 0,
            card_list(HomeState.discover, HomeState.toggle_favorite, "Offres à découvrir"),
            rx.cond(
                HomeState.loaded,
                rx.text("Tu as déjà exploré toutes les catégories : bravo !", size="2"),
            ),
        ),
    )


@page(route="/", title="pass Culture", on_load=[YouthSession.guard, HomeState.load])
def home() -> rx.Component:
    return youth_page(
        rx.heading("Bonjour ", YouthSession.user_first_name, "\u00a0!", as_="h1", size="7"),
        journey_card(),
        _near(),
        _highlights(),
        _categories(),
        _discover(),
        active="accueil",
    )
