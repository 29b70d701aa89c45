"""Inscription (/inscription/profil): the young user's details, then the eligibility (C1)."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import loading, purple_link, refusal
from pages.components.signup_frame import notice, signup_frame, text_field
from pages.registry import page
from state.auth import YouthSession
from state.youth.signup_profile import SignupProfileState


def _field(name: str, label: str, **props) -> rx.Component:
    return text_field(
        name,
        label,
        error=SignupProfileState.errors[name],
        default_value=SignupProfileState.values[name],
        required=True,
        **props,
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            _field("first_name", "Prénom", auto_complete="given-name", max_length=128),
            _field("last_name", "Nom", auto_complete="family-name", max_length=128),
            _field("birth_date", "Date de naissance", type="date", auto_complete="bday"),
            _field(
                "postal_code",
                "Code postal",
                hint="Celui de ta résidence, par exemple 29200.",
                auto_complete="postal-code",
                input_mode="numeric",
                max_length=5,
            ),
            _field(
                "phone",
                "Téléphone",
                hint="Par exemple 06 12 34 56 78.",
                type="tel",
                auto_complete="tel",
            ),
            refusal(SignupProfileState.profile_error),
            rx.button("Valider mon profil", type="submit", size="3", width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=SignupProfileState.save,
        reset_on_submit=False,
        width="100%",
    )


def _result(icon: str, color_scheme: str) -> rx.Component:
    return rx.callout(
        SignupProfileState.eligibility_message,
        icon=icon,
        color_scheme=color_scheme,
        role="status",
        width="100%",
    )


def _eligibility() -> rx.Component:
    return rx.vstack(
        rx.cond(
            SignupProfileState.eligible,
            _result("circle-check", "green"),
            _result("info", "amber"),
        ),
        rx.cond(
            SignupProfileState.eligible,
            rx.el.section(
                rx.heading("Dernière étape : ton identité", as_="h2", size="4", color="white"),
                rx.text(
                    "Envoie une pièce d'identité : ton crédit est activé dès qu'elle est vérifiée.",
                    color="white",
                ),
                rx.link(
                    "Vérifier mon identité",
                    href="/verification-identite",
                    color="white",
                    weight="bold",
                    underline="always",
                    _hover={"color": "white"},
                ),
                display="flex",
                flex_direction="column",
                gap="0.5rem",
                background=PURPLE,
                border_radius="12px",
                padding="1rem",
                width="100%",
            ),
        ),
        rx.button(
            "Modifier mes informations",
            on_click=SignupProfileState.edit,
            variant="soft",
            size="3",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _unverified() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Confirme d'abord ton adresse email : ouvre le lien que nous t'avons envoyé à ",
            rx.text.strong(SignupProfileState.user_email, overflow_wrap="anywhere"),
            ".",
        ),
        notice(SignupProfileState.resend_notice),
        refusal(SignupProfileState.resend_error),
        rx.button(
            "Renvoyer l'email",
            on_click=SignupProfileState.resend,
            size="3",
            variant="soft",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _done() -> rx.Component:
    return rx.text(
        "Ton inscription est terminée : ton crédit t'attend. ",
        purple_link("Voir mon crédit", href="/profil", weight="bold"),
    )


def _content() -> rx.Component:
    return rx.cond(
        SignupProfileState.blocked,
        refusal(SignupProfileState.profile_error),
        rx.cond(
            SignupProfileState.has_credit,
            _done(),
            rx.cond(
                ~SignupProfileState.email_verified,
                _unverified(),
                rx.cond(SignupProfileState.editing, _form(), _eligibility()),
            ),
        ),
    )


@page(
    route="/inscription/profil",
    title="Ton profil — Inscription — pass Culture",
    on_load=[YouthSession.guard, SignupProfileState.load],
)
def signup_profile() -> rx.Component:
    return signup_frame(
        rx.cond(
            SignupProfileState.editing
            & SignupProfileState.email_verified
            & ~SignupProfileState.has_credit,
            "Ton profil",
            "Ton inscription",
        ),
        rx.cond(SignupProfileState.loaded, _content(), loading()),
    )
