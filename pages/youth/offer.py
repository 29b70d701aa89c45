"""The offer page (/offre/<id>): what, where, when, and booking with a confirmation step."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import dialog_actions, loading, panel, purple_link, refusal
from pages.components.youth_shell import youth_page
from pages.registry import page
from state.auth import YouthSession
from state.youth.offer import OfferState


def offer_picture(state=OfferState) -> rx.Component:
    """The hook image, else the category's banner; `state` holds the offer's vars (this
    page's, or the pro's preview, rule E4)."""
    return rx.cond(
        state.image_url != "",
        rx.image(
            src=state.image_url,
            alt=state.name,
            width="100%",
            max_height="18rem",
            object_fit="cover",
            border_radius="12px",
        ),
        rx.center(
            rx.vstack(
                rx.icon("sparkles", size=40, aria_hidden="true", color="white"),
                rx.text(state.category_label, weight="bold", color="white"),
                align="center",
            ),
            height="10rem",
            width="100%",
            border_radius="12px",
            background=f"linear-gradient(135deg, {PURPLE}, #7b2fd0)",
        ),
    )


def venue_panel(state=OfferState) -> rx.Component:
    return panel(
        "Où ?",
        rx.text(state.venue_name, weight="bold"),
        rx.cond(state.address != "", rx.text(state.address)),
        rx.cond(state.distance != "", rx.text(state.distance, color_scheme="gray")),
        rx.cond(
            state.map_url != "",
            purple_link(
                rx.hstack(
                    rx.icon("map-pin", size=18, aria_hidden="true"),
                    rx.text("Voir sur une carte (OpenStreetMap)"),
                    spacing="1",
                    align="center",
                ),
                href=state.map_url,
                is_external=True,
                padding_y="0.5rem",
            ),
        ),
        rx.cond(
            state.accessibility.length() > 0,
            rx.vstack(
                rx.heading("Accessibilité", as_="h3", size="3"),
                rx.el.ul(
                    rx.foreach(
                        state.accessibility,
                        lambda a: rx.el.li(a["label"], " : ", a["status"]),
                    ),
                    padding_left="1.25rem",
                    margin="0",
                ),
                spacing="1",
                width="100%",
            ),
        ),
    )


def _radio(name: str, value: rx.Var | str, checked, on_change, *label: rx.Component):
    return rx.el.label(
        rx.hstack(
            rx.el.input(
                type="radio",
                name=name,
                value=value,
                checked=checked,
                on_change=on_change,
                style={"width": "1.25rem", "height": "1.25rem", "accent_color": PURPLE},
            ),
            rx.vstack(*label, spacing="0"),
            align="center",
            spacing="3",
        ),
        display="block",
        padding="0.75rem",
        border="1px solid var(--gray-6)",
        border_radius="8px",
        cursor="pointer",
        width="100%",
    )


def _stock_choice(stock: rx.Var) -> rx.Component:
    return _radio(
        "date",
        stock["id"],
        OfferState.selected_stock == stock["id"],
        OfferState.select_stock,
        rx.cond(stock["when"] != "", rx.text(stock["when"], weight="bold")),
        rx.text(stock["label"]),
        rx.cond(
            stock["places_left"] != "",
            rx.text(stock["places_left"], color="var(--red-11)", size="2", weight="medium"),
        ),
    )


def _choices() -> rx.Component:
    return panel(
        rx.cond(OfferState.is_event, "Dates et tarifs", "Tarif"),
        rx.cond(
            OfferState.stocks.length() > 0,
            rx.el.fieldset(
                rx.el.legend(
                    rx.cond(OfferState.is_event, "Choisis une date", "Choisis un tarif"),
                    class_name="rt-Text rt-r-size-2",
                ),
                rx.vstack(rx.foreach(OfferState.stocks, _stock_choice), spacing="2"),
                border="none",
                padding="0",
                margin="0",
            ),
            rx.text("Plus aucune date n’est réservable pour cette offre."),
        ),
        rx.cond(
            OfferState.duo_allowed & OfferState.can_book,
            rx.el.fieldset(
                rx.el.legend("Nombre de places", class_name="rt-Text rt-r-size-2"),
                rx.hstack(
                    _radio(
                        "places",
                        "1",
                        OfferState.quantity == 1,
                        OfferState.set_quantity,
                        rx.text("1 place"),
                    ),
                    _radio(
                        "places",
                        "2",
                        OfferState.quantity == 2,
                        OfferState.set_quantity,
                        rx.text("2 places (duo)"),
                    ),
                    spacing="2",
                    width="100%",
                ),
                border="none",
                padding="0",
                margin="0.5rem 0 0",
            ),
        ),
    )


def _credit() -> rx.Component:
    return rx.cond(
        OfferState.has_credit,
        panel(
            "Mon crédit",
            rx.text("Il te reste ", rx.text.strong(OfferState.remaining_label), "."),
            rx.cond(
                OfferState.can_book & (OfferState.selected_stock != ""),
                rx.text(
                    "Après cette réservation : ",
                    rx.text.strong(OfferState.credit_after_label),
                    ".",
                ),
            ),
        ),
    )


def _cta() -> rx.Component:
    button = {"size": "4", "width": "100%"}
    return rx.cond(
        YouthSession.is_preview,
        rx.fragment(),
        rx.cond(
            OfferState.booking_id != "",
            rx.link(
                rx.button(OfferState.cta, **button),
                href="/reservations/" + OfferState.booking_id,
                width="100%",
            ),
            rx.button(
                OfferState.cta,
                on_click=OfferState.open_confirmation,
                disabled=~OfferState.can_book,
                **button,
            ),
        ),
    )


def _favorite() -> rx.Component:
    return rx.button(
        rx.icon(
            "heart",
            aria_hidden="true",
            fill=rx.cond(OfferState.is_favorite, "currentColor", "none"),
        ),
        rx.cond(OfferState.is_favorite, "Dans mes favoris", "Ajouter aux favoris"),
        aria_pressed=rx.cond(OfferState.is_favorite, "true", "false"),
        on_click=OfferState.toggle_favorite,
        variant="outline",
        size="3",
    )


def _confirmation() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Confirmer ta réservation"),
            rx.dialog.description(
                "Vérifie les détails avant de valider.", size="2", margin_bottom="1rem"
            ),
            rx.el.dl(
                rx.el.dt("Offre", font_weight="bold"),
                rx.el.dd(OfferState.name, margin="0 0 0.5rem"),
                rx.cond(
                    OfferState.selected["when"] != "",
                    rx.fragment(
                        rx.el.dt("Date", font_weight="bold"),
                        rx.el.dd(OfferState.selected["when"], margin="0 0 0.5rem"),
                    ),
                ),
                rx.el.dt("Nombre de places", font_weight="bold"),
                rx.el.dd(OfferState.quantity, margin="0 0 0.5rem"),
                rx.el.dt("Prix total", font_weight="bold"),
                rx.el.dd(OfferState.total_label, margin="0 0 0.5rem"),
                rx.el.dt("Annulation", font_weight="bold"),
                rx.el.dd(OfferState.selected["cancellation"], margin="0 0 0.5rem"),
                margin="0",
            ),
            rx.text("Crédit restant après réservation : ", OfferState.credit_after_label, size="2"),
            dialog_actions(
                rx.button(
                    "Confirmer la réservation",
                    on_click=OfferState.confirm,
                    loading=OfferState.booking,
                    size="3",
                    width="100%",
                ),
                "Revenir à l’offre",
                rx.dialog.close,
            ),
            max_width="26rem",
        ),
        open=OfferState.confirm_open,
        on_open_change=OfferState.set_confirm_open,
    )


def _offer() -> rx.Component:
    return rx.vstack(
        offer_picture(),
        rx.hstack(
            rx.badge(OfferState.category_label, size="2"),
            rx.badge(OfferState.subcategory_label, size="2", variant="outline"),
            wrap="wrap",
            spacing="2",
        ),
        rx.heading(OfferState.name, as_="h1", size="7"),
        _favorite(),
        rx.cond(
            OfferState.description != "", panel("Description", rx.text(OfferState.description))
        ),
        venue_panel(),
        rx.cond(
            OfferState.withdrawal_details != "",
            panel("Modalités de retrait", rx.text(OfferState.withdrawal_details)),
        ),
        _choices(),
        _credit(),
        refusal(OfferState.booking_error),
        _cta(),
        _confirmation(),
        spacing="4",
        width="100%",
    )


def _unavailable() -> rx.Component:
    return rx.vstack(
        rx.heading("Offre indisponible", as_="h1", size="7"),
        rx.callout(OfferState.error, icon="info", role="alert", width="100%"),
        rx.link(rx.button("Chercher une autre offre", size="3"), href="/recherche"),
        spacing="4",
        width="100%",
    )


@page(
    route="/offre/[id]",
    title="Offre — pass Culture",
    on_load=[YouthSession.guard, OfferState.load],
)
def offer() -> rx.Component:
    return youth_page(
        rx.cond(
            OfferState.loaded,
            rx.cond(OfferState.error != "", _unavailable(), _offer()),
            loading("Chargement de l’offre"),
        ),
        active="recherche",
    )
