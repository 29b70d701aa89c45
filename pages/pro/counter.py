"""The counter (/pro/guichet, rule B6): staff type or scan a ticket's code, check the
booking and the young user's ID, then validate it — or undo a validation."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import detail, panel, refusal
from pages.components.pro_shell import pro_page
from pages.components.qr_scanner import QrScanner
from pages.registry import page
from pass_culture.models import BookingStatus
from state.auth import ProSession
from state.pro.counter import CounterState

CODE_STYLE = FIELD_STYLE | {
    "font_family": "ui-monospace, 'DejaVu Sans Mono', monospace",
    "font_size": "2rem",
    "font_weight": "bold",
    "letter_spacing": "0.3em",
    "text_transform": "uppercase",
    "min_height": "4rem",
    "max_width": "16rem",
}


def _code_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field_label("Code de la contremarque (6 caractères)", "code"),
            rx.flex(
                # Debounced: typing stays local, the state upper-cases it after a pause
                # (the form sends the field itself, so Enter never reads a stale code).
                rx.debounce_input(
                    rx.el.input(
                        id="code",
                        name="code",
                        value=CounterState.code,
                        on_change=CounterState.set_code,
                        max_length=6,
                        auto_focus=True,
                        auto_complete="off",
                        auto_capitalize="characters",
                        spell_check=False,
                        style=CODE_STYLE,
                    ),
                    debounce_timeout=250,
                ),
                rx.button("Vérifier", type="submit", size="4", loading=CounterState.busy),
                rx.button(
                    rx.icon("scan-line", aria_hidden="true"),
                    rx.cond(CounterState.scanning, "Fermer la caméra", "Scanner"),
                    type="button",
                    size="4",
                    variant="outline",
                    on_click=CounterState.set_scanning(~CounterState.scanning),
                    aria_expanded=CounterState.scanning,
                ),
                wrap="wrap",
                spacing="3",
                align="center",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=CounterState.look_up,
        reset_on_submit=False,
    )


def _camera() -> rx.Component:
    return rx.cond(
        CounterState.scanning,
        rx.box(
            rx.text("Présentez le QR code du billet à la caméra.", size="2"),
            rx.box(
                QrScanner.create(on_read=CounterState.scanned, on_fail=CounterState.scan_failed),
                width="100%",
                max_width="24rem",
                aspect_ratio="4 / 3",
                overflow="hidden",
                border_radius="var(--radius-4)",
                background="black",
            ),
            id="camera",
            role="region",
            aria_label="Caméra",
            width="100%",
        ),
    )


def _undo_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button("Invalider", color_scheme="red", variant="outline", size="3")
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Invalider la contremarque ?"),
            rx.alert_dialog.description(
                "La contremarque redevient non utilisée : tant qu’elle n’est pas validée "
                "à nouveau, la réservation ne vous sera pas remboursée.",
                size="2",
            ),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button("Annuler", variant="soft", color_scheme="gray", size="3")
                ),
                rx.button(
                    "Confirmer l’invalidation",
                    color_scheme="red",
                    high_contrast=True,
                    on_click=CounterState.undo,
                    loading=CounterState.busy,
                    size="3",
                ),
                spacing="3",
                justify="end",
                wrap="wrap",
                margin_top="1rem",
            ),
            max_width="30rem",
        ),
        open=CounterState.undo_open,
        on_open_change=CounterState.set_undo_open,
    )


def _card() -> rx.Component:
    return panel(
        CounterState.offer_name,
        rx.el.dl(
            detail("Bénéficiaire", CounterState.beneficiary_name, font_size="1.1rem"),
            detail("Lieu", CounterState.venue_name, font_size="1.1rem"),
            detail("Date", CounterState.when, font_size="1.1rem"),
            detail("Prix", CounterState.amount, font_size="1.1rem"),
            detail("Contremarque", CounterState.found_code, font_size="1.1rem"),
            detail("Validée le", CounterState.used_at, font_size="1.1rem"),
            margin="0",
            width="100%",
        ),
        rx.cond(
            CounterState.refusal != "",
            # Not right after this desk's own validation: its notice says it all.
            rx.cond(
                CounterState.notice == "",
                rx.callout(
                    CounterState.refusal,
                    icon="circle-alert",
                    color_scheme="red",
                    high_contrast=True,
                    width="100%",
                ),
            ),
            rx.vstack(
                rx.callout(
                    "Vérifiez la pièce d’identité du bénéficiaire avant de valider.",
                    icon="id-card",
                    color_scheme="amber",
                    high_contrast=True,
                    width="100%",
                ),
                rx.button(
                    "Valider la contremarque",
                    on_click=CounterState.validate,
                    loading=CounterState.busy,
                    size="4",
                    background=PURPLE,
                ),
                spacing="3",
                width="100%",
            ),
        ),
        rx.cond(CounterState.status == BookingStatus.USED, _undo_dialog()),
        aria_label="Réservation " + CounterState.found_code,
        id="booking-card",
        max_width="48rem",
    )


@page(
    route="/pro/guichet",
    title="Guichet — Espace professionnel — pass Culture",
    on_load=ProSession.guard,
)
def counter() -> rx.Component:
    return pro_page(
        rx.heading("Guichet", as_="h1", size="7"),
        rx.text("Saisissez ou scannez le code de la réservation présenté par le bénéficiaire."),
        _code_form(),
        _camera(),
        # Messages and card share the card's width, so a message reads as part of it.
        rx.vstack(
            refusal(CounterState.error),
            rx.cond(
                CounterState.notice != "",
                rx.callout(
                    CounterState.notice,
                    icon="circle-check",
                    color_scheme="green",
                    high_contrast=True,
                    role="status",
                    width="100%",
                ),
            ),
            # Announced when it appears: staff may be looking at the customer, not the screen.
            rx.box(
                rx.cond(CounterState.found_code != "", _card()), aria_live="polite", width="100%"
            ),
            max_width="48rem",
            width="100%",
            spacing="4",
        ),
        active="guichet",
    )
