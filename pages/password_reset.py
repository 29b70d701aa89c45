"""Password reset: « Mot de passe oublié ? » on each surface (its own wording), then the
page of the emailed link, shared by all surfaces (neutral wording)."""

import reflex as rx

from pages.components.login_form import (
    alert,
    card_field,
    card_page,
    inline_link,
    submit_button,
)
from pages.registry import page
from pass_culture.models import Surface
from pass_culture.settings import get_settings
from services.passwords import MIN_LENGTH
from state.auth import FORGOT_PASSWORD_ROUTES, LOGIN_ROUTES
from state.password_reset import ForgotPasswordState, NewPasswordState

_MINUTES = get_settings().password_reset_minutes
_VALIDITY = "1 heure" if _MINUTES == 60 else f"{_MINUTES} minutes"

# (intro, what is said once sent): « tu » for the young users, « vous » for the others.
_TU = (
    "Indique l'adresse email de ton compte\u00a0: nous t'enverrons un lien pour choisir "
    "un nouveau mot de passe.",
    "Si un compte existe avec cette adresse, tu vas recevoir un email avec un lien "
    f"valable {_VALIDITY}, à utiliser une seule fois. Pense à regarder tes spams.",
)
_VOUS = (
    "Indiquez l'adresse email de votre compte\u00a0: nous vous enverrons un lien pour "
    "choisir un nouveau mot de passe.",
    "Si un compte existe avec cette adresse, vous allez recevoir un email avec un lien "
    f"valable {_VALIDITY}, à utiliser une seule fois.",
)
_WORDING = {Surface.YOUTH: _TU, Surface.PRO: _VOUS, Surface.ADMIN: _VOUS}
_TITLE_SUFFIX = {
    Surface.YOUTH: "pass Culture",
    Surface.PRO: "Espace professionnel — pass Culture",
    Surface.ADMIN: "Back-office — pass Culture",
}


def _forgot_page(surface: Surface) -> rx.Component:
    intro, sent = _WORDING[surface]
    back = rx.link("Retour à la connexion", href=LOGIN_ROUTES[surface], size="2")
    return card_page(
        "Mot de passe oublié",
        intro,
        rx.cond(
            ForgotPasswordState.sent,
            rx.callout(sent, icon="mail", color_scheme="green", role="status", width="100%"),
            rx.form(
                rx.vstack(
                    card_field(
                        "email",
                        "Adresse email",
                        type="email",
                        auto_complete="username",
                        input_mode="email",
                    ),
                    rx.cond(ForgotPasswordState.error != "", alert(ForgotPasswordState.error)),
                    submit_button("Recevoir le lien"),
                    spacing="4",
                    width="100%",
                ),
                on_submit=ForgotPasswordState.request,
                reset_on_submit=False,
                width="100%",
            ),
        ),
        back,
    )


def _declare_forgot_page(surface: Surface) -> None:
    @page(
        route=FORGOT_PASSWORD_ROUTES[surface],
        title=f"Mot de passe oublié — {_TITLE_SUFFIX[surface]}",
        on_load=ForgotPasswordState.start,
    )
    def forgot_password() -> rx.Component:
        return _forgot_page(surface)


for _surface in Surface:
    _declare_forgot_page(_surface)


POLICY_HINT = (
    f"Au moins {MIN_LENGTH} caractères, dont une minuscule, une majuscule, un chiffre et "
    "un caractère spécial."
)


def _new_password_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            card_field(
                "password",
                "Nouveau mot de passe",
                hint=POLICY_HINT,
                type="password",
                auto_complete="new-password",
            ),
            card_field(
                "confirmation",
                "Confirmation du nouveau mot de passe",
                type="password",
                auto_complete="new-password",
            ),
            rx.cond(NewPasswordState.error != "", alert(NewPasswordState.error)),
            submit_button("Enregistrer le mot de passe"),
            spacing="4",
            width="100%",
        ),
        on_submit=NewPasswordState.save,
        reset_on_submit=False,
        width="100%",
    )


@page(
    route="/nouveau-mot-de-passe",
    title="Nouveau mot de passe — pass Culture",
    on_load=NewPasswordState.check_link,
)
def new_password() -> rx.Component:
    return card_page(
        "Nouveau mot de passe",
        "Choix d'un nouveau mot de passe pour le compte pass Culture.",
        rx.cond(
            NewPasswordState.door_href != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("circle_check")),
                rx.callout.text(
                    "Mot de passe enregistré. Les sessions ouvertes sur ce compte ont été fermées.",
                    inline_link(NewPasswordState.door_label, NewPasswordState.door_href),
                ),
                color_scheme="green",
                role="status",
                width="100%",
            ),
            rx.cond(
                NewPasswordState.link_valid,
                _new_password_form(),
                rx.cond(
                    NewPasswordState.checked,
                    alert(
                        "Ce lien n'est plus valable\u00a0: il a expiré ou a déjà servi.",
                        inline_link("Demander un nouveau lien", NewPasswordState.forgot_href),
                    ),
                    rx.text("Vérification du lien…", color_scheme="gray"),
                ),
            ),
        ),
    )
