"""The back office's dialog asking why (a rejection, a deactivation): a required text
sent to the structure, the service's refusal under it, « Annuler » and the red action."""

import reflex as rx

from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import refusal


def reason_dialog(
    *,
    title: rx.Var | str,
    description: rx.Component,
    label: str,
    name: str,
    confirm: rx.Var | str,
    error: rx.Var,
    busy: rx.Var,
    on_submit,
    is_open: rx.Var,
    on_open_change,
) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            description,
            rx.form(
                rx.vstack(
                    field_label(label, name),
                    rx.el.textarea(
                        id=name,
                        name=name,
                        rows="4",
                        max_length=1000,
                        auto_focus=True,
                        style=FIELD_STYLE,
                    ),
                    refusal(error),
                    rx.flex(
                        rx.dialog.close(
                            rx.button("Annuler", type="button", variant="soft", color_scheme="gray")
                        ),
                        rx.button(
                            confirm,
                            type="submit",
                            color_scheme="red",
                            high_contrast=True,
                            loading=busy,
                        ),
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
