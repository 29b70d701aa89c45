"""The pieces of the pro and back-office lists: a filter form (or a single search field)
and a plain HTML table in a white scrolling card, with its pager."""

import reflex as rx

from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager

CELL = {"padding": "0.6rem 0.75rem", "vertical_align": "top", "text_align": "left"}
# Read by screen readers, not shown.
VISUALLY_HIDDEN = {
    "position": "absolute",
    "width": "1px",
    "height": "1px",
    "overflow": "hidden",
    "clip": "rect(0 0 0 0)",
    "white_space": "nowrap",
}


def data_table(
    rows: rx.Var, render_row, *, caption: str, columns: tuple[str, ...], empty: str | rx.Var
) -> rx.Component:
    """`rows` rendered by `render_row`, under column headers; `empty` when there is none."""
    head = CELL | {"font_size": "0.85rem", "color": "var(--gray-11)"}
    return rx.cond(
        rows.length() > 0,
        rx.box(
            rx.el.table(
                rx.el.caption(caption, style=VISUALLY_HIDDEN),
                rx.el.thead(
                    rx.el.tr(*[rx.el.th(title, scope="col", style=head) for title in columns])
                ),
                rx.el.tbody(rx.foreach(rows, render_row)),
                width="100%",
                style={"border_collapse": "collapse"},
            ),
            background="white",
            border="1px solid var(--gray-5)",
            border_radius="12px",
            overflow_x="auto",
            width="100%",
        ),
        rx.text(empty, color_scheme="gray"),
    )


def filter_form(*fields: rx.Component, label: str, on_submit, on_reset) -> rx.Component:
    """The list's filters, then « Rechercher » and « Réinitialiser », wrapping on narrow
    screens; the values stay in the fields after a search."""
    return rx.el.form(
        rx.flex(
            *fields,
            rx.flex(
                rx.button("Rechercher", type="submit", size="3"),
                rx.button(
                    "Réinitialiser",
                    type="reset",
                    size="3",
                    variant="soft",
                    color_scheme="gray",
                    on_click=on_reset,
                ),
                spacing="2",
                align="end",
            ),
            wrap="wrap",
            spacing="3",
            align="end",
            width="100%",
        ),
        role="search",
        aria_label=label,
        on_submit=on_submit,
        reset_on_submit=False,
        width="100%",
    )


def paged_table(
    rows: rx.Var,
    render_row,
    *,
    caption: str,
    columns: tuple[str, ...],
    empty: str | rx.Var,
    page: rx.Var,
    pages: rx.Var,
    go_to,
    pager_label: str,
) -> rx.Component:
    """`data_table`, then the pager of its pages (`go_to` takes a page number)."""
    return rx.vstack(
        data_table(rows, render_row, caption=caption, columns=columns, empty=empty),
        pager(page, pages, go_to, label=pager_label),
        spacing="3",
        width="100%",
    )


def search_form(field: str, *, label: str, on_submit, on_reset) -> rx.Component:
    """A list's one search field, labelled `field`, sent as « recherche »."""
    return filter_form(
        rx.vstack(
            field_label(field, "recherche"),
            rx.el.input(
                id="recherche",
                name="recherche",
                type="search",
                auto_complete="off",
                style=FIELD_STYLE | {"width": "24rem", "max_width": "100%"},
            ),
            spacing="1",
        ),
        label=label,
        on_submit=on_submit,
        on_reset=on_reset,
    )
