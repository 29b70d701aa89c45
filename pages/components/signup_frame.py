"""The frame and fields of the sign-up pages: one card on a phone, nothing to wander off to."""

import reflex as rx

from pages.components.brand import brand_mark
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.noscript import noscript_notice

# Read by screen readers, not shown.
VISUALLY_HIDDEN = {
    "position": "absolute",
    "width": "1px",
    "height": "1px",
    "overflow": "hidden",
    "clip": "rect(0 0 0 0)",
    "white_space": "nowrap",
}


def signup_frame(heading: str | rx.Var, *children: rx.Component) -> rx.Component:
    return rx.center(
        rx.el.main(
            noscript_notice(
                "L’inscription au pass Culture a besoin de JavaScript : active-le dans ton "
                "navigateur pour continuer."
            ),
            rx.card(
                rx.vstack(
                    brand_mark(),
                    rx.heading(heading, as_="h1", size="6"),
                    *children,
                    spacing="4",
                    width="100%",
                ),
                size=rx.breakpoints(initial="3", sm="4"),
                width="100%",
            ),
            width="100%",
            max_width="28rem",
        ),
        min_height="100dvh",
        padding="1rem",
        background_color="var(--gray-2)",
    )


def text_field(
    name: str, label: str, *, error: rx.Var | None = None, hint: str = "", **input_props
) -> rx.Component:
    """A labelled native input; its error (a var, "" when none) is tied to it for
    screen readers."""
    field_id = f"inscription-{name}"
    described = [input_props.pop("aria_describedby")] if "aria_describedby" in input_props else []
    described += [f"{field_id}-aide"] if hint else []
    children = [field_label(label, field_id)]
    if hint:
        children.append(rx.text(hint, id=f"{field_id}-aide", size="2", color_scheme="gray"))
    style = FIELD_STYLE
    if error is not None:
        described.append(f"{field_id}-erreur")
        input_props["aria_invalid"] = rx.cond(error != "", "true", "false")
        style = FIELD_STYLE | {
            "border": rx.cond(error != "", "2px solid var(--red-9)", FIELD_STYLE["border"])
        }
    children.append(
        rx.el.input(
            id=field_id,
            name=name,
            aria_describedby=" ".join(described) or None,
            style=style,
            **input_props,
        )
    )
    if error is not None:
        children.append(rx.text(error, id=f"{field_id}-erreur", size="2", color="var(--red-11)"))
    return rx.vstack(*children, spacing="1", width="100%")


def notice(message: rx.Var) -> rx.Component:
    """A confirmation, announced politely; nothing when empty."""
    return rx.cond(
        message != "",
        rx.callout(message, icon="circle-check", color_scheme="green", role="status", width="100%"),
    )
