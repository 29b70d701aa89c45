"""The pieces of the pro and back-office lists: a filter form and a plain HTML table in a
white scrolling card."""

import reflex as rx

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
    rows: rx.Var, render_row, *, caption: str, columns: tuple[str, ...], empty: str
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
