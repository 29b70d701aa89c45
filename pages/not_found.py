"""The page for an address that leads nowhere, in French, with a way home."""

import reflex as rx

from pages.components.brand import PURPLE, brand_mark
from pages.registry import page


@page(route="404", title="Page introuvable — pass Culture")
def not_found() -> rx.Component:
    return rx.center(
        rx.el.main(
            rx.vstack(
                brand_mark(),
                rx.heading("Page introuvable", as_="h1", size="7"),
                rx.text(
                    "L'adresse demandée n'existe pas ou n'est plus disponible. "
                    "Vérifiez-la, ou repartez de l'accueil.",
                    color_scheme="gray",
                ),
                rx.hstack(
                    rx.link(rx.button("Retour à l'accueil", size="3"), href="/"),
                    rx.link("Espace professionnel", href="/pro", color=PURPLE),
                    spacing="4",
                    align="center",
                    wrap="wrap",
                ),
                spacing="4",
                align="start",
            ),
            max_width="30rem",
        ),
        min_height="100dvh",
        padding="1.5rem",
        background_color="var(--gray-2)",
    )
