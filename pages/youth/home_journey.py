"""The home's card on the way to the credit (rule C1), one per step of the sign-up, and
the « Crédit activé » banner while it is news."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import notice, refusal, success
from services.identity_checks import Step
from state.youth.home import HomeState

S = HomeState


def _card(title: str, *content: rx.Component, tone: str = "white") -> rx.Component:
    return rx.el.section(
        rx.vstack(rx.heading(title, as_="h2", size="4"), *content, spacing="3", width="100%"),
        aria_label=title,
        background=tone,
        border=f"2px solid {PURPLE}",
        border_radius="12px",
        padding="1rem",
        width="100%",
    )


def _action(label: str, href: str) -> rx.Component:
    return rx.button(
        rx.link(label, href=href, underline="none", color="white"),
        as_child=True,
        size="3",
        background=PURPLE,
        width="100%",
    )


def _verify_email() -> rx.Component:
    return _card(
        "Vérifie ton email",
        rx.text(
            "Ouvre le lien envoyé à ",
            rx.text.strong(S.user_email, overflow_wrap="anywhere"),
            " pour continuer ton inscription.",
        ),
        notice(S.resend_notice),
        refusal(S.resend_error),
        rx.button("Renvoyer l'email", on_click=S.resend, size="3", variant="soft", width="100%"),
    )


def _rejected() -> rx.Component:
    return _card(
        "Vérification refusée",
        rx.text("Refusé : ", rx.text.strong(S.journey_message), "."),
        rx.text("Renvoie un document : ton crédit sera activé dès qu'il sera vérifié."),
        _action("Renvoyer un document", "/verification-identite"),
    )


def journey_card() -> rx.Component:
    return rx.match(
        S.journey_step,
        (Step.VERIFY_EMAIL, _verify_email()),
        (
            Step.COMPLETE_PROFILE,
            _card(
                "Complète ton profil",
                rx.text("Ta date de naissance et ton code postal disent si tu es éligible."),
                _action("Compléter mon profil", "/inscription/profil"),
            ),
        ),
        (Step.NOT_ELIGIBLE, _card("Pas encore de crédit", rx.text(S.journey_message))),
        (
            Step.VERIFY_IDENTITY,
            _card(
                "Vérifie ton identité",
                rx.text("Dernière étape avant ton crédit : une pièce d'identité à envoyer."),
                _action("Vérifier mon identité", "/verification-identite"),
            ),
        ),
        (
            Step.PENDING,
            _card(
                "Vérification en cours",
                rx.text(
                    "Nous vérifions ton document : tu recevras un email dès que c'est fait, "
                    "et ton crédit sera activé juste après."
                ),
            ),
        ),
        (Step.REJECTED, _rejected()),
        (Step.CREDITED, rx.cond(S.credit != "", success(S.credit))),
        rx.fragment(),
    )
