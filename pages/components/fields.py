"""Native form fields of the youth pages (large tap targets on phones) and their labels."""

import json

import reflex as rx
from reflex.vars import Var

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


def field_label(text: str, html_for: str) -> rx.Component:
    return rx.el.label(text, html_for=html_for, font_weight="bold", font_size="0.9rem")


def _labelled(upload: rx.Component, label: str) -> rx.Component:
    """rx.upload renders its file input without props of ours: its name is added to the
    props react-dropzone spreads on it (screen readers and axe need one)."""
    zone = upload.children[0]
    file_input = zone.children[0]
    file_input.special_props = [
        *file_input.special_props,
        Var(_js_expr=json.dumps({"aria-label": label}, ensure_ascii=False)),
    ]
    return upload


def drop_zone(
    *,
    upload_id: str,
    accept: dict[str, list[str]],
    label: str,
    icon: str,
    prompt: rx.Component,
    on_drop,
    on_rejected,
    **props,
) -> rx.Component:
    """One file, dropped or chosen: `on_drop` gets it, `on_rejected` only the browser's
    refusal codes (react-dropzone's), never the refused file."""
    return _labelled(
        rx.upload.root(
            rx.vstack(
                rx.icon(icon, size=32, aria_hidden="true", color=PURPLE),
                prompt,
                align="center",
                spacing="2",
            ),
            id=upload_id,
            accept=accept,
            multiple=False,
            max_files=1,
            on_drop=on_drop(rx.upload_files(upload_id=upload_id)),
            on_drop_rejected=lambda rejected: on_rejected(
                rejected.map(lambda r: r["errors"].to(list)[0].to(dict)["code"].to(str))
            ),
            border=f"2px dashed {PURPLE}",
            border_radius="12px",
            padding="1.5rem",
            width="100%",
            cursor="pointer",
            **props,
        ),
        label,
    )
