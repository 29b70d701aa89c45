"""Pro portal home (/pro): what needs attention today in the structure in use."""

import reflex as rx

from pages.components.panels import loading, panel, purple_link, refusal
from pages.components.pro_shell import pro_page
from pages.components.shell import account_card
from pages.registry import page
from state.auth import ProSession
from state.pro.home import HomeState


def _count(value, one: str, many: str) -> rx.Component:
    return rx.text(rx.text.strong(value), " ", rx.cond(value > 1, many, one), size="3")


def _event_row(event) -> rx.Component:
    return rx.el.li(
        rx.text(rx.text.strong(event["when"]), " — ", event["name"]),
        rx.text(event["venue"], " · ", event["places"], size="2", color="var(--gray-11)"),
    )


def _events_today() -> rx.Component:
    return panel(
        "Aujourd’hui",
        rx.cond(
            HomeState.events_today_count == 0,
            rx.text("Aucun évènement aujourd’hui."),
            rx.vstack(
                _count(
                    HomeState.events_today_count, "évènement aujourd’hui", "évènements aujourd’hui"
                ),
                rx.el.ul(rx.foreach(HomeState.events_today, _event_row), padding_left="1.25rem"),
                spacing="2",
            ),
        ),
    )


def _to_validate() -> rx.Component:
    return panel(
        "Réservations à valider",
        rx.cond(
            HomeState.to_validate == 0,
            rx.text("Aucune contremarque en attente de validation."),
            _count(
                HomeState.to_validate,
                "réservation à valider au guichet avant la remise du bien ou le début de "
                "l’évènement.",
                "réservations à valider au guichet avant la remise du bien ou le début de "
                "l’évènement.",
            ),
        ),
        rx.flex(
            purple_link("Ouvrir le guichet", href="/pro/guichet"),
            purple_link("Suivre les réservations", href="/pro/reservations"),
            column_gap="1.5rem",
            row_gap="0.5rem",
            wrap="wrap",
        ),
    )


def _without_stock() -> rx.Component:
    return panel(
        "Offres sans stock disponible",
        rx.cond(
            HomeState.offers_without_stock_count == 0,
            rx.text("Toutes vos offres publiées ont du stock à réserver."),
            rx.vstack(
                _count(
                    HomeState.offers_without_stock_count,
                    "offre publiée n’est plus réservable (épuisée ou passée) :",
                    "offres publiées ne sont plus réservables (épuisées ou passées) :",
                ),
                rx.el.ul(
                    rx.foreach(HomeState.offers_without_stock, lambda o: rx.el.li(o["name"])),
                    padding_left="1.25rem",
                ),
                purple_link("Gérer les offres", href="/pro/offres"),
                spacing="2",
            ),
        ),
    )


@page(
    route="/pro",
    title="Espace professionnel — pass Culture",
    on_load=[ProSession.guard, HomeState.load],
)
def home() -> rx.Component:
    return pro_page(
        rx.heading("Bonjour ", ProSession.user_first_name, as_="h1", size="7"),
        refusal(HomeState.error),
        rx.cond(
            ProSession.offerer_id == 0,
            rx.text("Votre compte n’est rattaché à aucune structure validée pour l’instant."),
            rx.cond(
                HomeState.loaded,
                rx.grid(
                    _events_today(),
                    _to_validate(),
                    _without_stock(),
                    columns=rx.breakpoints(initial="1", md="3"),
                    gap="1rem",
                    width="100%",
                ),
                loading(),
            ),
        ),
        account_card(ProSession),
        active="accueil",
    )
