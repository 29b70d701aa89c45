"""Dialogs asking for a reason: the whole dialog refusing a request (the reason goes by
email; the pros' « Équipe » section, the admins' join requests) or holding a bank
account's payments (the reason is kept and shown), and the two buttons
closing a back-office dialog (« Annuler » and the red submit of its form)."""

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
    submit: str = "Refuser",
) -> rx.Component:
    """`submit` names the red button sending the form."""
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
                            submit,
                            type="submit",
                            color_scheme="red",
                            high_contrast=True,  # white on the plain red fails AA
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


def reason_buttons(confirm: str | rx.Var, busy: rx.Var) -> rx.Component:
    return rx.flex(
        rx.dialog.close(rx.button("Annuler", type="button", variant="soft", color_scheme="gray")),
        rx.button(confirm, type="submit", color_scheme="red", high_contrast=True, loading=busy),
        spacing="3",
        justify="end",
        width="100%",
    )
