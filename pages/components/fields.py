"""Native form fields of the youth pages (large tap targets on phones) and their labels."""

import reflex as rx

from pages.components.brand import PURPLE

FIELD_STYLE = {
    "width": "100%",
    "min_height": "2.75rem",
    "padding": "0.5rem 0.75rem",
    "border": "1px solid var(--gray-8)",
    "border_radius": "var(--radius-3)",
    "background": "white",
    "font_size": "1rem",
    "color": "var(--gray-12)",
}

# Native checkboxes: large, in the brand colour.
CHECK_STYLE = {"width": "1.25rem", "height": "1.25rem", "accent_color": PURPLE}


def field_label(text: str, html_for: str) -> rx.Component:
    return rx.el.label(text, html_for=html_for, font_weight="bold", font_size="0.9rem")
