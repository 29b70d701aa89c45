"""The pass Culture name as shown at the top of every page."""

import reflex as rx

PURPLE = "#320096"


def brand_mark(surface_name: str | None = None, *, color: str = PURPLE) -> rx.Component:
    children = [rx.text("pass Culture", weight="bold", size="5", color=color)]
    if surface_name:
        children.append(rx.badge(surface_name, variant="solid", radius="full", high_contrast=True))
    return rx.hstack(*children, align="center", spacing="2")
