"""Inscription (/inscription/email-envoye): « vérifie ta boîte mail », « Renvoyer l'email »."""

from datetime import timedelta

import reflex as rx

from pages.components.panels import purple_link
from pages.components.signup_frame import signup_frame
from pages.components.verification_link import resend_block
from pages.registry import page
from services import policy
from state.youth.signup import SignupState

_HOURS = policy.SIGNUP_LINK_VALIDITY // timedelta(hours=1)


@page(route="/inscription/email-envoye", title="Vérifie ta boîte mail — pass Culture")
def signup_inbox() -> rx.Component:
    return signup_frame(
        "Vérifie ta boîte mail",
        rx.cond(
            SignupState.sent_to != "",
            rx.vstack(
                rx.text(
                    "Nous avons envoyé un lien à ",
                    rx.text.strong(SignupState.sent_to, overflow_wrap="anywhere"),
                    f". Ouvre-le pour confirmer ton adresse : il est valable {_HOURS} heures.",
                ),
                rx.text(
                    "Rien reçu ? Regarde dans tes courriers indésirables, ou demande un "
                    "nouvel email.",
                    color_scheme="gray",
                ),
                resend_block(
                    SignupState.resend_notice, SignupState.resend_error, SignupState.resend
                ),
                rx.text(
                    "Une erreur dans l'adresse ? ",
                    purple_link("Recommence ton inscription", href="/inscription", weight="bold"),
                ),
                spacing="4",
                width="100%",
            ),
            rx.text(
                "Cette page sert après l'inscription. ",
                purple_link("Crée ton compte", href="/inscription", weight="bold"),
                " pour recevoir le lien de vérification.",
            ),
        ),
    )
