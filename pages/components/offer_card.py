"""An offer as a card (search results, home, favourites): image or category placeholder,
name linking to the offer page, venue, where, first date, price, duo, favourite heart.

`card` is a dict shaped by state/youth/cards.py."""

from collections.abc import Callable

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.category_style import category_placeholder

IMAGE_SIZE = "6rem"


def _image(card) -> rx.Component:
    return rx.box(
        rx.cond(
            card["image_url"] != "",
            rx.image(
                src=card["image_url"],
                alt=card["name"],
                width="100%",
                height="100%",
                object_fit="cover",
                loading="lazy",
            ),
            category_placeholder(card["category_id"]),
        ),
        width=IMAGE_SIZE,
        min_width=IMAGE_SIZE,
        height=IMAGE_SIZE,
        border_radius="var(--radius-3)",
        overflow="hidden",
    )


def favorite_button(card, on_toggle: Callable) -> rx.Component:
    return rx.icon_button(
        rx.icon(
            "heart",
            size=20,
            fill=rx.cond(card["favorite"], PURPLE, "none"),
            aria_hidden="true",
        ),
        on_click=on_toggle(card["offer_id"]),
        aria_pressed=rx.cond(card["favorite"], "true", "false"),
        aria_label=rx.cond(card["favorite"], "Retirer des favoris", "Ajouter aux favoris"),
        title=rx.cond(card["favorite"], "Retirer des favoris", "Ajouter aux favoris"),
        variant="ghost",
        color=PURPLE,
        size="3",
        radius="full",
    )


def offer_card(card, on_toggle_favorite: Callable | None, heading: str = "h3") -> rx.Component:
    """`on_toggle_favorite` None: no heart (the pro's preview, rule E4)."""
    details = rx.vstack(
        rx.text(card["category_label"], size="1", color="var(--gray-11)"),
        rx.heading(
            rx.link(
                card["name"],
                href=card["href"],
                color_scheme="gray",
                high_contrast=True,
                underline="none",
                _hover={"color": "var(--gray-12)", "text_decoration": "underline"},
                class_name="pc-card-link",
            ),
            as_=heading,
            size="3",
            style={"overflow_wrap": "anywhere"},
        ),
        rx.text(
            card["venue"],
            rx.cond(card["where"] != "", rx.fragment(" · ", card["where"])),
            size="2",
            color="var(--gray-11)",
        ),
        rx.cond(card["date"] != "", rx.text(card["date"], size="2")),
        rx.hstack(
            rx.cond(
                card["available"],
                rx.text(card["price"], weight="bold", size="2", color=PURPLE),
                rx.badge(
                    "Plus disponible", color_scheme="gray", variant="solid", high_contrast=True
                ),
            ),
            rx.cond(card["is_duo"], rx.badge("Duo", color_scheme="iris", variant="soft")),
            spacing="2",
            align="center",
        ),
        rx.cond(
            card["reason"] != "",
            rx.text(
                rx.text.strong("Pourquoi cette offre ? "), card["reason"], size="2", color=PURPLE
            ),
        ),
        spacing="1",
        min_width="0",
        flex="1",
    )
    return rx.el.article(
        rx.hstack(
            _image(card),
            details,
            # Above the name's link, which covers the card.
            rx.box(favorite_button(card, on_toggle_favorite), position="relative", z_index="1")
            if on_toggle_favorite
            else rx.fragment(),
            spacing="3",
            align="start",
            width="100%",
        ),
        position="relative",
        padding="0.75rem",
        background="white",
        border_radius="var(--radius-4)",
        box_shadow="0 1px 3px rgba(0, 0, 0, 0.08)",
        width="100%",
        style={
            # The name's link covers the whole card (the heart stays above it).
            "& .pc-card-link::after": {"content": '""', "position": "absolute", "inset": "0"},
            "&:focus-within": {"outline": f"2px solid {PURPLE}", "outline_offset": "2px"},
        },
    )


def card_list(cards, on_toggle_favorite: Callable, label: str, heading: str = "h3") -> rx.Component:
    return rx.el.ul(
        rx.foreach(
            cards,
            lambda card: rx.el.li(offer_card(card, on_toggle_favorite, heading), list_style="none"),
        ),
        aria_label=label,
        display="flex",
        flex_direction="column",
        gap="0.75rem",
        padding="0",
        margin="0",
        width="100%",
    )
