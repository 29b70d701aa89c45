"""The stocks dialog of the offers list: edit a stock's price, places and dates (rule F8),
delete it after a confirmation that says how many bookings it cancels (rule B10)."""

import reflex as rx

from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import dialog_actions, notice, refusal
from state.pro.offers import OffersState


def _field(label: str, name: str, stock: rx.Var, **props) -> rx.Component:
    field_id = f"stock-{name}-" + stock["id"]
    return rx.vstack(
        field_label(label, field_id),
        rx.el.input(
            id=field_id,
            name=name,
            default_value=stock[name],
            style=FIELD_STYLE,
            **props,
        ),
        spacing="1",
        flex="1 1 10rem",
        min_width="9rem",
    )


def _stock_form(stock: rx.Var) -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(stock["title"], font_weight="bold", padding="0 0.25rem"),
            rx.el.input(type="hidden", name="stock_id", value=stock["id"]),
            rx.flex(
                rx.cond(
                    OffersState.stocks_is_event,
                    _field("Date et heure", "beginning_at", stock, type="datetime-local"),
                ),
                _field("Réservable jusqu’au", "booking_limit_at", stock, type="datetime-local"),
                _field("Tarif (facultatif)", "price_label", stock, max_length=50),
                _field("Prix (€)", "price", stock, input_mode="decimal", auto_complete="off"),
                _field(
                    "Quantité (vide : illimitée)",
                    "quantity",
                    stock,
                    input_mode="numeric",
                    auto_complete="off",
                ),
                wrap="wrap",
                spacing="3",
                width="100%",
            ),
            rx.flex(
                rx.text("Réservées : ", stock["booked"], size="2"),
                rx.spacer(),
                rx.button(
                    "Supprimer",
                    type="button",
                    color_scheme="red",
                    variant="outline",
                    on_click=OffersState.ask_delete(stock["id"]),
                    aria_label="Supprimer le stock " + stock["title"],
                ),
                rx.button(
                    "Enregistrer",
                    type="submit",
                    loading=OffersState.busy,
                    aria_label="Enregistrer le stock " + stock["title"],
                ),
                align="center",
                spacing="3",
                width="100%",
                margin_top="0.75rem",
            ),
            border="1px solid var(--gray-6)",
            border_radius="var(--radius-3)",
            padding="0.75rem 1rem 1rem",
            margin="0",
        ),
        on_submit=OffersState.save_stock,
        reset_on_submit=False,
        # A new key when the stocks are read again, so the fields show the saved values.
        key=stock["id"] + stock["price"] + stock["quantity"] + stock["beginning_at"],
    )


def stocks_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Stocks de « ", OffersState.stocks_offer_name, " »"),
            rx.dialog.description(
                "Modifiez un prix, une quantité ou une date, puis enregistrez. La quantité ne "
                "peut pas descendre sous le nombre de places réservées.",
                size="2",
                margin_bottom="1rem",
            ),
            rx.vstack(
                refusal(OffersState.stocks_error),
                notice(OffersState.stocks_notice),
                rx.cond(
                    OffersState.stocks.length() > 0,
                    rx.foreach(OffersState.stocks, _stock_form),
                    rx.text("Cette offre n’a pas de stock.", color_scheme="gray"),
                ),
                spacing="3",
                width="100%",
            ),
            rx.flex(
                rx.dialog.close(rx.button("Fermer", variant="soft", color_scheme="gray")),
                justify="end",
                margin_top="1rem",
            ),
            max_width="52rem",
        ),
        open=OffersState.stocks_open,
        on_open_change=OffersState.set_stocks_open,
    )


def delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Supprimer le stock ", OffersState.delete_title, " ?"),
            rx.alert_dialog.description(OffersState.delete_message, size="2"),
            dialog_actions(
                rx.button(
                    rx.cond(
                        OffersState.delete_bookings > 0,
                        "Supprimer et annuler les réservations",
                        "Supprimer le stock",
                    ),
                    color_scheme="red",
                    high_contrast=True,
                    on_click=OffersState.confirm_delete,
                    loading=OffersState.busy,
                    size="3",
                    width="100%",
                ),
                "Garder le stock",
                rx.alert_dialog.cancel,
            ),
            max_width="30rem",
        ),
        open=OffersState.delete_open,
        on_open_change=OffersState.set_delete_open,
    )
