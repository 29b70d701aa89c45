"""The sign-in page shared by the three surfaces."""

import reflex as rx

from pages.components.brand import brand_mark
from state.auth import SessionMixin


def _field(name: str, label: str, **input_props) -> rx.Component:
    field_id = f"connexion-{name}"
    return rx.vstack(
        rx.el.label(label, html_for=field_id, class_name="pc-label"),
        rx.input(id=field_id, name=name, required=True, size="3", width="100%", **input_props),
        spacing="1",
        width="100%",
    )


def login_page(session: type[SessionMixin], *, title: str, intro: str) -> rx.Component:
    return rx.center(
        rx.el.main(
            rx.card(
                rx.vstack(
                    brand_mark(),
                    rx.heading(title, as_="h1", size="6"),
                    rx.text(intro, color_scheme="gray"),
                    rx.form(
                        rx.vstack(
                            _field(
                                "email",
                                "Adresse email",
                                type="email",
                                auto_complete="username",
                                input_mode="email",
                            ),
                            _field(
                                "password",
                                "Mot de passe",
                                type="password",
                                auto_complete="current-password",
                            ),
                            rx.cond(
                                session.login_error != "",
                                rx.callout(
                                    session.login_error,
                                    icon="triangle_alert",
                                    color_scheme="red",
                                    role="alert",
                                    width="100%",
                                ),
                            ),
                            # Enabled once the page is live: a click before that would
                            # submit the form natively, with the password in the URL.
                            rx.button(
                                "Se connecter",
                                type="submit",
                                size="3",
                                width="100%",
                                disabled=~rx.State.is_hydrated,
                            ),
                            spacing="4",
                            width="100%",
                        ),
                        on_submit=session.log_in,
                        reset_on_submit=False,
                        width="100%",
                    ),
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
