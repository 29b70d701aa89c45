"""The « S'identifier avec FranceConnect » button of the identity check, in FranceConnect's
own look (blue #000091, two lines, the link « Qu'est-ce que FranceConnect ? » under it).

Shown only when FranceConnect is configured, decided when the pages are built: `reflex
run` builds them at each start, as it reads the settings. The button is a plain link to
the route that leaves for the provider (a full page load).
"""

import reflex as rx

from pages.components.signup_frame import VISUALLY_HIDDEN
from services import france_connect

FRANCE_CONNECT_BLUE = "#000091"
FRANCE_CONNECT_BLUE_HOVER = "#1212ff"
ABOUT_URL = "https://franceconnect.gouv.fr/"
START_ROUTE = "/api/franceconnect/connexion"


def france_connect_button() -> rx.Component:
    if not france_connect.is_configured():
        return rx.fragment()
    return rx.vstack(
        rx.el.a(
            # The space keeps the two lines apart in the link's accessible name.
            rx.el.span("S'identifier avec ", display="block", font_size="1rem"),
            rx.el.span("FranceConnect", display="block", font_size="1.125rem", font_weight="700"),
            href=START_ROUTE,
            # Reflex renders links with the router's Link: `reloadDocument` makes the
            # click a real page load, so the route (not the app's router) answers.
            custom_attrs={"reloadDocument": True},
            display="inline-block",
            padding="0.75rem 1.5rem",
            min_width="14rem",
            text_align="center",
            line_height="1.25",
            color="white",
            background_color=FRANCE_CONNECT_BLUE,
            text_decoration="none",
            border_radius="4px",
            _hover={"background_color": FRANCE_CONNECT_BLUE_HOVER, "color": "white"},
            _focus_visible={"outline": f"2px solid {FRANCE_CONNECT_BLUE}", "outline_offset": "2px"},
        ),
        rx.el.a(
            "Qu'est-ce que FranceConnect ?",
            rx.el.span(" (nouvelle fenêtre)", style=VISUALLY_HIDDEN),
            href=ABOUT_URL,
            target="_blank",
            rel="noopener",
            color=FRANCE_CONNECT_BLUE,
            font_size="0.875rem",
            text_decoration="underline",
        ),
        align="center",
        spacing="2",
        width="100%",
    )
