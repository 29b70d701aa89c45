"""Form fields of the pro's offer form: a label, the native field, an optional hint
linked by aria-describedby (desktop first, still fine on a tablet)."""

import reflex as rx

from pages.components.fields import CHECK_STYLE, FIELD_STYLE, field_label

HINT_STYLE = {"font_size": "0.85rem", "color": "var(--gray-11)"}
# A frozen field (rule F1) looks frozen, not only to screen readers.
DISABLED_STYLE = {"&:disabled": {"background": "var(--gray-3)", "color": "var(--gray-11)"}}


def _hint(field_id: str, hint: str | None) -> rx.Component:
    return rx.text(hint, id=f"{field_id}-hint", style=HINT_STYLE) if hint else rx.fragment()


def _described(field_id: str, hint: str | None) -> dict:
    return {"aria_describedby": f"{field_id}-hint"} if hint else {}


def text_field(
    label: str,
    name: str,
    value,
    *,
    hint: str | None = None,
    required: bool = False,
    max_width: str = "100%",
    **props,
) -> rx.Component:
    field_id = f"offer-{name}"
    return rx.vstack(
        field_label(label, field_id),
        rx.el.input(
            id=field_id,
            name=name,
            default_value=value,
            required=required,
            style=FIELD_STYLE | {"max_width": max_width},
            **_described(field_id, hint),
            **props,
        ),
        _hint(field_id, hint),
        spacing="1",
        width="100%",
    )


def text_area(label: str, name: str, value, *, hint: str | None = None, rows: int = 4):
    field_id = f"offer-{name}"
    return rx.vstack(
        field_label(label, field_id),
        rx.el.textarea(
            id=field_id,
            name=name,
            default_value=value,
            rows=rows,
            style=FIELD_STYLE,
            **_described(field_id, hint),
        ),
        _hint(field_id, hint),
        spacing="1",
        width="100%",
    )


def select_field(
    label: str, name: str, value, options, *, hint: str | None = None, **props
) -> rx.Component:
    """`options`: (value, text) pairs, or native option/optgroup components."""
    field_id = f"offer-{name}"
    children = [rx.el.option(o[1], value=o[0]) if isinstance(o, tuple) else o for o in options]
    return rx.vstack(
        field_label(label, field_id),
        rx.el.select(
            *children,
            id=field_id,
            name=name,
            default_value=value,
            style=FIELD_STYLE | {"max_width": "32rem"} | DISABLED_STYLE,
            **_described(field_id, hint),
            **props,
        ),
        _hint(field_id, hint),
        spacing="1",
        width="100%",
    )


def checkbox(label: str, name: str, checked, *, hint: str | None = None) -> rx.Component:
    field_id = f"offer-{name}"
    return rx.vstack(
        rx.el.label(
            rx.el.input(
                type="checkbox",
                id=field_id,
                name=name,
                default_checked=checked,
                style=CHECK_STYLE,
                **_described(field_id, hint),
            ),
            rx.text(label, as_="span"),
            html_for=field_id,
            display="flex",
            align_items="center",
            gap="0.5rem",
            cursor="pointer",
        ),
        _hint(field_id, hint),
        spacing="1",
    )
