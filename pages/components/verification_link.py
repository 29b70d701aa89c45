"""« Renvoyer l'email » of the sign-ups (youth and pro), and their verification link that
does not work: why, the resend when it expired, the ways to sign in or sign up."""

import reflex as rx

from pages.components.panels import notice, purple_link, refusal


def resend_block(mail_notice: rx.Var, mail_error: rx.Var, on_resend) -> rx.Component:
    """What the last « Renvoyer l'email » did, and the button (enabled once live)."""
    return rx.vstack(
        notice(mail_notice),
        refusal(mail_error),
        rx.button(
            "Renvoyer l'email",
            on_click=on_resend,
            size="3",
            variant="soft",
            width="100%",
            disabled=~rx.State.is_hydrated,
        ),
        spacing="3",
        width="100%",
    )


def link_refused(
    state, *, mail_notice: rx.Var, mail_error: rx.Var, login_href: str, signup_href: str
) -> rx.Component:
    """`state` holds `link_error`, `link_outcome` and the `resend` event."""
    return rx.vstack(
        refusal(state.link_error),
        rx.cond(
            state.link_outcome == "link_expired",
            resend_block(mail_notice, mail_error, state.resend),
        ),
        rx.text(
            purple_link("Se connecter", href=login_href, weight="bold"),
            " ou ",
            purple_link("créer un compte", href=signup_href, weight="bold"),
        ),
        spacing="4",
        width="100%",
    )
