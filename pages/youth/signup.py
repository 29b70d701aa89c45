"""Inscription (/inscription): email, password with live feedback on rule O2, the terms."""

import reflex as rx

from pages.components.panels import purple_link, refusal
from pages.components.password_rules import password_rules
from pages.components.signup_frame import signup_frame, text_field
from pages.registry import page
from state.youth.signup import SignupState

RULES_ID = "inscription-password-regles"


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
                password_rules(
                    SignupState.password_missing, "Ton mot de passe doit contenir :", RULES_ID
                ),
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
