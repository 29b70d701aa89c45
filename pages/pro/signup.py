"""Pro sign-up (/pro/inscription, rule O2): email, password with live feedback on each
point of the policy, name, phone, SIREN (pre-filled from INSEE's Sirene directory when it
is on) and structure name. From a team invitation: the invited address, no structure."""

import reflex as rx

from pages.components.login_form import card_page, submit_button
from pages.components.panels import notice, purple_link, refusal
from pages.components.password_rules import password_rules
from pages.components.signup_frame import text_field
from pages.registry import page
from state.pro.signup import ProSignupState as S

RULES_ID = "inscription-password-regles"


def _field(name: str, label: str, **props) -> rx.Component:
    return text_field(name, label, error=S.errors[name], required=True, **props)


def _person() -> list[rx.Component]:
    return [
        _field(
            "password",
            "Mot de passe",
            type="password",
            auto_complete="new-password",
            on_change=S.check_password,
            aria_describedby=RULES_ID,
        ),
        password_rules(S.password_missing, "Votre mot de passe doit contenir :", RULES_ID),
        _field("first_name", "Prénom", auto_complete="given-name", max_length=128),
        _field("last_name", "Nom", auto_complete="family-name", max_length=128),
        _field(
            "phone",
            "Téléphone",
            hint="Par exemple 01 23 45 67 89.",
            type="tel",
            auto_complete="tel",
        ),
    ]


def _structure() -> list[rx.Component]:
    return [
        _field(
            "siren",
            "SIREN de la structure",
            hint="Les 9 chiffres de votre avis de situation Insee.",
            input_mode="numeric",
            auto_complete="off",
            max_length=11,
            on_blur=S.look_up_siren,
        ),
        rx.cond(
            S.sirene_found != "",
            rx.callout(
                "Connu de l’Insee : " + S.sirene_found,
                icon="building",
                role="status",
                width="100%",
            ),
        ),
        rx.cond(
            S.sirene_warning != "",
            rx.callout(S.sirene_warning, icon="info", color_scheme="amber", width="100%"),
        ),
        _field(
            "structure_name",
            "Nom de la structure",
            value=S.structure_name,
            on_change=S.set_structure_name,
            auto_complete="organization",
            max_length=140,
        ),
    ]


def _invited_email() -> rx.Component:
    return rx.vstack(
        rx.text("Adresse email", weight="bold", size="2"),
        rx.text(S.invited_email, overflow_wrap="anywhere"),
        spacing="1",
        width="100%",
    )


def _form() -> rx.Component:
    invited = S.invited_email != ""
    return rx.form(
        rx.vstack(
            rx.cond(
                invited,
                _invited_email(),
                _field(
                    "email",
                    "Adresse email professionnelle",
                    type="email",
                    auto_complete="email",
                    input_mode="email",
                ),
            ),
            *_person(),
            rx.cond(invited, rx.fragment(), rx.fragment(*_structure())),
            refusal(S.signup_error),
            submit_button(rx.cond(invited, "Créer mon compte et rejoindre", "Créer mon compte")),
            spacing="4",
            width="100%",
        ),
        on_submit=S.sign_up,
        reset_on_submit=False,
        width="100%",
    )


@page(
    route="/pro/inscription",
    title="Inscription — Espace professionnel — pass Culture",
    on_load=S.start,
)
def signup() -> rx.Component:
    return card_page(
        "Créer votre compte professionnel",
        rx.cond(
            S.invited_email != "",
            rx.text(
                "Vous êtes invité à rejoindre « ",
                rx.text.strong(S.invitation_offerer),
                " » sur le pass Culture.",
            ),
            rx.text(
                "Proposez vos offres culturelles aux jeunes. Une structure déjà inscrite avec "
                "votre SIREN ? Vous demanderez à la rejoindre.",
                color_scheme="gray",
            ),
        ),
        notice(S.invitation_error),
        _form(),
        rx.text(
            "Vous avez déjà un compte ? ",
            purple_link("Connectez-vous", href="/pro/connexion", weight="bold"),
        ),
    )
