"""A sign-up's verification link that does not work: why, « Renvoyer l'email » when it
expired, and the ways to sign in or sign up (youth and pro sign-ups)."""

import reflex as rx

from pages.components.panels import notice, purple_link, refusal


def link_refused(
    state, *, mail_notice: rx.Var, mail_error: rx.Var, login_href: str, signup_href: str
) -> rx.Component:
    """`state` holds `link_error`, `link_outcome` and the `resend` event."""
    return rx.vstack(
        refusal(state.link_error),
        rx.cond(
            state.link_outcome == "link_expired",
            rx.vstack(
                notice(mail_notice),
                refusal(mail_error),
                rx.button("Renvoyer l'email", on_click=state.resend, size="3", width="100%"),
                spacing="3",
                width="100%",
            ),
        ),
        rx.text(
            purple_link("Se connecter", href=login_href, weight="bold"),
            " ou ",
            purple_link("créer un compte", href=signup_href, weight="bold"),
        ),
        spacing="4",
        width="100%",
    )
