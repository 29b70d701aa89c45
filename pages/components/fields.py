"""Native form fields of the youth pages (large tap targets on phones) and their labels."""

import json

import reflex as rx
from reflex.vars import Var

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


def field_label(text: str, html_for: str) -> rx.Component:
    return rx.el.label(text, html_for=html_for, font_weight="bold", font_size="0.9rem")


def labelled_upload(upload: rx.Component, label: str) -> rx.Component:
    """rx.upload renders its file input without props of ours: its name is added to the
    props react-dropzone spreads on it (screen readers and axe need one)."""
    zone = upload.children[0]
    file_input = zone.children[0]
    file_input.special_props = [
        *file_input.special_props,
        Var(_js_expr=json.dumps({"aria-label": label}, ensure_ascii=False)),
    ]
    return upload
