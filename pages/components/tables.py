"""A plain HTML table in a white scrolling card (the pro and back-office lists)."""

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
