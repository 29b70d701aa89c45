"""Identity check with FranceConnect (/verification-identite/franceconnect): the button,
and where the provider's return lands with its result (a code turned into French)."""

import reflex as rx

from pages.components.france_connect import france_connect_button
from pages.components.panels import purple_link, refusal, success
from pages.components.signup_frame import signup_frame
from pages.registry import page
from state.auth import YouthSession
from state.youth.france_connect import FranceConnectState


def _activated() -> rx.Component:
    return rx.vstack(
        success("Ton identité est vérifiée : ton crédit pass Culture est activé !"),
        rx.text("Nous t'avons aussi envoyé un email qui récapitule ton crédit."),
        purple_link("Voir mon crédit", href="/profil", weight="bold"),
        spacing="4",
        width="100%",
    )


def _to_check() -> rx.Component:
    return rx.vstack(
        refusal(FranceConnectState.error_message),
        rx.text(
            "FranceConnect te permet de prouver ton identité avec un compte que tu as déjà "
            "(impots.gouv.fr, ameli.fr, l'Identité Numérique La Poste…). Ton crédit est "
            "activé dès ton retour ici."
        ),
        france_connect_button(),
        purple_link("Revenir à mon profil", href="/inscription/profil", size="2"),
        spacing="4",
        width="100%",
    )


@page(
    route="/verification-identite/franceconnect",
    title="Vérifier ton identité avec FranceConnect — pass Culture",
    on_load=[YouthSession.guard, FranceConnectState.load],
)
def france_connect_check() -> rx.Component:
    return signup_frame(
        "Vérifier ton identité",
        rx.cond(FranceConnectState.activated, _activated(), _to_check()),
    )
