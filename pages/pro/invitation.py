"""A team invitation's link (/pro/invitation?token=…): join the structure signed in, or
sign in here, or create an account with the invited address."""

import reflex as rx

from pages.components.login_form import card_field, card_page, submit_button
from pages.components.panels import loading, purple_link, refusal
from pages.registry import page
from state.pro.invitation import InvitationState as S


def _signed_in() -> rx.Component:
    return rx.vstack(
        rx.text("Vous êtes connecté avec ", rx.text.strong(S.signed_in_email), "."),
        refusal(S.accept_error),
        rx.button("Rejoindre la structure", on_click=S.accept, size="3", width="100%"),
        spacing="4",
        width="100%",
    )


def _sign_in() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Connectez-vous avec le compte de ", rx.text.strong(S.invited_email), "."),
            card_field(
                "password", "Mot de passe", type="password", auto_complete="current-password"
            ),
            refusal(S.accept_error),
            submit_button("Me connecter et rejoindre"),
            spacing="4",
            width="100%",
        ),
        on_submit=S.sign_in_and_accept,
        reset_on_submit=False,
        width="100%",
    )


def _sign_up() -> rx.Component:
    return rx.vstack(
        rx.text("Créez votre compte avec l’adresse ", rx.text.strong(S.invited_email), "."),
        rx.button(
            rx.link("Créer mon compte", href=S.signup_href, color="white", underline="none"),
            as_child=True,
            size="3",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _invitation() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Vous êtes invité à rejoindre « ",
            rx.text.strong(S.invitation_offerer),
            " » dans l’espace professionnel du pass Culture.",
        ),
        rx.cond(
            S.signed_in_email != "",
            _signed_in(),
            rx.cond(S.has_account, _sign_in(), _sign_up()),
        ),
        spacing="4",
        width="100%",
    )


@page(
    route="/pro/invitation",
    title="Invitation — Espace professionnel — pass Culture",
    on_load=S.open_invitation,
)
def invitation() -> rx.Component:
    return card_page(
        "Invitation à rejoindre une structure",
        rx.fragment(),
        rx.cond(
            S.invitation_loaded,
            rx.cond(
                S.invitation_error != "",
                rx.vstack(
                    refusal(S.invitation_error),
                    purple_link("Se connecter", href="/pro/connexion", weight="bold"),
                    spacing="3",
                    width="100%",
                ),
                _invitation(),
            ),
            loading("Chargement de l’invitation"),
        ),
    )
