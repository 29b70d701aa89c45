"""The ticket (/reservations/<id>, rule B9): code, QR code, place, date, status, and the
cancellation while rule B5 allows it."""

import reflex as rx

from pages.components.panels import detail, dialog_actions, loading, panel, purple_link, refusal
from pages.components.youth_shell import youth_page
from pages.registry import page
from state.auth import YouthSession
from state.youth.ticket import TicketState


def _contremarque() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.cond(
                TicketState.qr_src != "",
                # Black on white with its quiet zone, at least 4 cm wide on a phone.
                rx.image(
                    src=TicketState.qr_src,
                    alt="QR code de la réservation " + TicketState.code,
                    width="220px",
                    height="220px",
                    background="white",
                    id="qr-code",
                ),
            ),
            rx.text("Code de la réservation", size="2"),
            rx.text(
                TicketState.code,
                font_family="ui-monospace, 'DejaVu Sans Mono', monospace",
                font_size="2.25rem",
                font_weight="bold",
                letter_spacing="0.3em",
                padding_left="0.3em",
                id="code-reservation",
            ),
            align="center",
            spacing="2",
            width="100%",
        ),
        aria_label="Contremarque",
        background="white",
        border_radius="12px",
        border="1px solid var(--gray-5)",
        padding="1rem",
        width="100%",
    )


def _cancel_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                "Annuler ma réservation",
                color_scheme="red",
                variant="outline",
                size="3",
                width="100%",
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Annuler ta réservation ?"),
            rx.alert_dialog.description(
                rx.cond(
                    TicketState.amount == "Gratuit",
                    "Ta place est remise en vente.",
                    "Le montant de "
                    + TicketState.amount
                    + " revient sur ton crédit tout de suite. La place est remise en vente.",
                ),
                size="2",
            ),
            dialog_actions(
                rx.button(
                    "Confirmer l’annulation",
                    color_scheme="red",
                    high_contrast=True,
                    on_click=TicketState.cancel,
                    loading=TicketState.cancelling,
                    size="3",
                    width="100%",
                ),
                "Garder ma réservation",
                rx.alert_dialog.cancel,
            ),
            max_width="26rem",
        ),
        open=TicketState.cancel_open,
        on_open_change=TicketState.set_cancel_open,
    )


def _ticket() -> rx.Component:
    return rx.vstack(
        purple_link("← Mes réservations", href="/reservations"),
        rx.heading(TicketState.offer_name, as_="h1", size="7"),
        rx.badge(TicketState.status_label, size="3", color_scheme="gray", high_contrast=True),
        _contremarque(),
        purple_link("Voir le billet hors ligne", href="/billet/" + TicketState.booking_id),
        panel(
            "Détails",
            rx.el.dl(
                detail("Date", TicketState.when),
                detail("Lieu", TicketState.venue_name),
                detail("Adresse", TicketState.address),
                detail("Modalités de retrait", TicketState.withdrawal_details),
                detail("Prix", TicketState.amount),
                rx.el.dt("Places", font_weight="bold", margin_top="0.5rem"),
                rx.el.dd(TicketState.quantity, margin="0"),
                margin="0",
                width="100%",
            ),
            rx.cond(
                TicketState.url != "",
                rx.link(
                    rx.button("Accéder au site partenaire", size="3"),
                    href=TicketState.url,
                    is_external=True,
                ),
            ),
        ),
        rx.cond(
            TicketState.cancellation != "",
            panel(
                "Annulation",
                rx.text(TicketState.cancellation),
                refusal(TicketState.cancel_error),
                rx.cond(TicketState.can_cancel, _cancel_dialog()),
            ),
            refusal(TicketState.cancel_error),
        ),
        purple_link("Voir l’offre", href="/offre/" + TicketState.offer_id),
        spacing="4",
        width="100%",
    )


@page(
    route="/reservations/[id]",
    title="Ma réservation — pass Culture",
    on_load=[YouthSession.guard, TicketState.load],
)
def ticket() -> rx.Component:
    return youth_page(
        rx.cond(
            TicketState.loaded,
            rx.cond(
                TicketState.error != "",
                rx.vstack(
                    rx.heading("Réservation introuvable", as_="h1", size="7"),
                    rx.callout(TicketState.error, icon="info", role="alert", width="100%"),
                    rx.link(rx.button("Mes réservations", size="3"), href="/reservations"),
                    spacing="4",
                ),
                _ticket(),
            ),
            loading(),
        ),
        active="reservations",
    )
