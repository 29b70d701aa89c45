"""Inscription (/inscription/verification?token=…): the link of the email, then the session."""

import reflex as rx

from pages.components.panels import loading, purple_link, refusal
from pages.components.signup_frame import notice, signup_frame, text_field
from pages.registry import page
from state.youth.signup import SignupState


def _verified() -> rx.Component:
    return rx.vstack(
        rx.text("Merci ! Confirme ton mot de passe pour compléter ton profil."),
        rx.form(
            rx.vstack(
                text_field(
                    "password",
                    "Mot de passe",
                    type="password",
                    required=True,
                    auto_complete="current-password",
                ),
                refusal(SignupState.link_error),
                rx.button(
                    "Continuer",
                    type="submit",
                    size="3",
                    width="100%",
                    disabled=~rx.State.is_hydrated,
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=SignupState.continue_signed_in,
            reset_on_submit=False,
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _refused() -> rx.Component:
    return rx.vstack(
        refusal(SignupState.link_error),
        rx.cond(
            SignupState.link_outcome == "link_expired",
            rx.vstack(
                notice(SignupState.resend_notice),
                refusal(SignupState.resend_error),
                rx.button(
                    "Renvoyer l'email",
                    on_click=SignupState.resend,
                    size="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
        ),
        rx.text(
            purple_link("Se connecter", href="/connexion", weight="bold"),
            " ou ",
            purple_link("créer un compte", href="/inscription", weight="bold"),
        ),
        spacing="4",
        width="100%",
    )


@page(
    route="/inscription/verification",
    title="Vérification de ton adresse — pass Culture",
    on_load=SignupState.verify,
)
def signup_link() -> rx.Component:
    return signup_frame(
        rx.match(
            SignupState.link_outcome,
            ("", "Vérification de ton adresse"),
            ("verified", "Ton adresse est vérifiée"),
            "Ce lien ne fonctionne pas",
        ),
        rx.match(
            SignupState.link_outcome,
            ("", loading("Vérification en cours")),
            ("verified", _verified()),
            _refused(),
        ),
    )
