"""The dialog asking why a request is refused (the reason goes by email), for the pros'
« Équipe » section and the admins' join requests."""

import reflex as rx

from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import dialog_actions, refusal


def reason_dialog(
    *title: rx.Var | str,
    description: rx.Component,
    label: str,
    field_id: str,
    error: rx.Var,
    busy: rx.Var,
    on_submit,
    is_open: rx.Var,
    on_open_change,
    required: bool,
) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(*title),
            description,
            rx.form(
                rx.vstack(
                    field_label(label, field_id),
                    rx.el.textarea(
                        id=field_id,
                        name="reason",
                        rows="4",
                        max_length=1000,
                        required=required,
                        style=FIELD_STYLE,
                    ),
                    refusal(error),
                    dialog_actions(
                        rx.button(
                            "Refuser",
                            type="submit",
                            color_scheme="red",
                            size="3",
                            width="100%",
                            loading=busy,
                        ),
                        "Annuler",
                        rx.dialog.close,
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=on_submit,
                reset_on_submit=False,
            ),
            max_width="30rem",
        ),
        open=is_open,
        on_open_change=on_open_change,
    )
