"""The back office's decision dialogs: a title, what it applies to, a form's fields and
error, then « Annuler » and the action (desktop: side by side, on the right)."""

import reflex as rx

from pages.components.panels import refusal


def form_dialog(
    title: rx.Var,
    description: rx.Component,
    *fields: rx.Component,
    error: rx.Var,
    submit: rx.Component,
    on_submit,
    is_open: rx.Var,
    on_open_change,
) -> rx.Component:
    """`submit` is the form's submit button; the form empties itself once sent."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            description,
            rx.form(
                rx.vstack(
                    *fields,
                    refusal(error),
                    rx.flex(
                        rx.dialog.close(
                            rx.button("Annuler", type="button", variant="soft", color_scheme="gray")
                        ),
                        submit,
                        spacing="3",
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                    margin_top="1rem",
                ),
                on_submit=on_submit,
                reset_on_submit=True,
            ),
            max_width="34rem",
        ),
        open=is_open,
        on_open_change=on_open_change,
    )
