"""Previous / next buttons of a paginated list, with where we are."""

import reflex as rx


def pager(page: rx.Var, pages: rx.Var, go_to, *, label: str) -> rx.Component:
    """Nothing when everything fits on one page; `go_to` is the event taking a page number."""
    return rx.cond(
        pages > 1,
        rx.el.nav(
            rx.flex(
                rx.button(
                    "Page précédente",
                    on_click=go_to(page - 1),
                    disabled=page <= 1,
                    variant="soft",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                rx.text("Page ", page, " sur ", pages, size="2"),
                rx.button(
                    "Page suivante",
                    on_click=go_to(page + 1),
                    disabled=page >= pages,
                    variant="soft",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                align="center",
                spacing="3",
            ),
            aria_label=label,
        ),
    )
