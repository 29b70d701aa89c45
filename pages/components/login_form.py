"""The sign-in page shared by the three surfaces, and the card frame and fields it shares
with the password reset pages."""

import reflex as rx

from pages.components.brand import brand_mark
from state.auth import FORGOT_PASSWORD_ROUTES, SessionMixin


def card_field(name: str, label: str, *, hint: str = "", **input_props) -> rx.Component:
    field_id = f"connexion-{name}"
    hint_id = f"{field_id}-aide"
    return rx.vstack(
        rx.el.label(label, html_for=field_id, class_name="pc-label"),
        rx.input(
            id=field_id,
            name=name,
            required=True,
            size="3",
            width="100%",
            **({"aria-describedby": hint_id} if hint else {}),
            **input_props,
        ),
        rx.text(hint, id=hint_id, size="2", color_scheme="gray") if hint else rx.fragment(),
        spacing="1",
        width="100%",
    )


def card_page(title: str, intro: str | rx.Component, *children: rx.Component) -> rx.Component:
    """A small centred card under the brand: the sign-in and password reset pages."""
    return rx.center(
        rx.el.main(
            rx.card(
                rx.vstack(
                    brand_mark(),
                    rx.heading(title, as_="h1", size="6"),
                    rx.text(intro, color_scheme="gray") if isinstance(intro, str) else intro,
                    *children,
                    spacing="4",
                ),
                size=rx.breakpoints(initial="3", sm="4"),
                width="100%",
            ),
            width="100%",
            max_width="26rem",
        ),
        min_height="100dvh",
        padding="1rem",
        background_color="var(--gray-2)",
    )


def submit_button(label: str) -> rx.Component:
    # Enabled once the page is live: a click before that would submit the form natively,
    # with the password in the URL.
    return rx.button(label, type="submit", size="3", width="100%", disabled=~rx.State.is_hydrated)


def alert(message: rx.Var, *link: rx.Component) -> rx.Component:
    """A refusal announced to screen readers, with an optional link after it."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle_alert")),
        rx.callout.text(message, *link),
        color_scheme="red",
        role="alert",
        width="100%",
    )


def inline_link(label: rx.Var | str, href: rx.Var | str) -> rx.Component:
    return rx.fragment(" ", rx.link(label, href=href, weight="bold", underline="always"))


def login_page(
    session: type[SessionMixin], *extra: rx.Component, title: str, intro: str
) -> rx.Component:
    """The sign-in form of a surface; `extra` goes under it (e.g. the way to sign up)."""
    return card_page(
        title,
        intro,
        rx.form(
            rx.vstack(
                card_field(
                    "email",
                    "Adresse email",
                    type="email",
                    auto_complete="username",
                    input_mode="email",
                ),
                card_field(
                    "password", "Mot de passe", type="password", auto_complete="current-password"
                ),
                rx.cond(
                    session.login_error != "",
                    # After a right password at the wrong door: the link to the right one.
                    alert(
                        session.login_error,
                        rx.cond(
                            session.login_door_href != "",
                            inline_link(session.login_door_label, session.login_door_href),
                        ),
                    ),
                ),
                submit_button("Se connecter"),
                spacing="4",
                width="100%",
            ),
            on_submit=session.log_in,
            reset_on_submit=False,
            width="100%",
        ),
        rx.link(
            "Mot de passe oublié\u00a0?", href=FORGOT_PASSWORD_ROUTES[session.surface], size="2"
        ),
        *extra,
    )
