"""A link to a file served by an authenticated route (exports, statements, SEPA files)."""

import reflex as rx

from pages.components.brand import PURPLE


def download_link(*children, href: str | rx.Var, **props) -> rx.Component:
    # Reflex renders links with the router's Link: `reloadDocument` hands the click back
    # to the browser, which downloads what the route sends.
    return rx.el.a(
        *children,
        href=href,
        download="",
        custom_attrs={"reloadDocument": True},
        color=PURPLE,
        font_weight="500",
        text_decoration="underline",
        text_underline_offset="0.2em",
        **props,
    )
