"""The frame of signed-in pages: a header saying who is signed in, with sign-out."""

import reflex as rx

from pages.components.brand import PURPLE, brand_mark
from pages.components.noscript import noscript_notice
from state.auth import SessionMixin


def column(max_width: str, padding: str) -> dict[str, str]:
    """Header and content share one centred column."""
    return {"maxWidth": max_width, "margin": "0 auto", "padding": padding}


def _header(session: type[SessionMixin], surface_name: str | None, max_width: str) -> rx.Component:
    # On a phone: the brand and the sign-out button share the first row, the name goes below.
    return rx.el.header(
        rx.flex(
            rx.box(brand_mark(surface_name, color="white"), flex_grow="1"),
            # Only once the guard has found the session: never an empty name, and no
            # sign-out button for someone about to be sent to the sign-in page.
            rx.cond(
                session.user_email != "",
                rx.fragment(
                    rx.text(
                        "Connecté en tant que ",
                        rx.text.strong(session.user_full_name),
                        size="2",
                        order=rx.breakpoints(initial="1", sm="0"),
                        width=rx.breakpoints(initial="100%", sm="auto"),
                    ),
                    rx.button(
                        "Se déconnecter",
                        on_click=session.log_out,
                        variant="surface",
                        color_scheme="gray",
                        high_contrast=True,
                        size="2",
                    ),
                ),
            ),
            align="center",
            wrap="wrap",
            column_gap="var(--space-3)",
            row_gap="var(--space-1)",
            style=column(max_width, "0.75rem 1rem"),
        ),
        style={"background": PURPLE, "color": "white"},
    )


def account_card(session: type[SessionMixin]) -> rx.Component:
    """Name, email and role of the signed-in user."""
    return rx.card(
        rx.data_list.root(
            rx.data_list.item(
                rx.data_list.label("Nom"), rx.data_list.value(session.user_full_name)
            ),
            rx.data_list.item(
                rx.data_list.label("Adresse email"), rx.data_list.value(session.user_email)
            ),
            rx.data_list.item(rx.data_list.label("Rôle"), rx.data_list.value(session.user_role)),
            orientation={"initial": "vertical", "sm": "horizontal"},
        ),
        width="100%",
    )


def signed_in_page(
    session: type[SessionMixin],
    *content: rx.Component,
    surface_name: str | None = None,
    max_width: str = "72rem",
    nav: rx.Component | None = None,
) -> rx.Component:
    """Shows `content` once the guard has found the session (it redirects otherwise);
    `nav`, when given, goes right under the header."""
    return rx.box(
        _header(session, surface_name, max_width),
        nav if nav is not None else rx.fragment(),
        rx.el.main(
            noscript_notice(
                "Cet espace a besoin de JavaScript : activez-le dans votre navigateur."
            ),
            rx.cond(
                session.user_email != "",
                rx.vstack(*content, spacing="4", width="100%"),
                rx.center(rx.spinner(size="3"), padding="3rem", aria_label="Chargement"),
            ),
            style=column(max_width, "1.5rem 1rem"),
        ),
        min_height="100dvh",
        background_color="var(--gray-2)",
    )
