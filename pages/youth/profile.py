"""Profil (/profil): my credit and its history, my account, sign-out."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import loading, panel
from pages.components.youth_shell import youth_page
from pages.registry import page
from state.auth import YouthSession
from state.youth.profile import ProfileState


def _allowance(label: str, value: rx.Var) -> rx.Component:
    return rx.cond(
        value != "",
        rx.hstack(rx.text(label), rx.text(value, weight="bold"), justify="between", width="100%"),
    )


def _credit() -> rx.Component:
    return rx.cond(
        ProfileState.has_credit,
        rx.vstack(
            rx.el.section(
                rx.vstack(
                    rx.heading("Mon crédit", as_="h2", size="4", color="white"),
                    rx.text(ProfileState.remaining, size="9", weight="bold", color="white"),
                    rx.text(
                        rx.cond(
                            ProfileState.is_expired,
                            "Crédit expiré depuis le ",
                            "Crédit valable jusqu’au ",
                        ),
                        ProfileState.expires_on,
                        " (sur ",
                        ProfileState.granted,
                        " reçus)",
                        color="white",
                    ),
                    spacing="1",
                ),
                background=PURPLE,
                border_radius="12px",
                padding="1.25rem",
                width="100%",
            ),
            panel(
                "Ce qu’il me reste par type d’offre",
                _allowance("Offres numériques", ProfileState.digital_remaining),
                _allowance("Biens physiques", ProfileState.physical_remaining),
                rx.text(
                    "Les sorties et les autres offres ne comptent que sur le crédit total.",
                    size="2",
                    color_scheme="gray",
                ),
            ),
            panel(
                "Historique de mon crédit",
                rx.cond(
                    ProfileState.history.length() > 0,
                    rx.el.ul(
                        rx.foreach(ProfileState.history, _line),
                        margin="0",
                        padding="0",
                        width="100%",
                    ),
                    rx.text("Aucune dépense pour l’instant.", color_scheme="gray"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        panel("Mon crédit", rx.text("Ce compte n’a pas de crédit pass Culture.")),
    )


def _line(line: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.vstack(
                rx.text(line["label"], weight="medium"),
                rx.text(line["kind"], " · ", line["at"], size="2", color_scheme="gray"),
                spacing="0",
                flex="1",
                min_width="0",
            ),
            rx.text(line["amount"], weight="bold", white_space="nowrap"),
            align="center",
            width="100%",
        ),
        list_style="none",
        padding="0.5rem 0",
        border_top="1px solid var(--gray-4)",
    )


def _account() -> rx.Component:
    return panel(
        "Mon compte",
        rx.text(YouthSession.user_full_name, weight="bold"),
        rx.text(YouthSession.user_email),
        rx.button(
            "Se déconnecter",
            on_click=YouthSession.log_out,
            variant="outline",
            size="3",
            margin_top="0.5rem",
        ),
    )


@page(
    route="/profil",
    title="Profil — pass Culture",
    on_load=[YouthSession.guard, ProfileState.load],
)
def profile() -> rx.Component:
    return youth_page(
        rx.heading("Profil", as_="h1", size="7"),
        rx.cond(
            ProfileState.loaded,
            _credit(),
            loading(),
        ),
        _account(),
        active="profil",
    )
