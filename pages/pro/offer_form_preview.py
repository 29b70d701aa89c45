"""Step 5 of the offer form: the offer as young users will see it (rule E4) — its card
in a list, then its page — and the publication."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.offer_card import offer_card
from pages.components.panels import panel
from pages.youth.offer import offer_picture, venue_panel
from state.pro.offer_form import OfferFormState

S = OfferFormState


def _frame(*children: rx.Component, label: str, **props) -> rx.Component:
    """A phone-width frame on the youth app's background."""
    return rx.el.section(
        rx.vstack(*children, spacing="3", width="100%"),
        aria_label=label,
        background="var(--gray-2)",
        border="1px solid var(--gray-6)",
        border_radius="16px",
        padding="1rem",
        width="100%",
        max_width="26rem",
        **props,
    )


def _dates() -> rx.Component:
    return panel(
        rx.cond(S.is_event, "Dates et tarifs", "Tarif"),
        rx.cond(
            S.preview_stocks.length() > 0,
            rx.el.ul(
                rx.foreach(
                    S.preview_stocks,
                    lambda s: rx.el.li(
                        rx.cond(s["when"] != "", rx.text(s["when"], weight="bold")),
                        rx.text(s["label"]),
                        padding="0.5rem 0",
                        border_bottom="1px solid var(--gray-5)",
                        list_style="none",
                    ),
                ),
                padding="0",
                margin="0",
                width="100%",
            ),
            rx.text("Aucune date n’est réservable : ajoutez un stock à l’étape 4."),
        ),
    )


def _offer_page() -> rx.Component:
    return _frame(
        offer_picture(S),
        rx.hstack(
            rx.badge(S.category_label, size="2"),
            rx.badge(S.subcategory_label, size="2", variant="outline"),
            wrap="wrap",
            spacing="2",
        ),
        rx.heading(S.name, as_="h3", size="6"),
        rx.cond(S.description != "", panel("Description", rx.text(S.description))),
        venue_panel(S),
        rx.cond(
            S.withdrawal_details != "",
            panel("Modalités de retrait", rx.text(S.withdrawal_details)),
        ),
        _dates(),
        label="Aperçu de la page de l’offre",
        id="apercu-offre",
    )


def preview_step() -> rx.Component:
    return panel(
        "5. Aperçu",
        rx.text("Voici l’offre telle que les jeunes la verront dans l’application.", size="2"),
        rx.flex(
            rx.vstack(
                rx.heading("Dans les résultats", as_="h3", size="3"),
                _frame(offer_card(S.preview_card, None, "h4"), label="Aperçu de la carte"),
                spacing="2",
                width="100%",
                max_width="26rem",
            ),
            rx.vstack(
                rx.heading("La page de l’offre", as_="h3", size="3"),
                _offer_page(),
                spacing="2",
                width="100%",
                max_width="26rem",
            ),
            spacing="5",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            S.published,
            rx.callout(
                "Cette offre est publiée : les jeunes la voient dès que votre structure est "
                "validée et qu’une date ou un stock est réservable.",
                icon="info",
                width="100%",
            ),
            rx.flex(
                rx.button("Retour", type="button", variant="soft", size="3", on_click=S.go_to(4)),
                rx.button(
                    "Publier l’offre",
                    type="button",
                    size="3",
                    on_click=S.publish,
                    loading=S.busy,
                    background=PURPLE,
                ),
                spacing="3",
                justify="end",
                width="100%",
            ),
        ),
    )
