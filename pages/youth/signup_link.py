"""Inscription (/inscription/verification?token=…): the link of the email, then the session."""

import reflex as rx

from pages.components.panels import loading, refusal
from pages.components.signup_frame import signup_frame, text_field
from pages.components.verification_link import link_refused
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
            link_refused(
                SignupState,
                mail_notice=SignupState.resend_notice,
                mail_error=SignupState.resend_error,
                login_href="/connexion",
                signup_href="/inscription",
            ),
        ),
    )
