"""The buttons closing a back-office dialog that asks for a reason: « Annuler », and the
red submit of its form."""

import reflex as rx


def reason_buttons(confirm: str | rx.Var, busy: rx.Var) -> rx.Component:
    return rx.flex(
        rx.dialog.close(rx.button("Annuler", type="button", variant="soft", color_scheme="gray")),
        rx.button(confirm, type="submit", color_scheme="red", high_contrast=True, loading=busy),
        spacing="3",
        justify="end",
        width="100%",
    )
