"""Live feedback on each point of the password policy (rule O2), shared by the sign-ups."""

import reflex as rx

from pages.components.signup_frame import VISUALLY_HIDDEN
from services.passwords import POLICY_POINTS


def _policy_point(missing: rx.Var, point: str) -> rx.Component:
    met = ~missing.contains(point)
    return rx.el.li(
        rx.hstack(
            rx.cond(
                met,
                rx.icon("circle-check", size=18, color="var(--green-11)", aria_hidden="true"),
                rx.icon("circle", size=18, color="var(--gray-10)", aria_hidden="true"),
            ),
            rx.text(point, size="2", color=rx.cond(met, "var(--green-11)", "var(--gray-11)")),
            rx.el.span(rx.cond(met, " : respecté", " : manquant"), style=VISUALLY_HIDDEN),
            spacing="2",
            align="center",
        ),
        list_style="none",
    )


def password_rules(missing: rx.Var, title: str, rules_id: str) -> rx.Component:
    """`missing`: the points not met yet by what is typed; the password field points at
    `rules_id` with aria-describedby."""
    return rx.box(
        rx.text(title, size="2", id=f"{rules_id}-titre"),
        rx.el.ul(
            *(_policy_point(missing, point) for point, _met in POLICY_POINTS),
            padding="0",
            margin="0.25rem 0 0",
            aria_labelledby=f"{rules_id}-titre",
        ),
        id=rules_id,
        width="100%",
    )
