"""The « S'identifier avec FranceConnect » button of the identity check (shown only when
FranceConnect is configured)."""

import reflex as rx


def france_connect_button() -> rx.Component:
    return rx.fragment()
