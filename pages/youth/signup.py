"""Inscription (/inscription): email, password with live feedback on rule O2, the terms."""

import reflex as rx

from pages.components.panels import purple_link, refusal
from pages.components.signup_frame import VISUALLY_HIDDEN, signup_frame, text_field
from pages.registry import page
from services.passwords import POLICY_POINTS
from state.youth.signup import SignupState

RULES_ID = "inscription-password-regles"


def _policy_point(point: str) -> rx.Component:
    met = ~SignupState.password_missing.contains(point)
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


def _password_rules() -> rx.Component:
    return rx.box(
        rx.text("Ton mot de passe doit contenir :", size="2", id=f"{RULES_ID}-titre"),
        rx.el.ul(
            *(_policy_point(point) for point, _met in POLICY_POINTS),
            padding="0",
            margin="0.25rem 0 0",
            aria_labelledby=f"{RULES_ID}-titre",
        ),
        id=RULES_ID,
        width="100%",
    )


def _terms() -> rx.Component:
    return rx.hstack(
        rx.el.input(
            type="checkbox",
            id="inscription-terms",
            name="terms",
            required=True,
            style={"width": "1.5rem", "height": "1.5rem", "flex_shrink": "0", "margin": "0"},
        ),
        rx.el.label(
            "J'accepte les conditions générales d'utilisation du pass Culture.",
            html_for="inscription-terms",
        ),
        spacing="3",
        align="center",
        width="100%",
    )


@page(route="/inscription", title="Inscription — pass Culture", on_load=SignupState.start)
def signup() -> rx.Component:
    return signup_frame(
        "Crée ton compte",
        rx.text(
            "Le pass Culture est ouvert aux jeunes de 18 ans. Commence par ton adresse email "
            "et un mot de passe.",
            color_scheme="gray",
        ),
        rx.form(
            rx.vstack(
                text_field(
                    "email",
                    "Adresse email",
                    type="email",
                    required=True,
                    auto_complete="email",
                    input_mode="email",
                ),
                text_field(
                    "password",
                    "Mot de passe",
                    type="password",
                    required=True,
                    auto_complete="new-password",
                    on_change=SignupState.check_password,
                    aria_describedby=RULES_ID,
                ),
                _password_rules(),
                _terms(),
                refusal(SignupState.signup_error),
                # Enabled once the page is live: before that the form would submit
                # natively, with the password in the URL.
                rx.button(
                    "Créer mon compte",
                    type="submit",
                    size="3",
                    width="100%",
                    disabled=~rx.State.is_hydrated,
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=SignupState.sign_up,
            reset_on_submit=False,
            width="100%",
        ),
        rx.text(
            "Tu as déjà un compte ? ",
            purple_link("Connecte-toi", href="/connexion", weight="bold"),
        ),
    )
