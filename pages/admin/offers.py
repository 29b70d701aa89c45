"""Offers waiting for review (/admin/offres, rule F12): approve, reject with a reason, and
find a live offer to deactivate it with a reason."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import detail, loading, refusal
from pages.components.reason_dialog import reason_dialog
from pages.registry import page
from state.admin.offers import DEACTIVATE, REJECT, OfferCard, OffersState
from state.auth import AdminSession


def _details(offer: OfferCard) -> rx.Component:
    return rx.el.dl(
        rx.box(detail("Structure", offer.offerer_name)),
        rx.box(detail("Lieu", offer.venue_name)),
        rx.box(detail("Sous-catégorie", offer.subcategory)),
        rx.box(detail("Prix", offer.prices)),
        rx.box(detail("Mise à jour le", offer.submitted_at)),
        display="grid",
        grid_template_columns="repeat(auto-fit, minmax(11rem, 1fr))",
        column_gap="1rem",
        margin="0",
        width="100%",
    )


def _card(offer: OfferCard, *actions: rx.Component, reasons: bool) -> rx.Component:
    return rx.el.article(
        rx.vstack(
            rx.flex(
                rx.heading(offer.name, as_="h3", size="4"),
                rx.text("Offre n° ", offer.id, size="2", color="var(--gray-11)"),
                justify="between",
                align="baseline",
                width="100%",
                wrap="wrap",
                gap="2",
            ),
            rx.cond(offer.description != "", rx.text(offer.description, size="2")),
            _details(offer),
            (
                rx.box(
                    rx.text("Envoyée en validation par :", weight="bold", size="2"),
                    rx.el.ul(
                        rx.foreach(offer.reasons, lambda reason: rx.el.li(reason)),
                        margin="0.25rem 0 0 1.25rem",
                        padding="0",
                    ),
                    background="var(--amber-2)",
                    border="1px solid var(--amber-6)",
                    border_radius="var(--radius-3)",
                    padding="0.5rem 0.75rem",
                    width="100%",
                )
                if reasons
                else rx.fragment()
            ),
            rx.flex(*actions, spacing="3", wrap="wrap"),
            spacing="3",
            width="100%",
        ),
        aria_label=offer.name,
        background="white",
        border="1px solid var(--gray-5)",
        border_radius="12px",
        padding="1rem",
        width="100%",
    )


def _pending_card(offer: OfferCard) -> rx.Component:
    return _card(
        offer,
        rx.button(
            "Approuver",
            on_click=OffersState.approve(offer.id),
            loading=OffersState.busy,
            background=PURPLE,
        ),
        rx.button(
            "Rejeter",
            on_click=OffersState.open_dialog(REJECT, offer.id),
            color_scheme="red",
            variant="outline",
        ),
        reasons=True,
    )


def _found_card(offer: OfferCard) -> rx.Component:
    return _card(
        offer,
        rx.button(
            "Désactiver",
            on_click=OffersState.open_dialog(DEACTIVATE, offer.id),
            color_scheme="red",
            variant="outline",
        ),
        reasons=False,
    )


def _queue() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("En attente de validation (", OffersState.total, ")", as_="h2", size="5"),
            rx.cond(
                OffersState.total == 0,
                rx.text("Aucune offre n’attend de validation."),
                rx.vstack(rx.foreach(OffersState.queue, _pending_card), spacing="3", width="100%"),
            ),
            pager(
                OffersState.page,
                OffersState.pages,
                OffersState.go_to_page,
                label="Pages des offres à valider",
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="En attente de validation",
        width="100%",
    )


def _search() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("Désactiver une offre en ligne", as_="h2", size="5"),
            rx.form(
                rx.vstack(
                    field_label("Titre ou numéro de l’offre", "query"),
                    rx.flex(
                        rx.el.input(
                            id="query",
                            name="query",
                            type="search",
                            auto_complete="off",
                            style=FIELD_STYLE | {"max_width": "28rem"},
                        ),
                        rx.button("Rechercher", type="submit", size="3", variant="outline"),
                        spacing="3",
                        align="center",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=OffersState.search,
                reset_on_submit=False,
                width="100%",
            ),
            rx.cond(
                OffersState.searched,
                rx.cond(
                    OffersState.found.length() > 0,
                    rx.vstack(
                        rx.foreach(OffersState.found, _found_card), spacing="3", width="100%"
                    ),
                    rx.text("Aucune offre en ligne ne correspond à « ", OffersState.query, " »."),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="Désactiver une offre en ligne",
        width="100%",
    )


def _reason_dialog() -> rx.Component:
    rejecting = OffersState.dialog == REJECT
    return reason_dialog(
        title=OffersState.dialog_title,
        description=rx.dialog.description(
            "« ",
            OffersState.dialog_offer_name,
            " » : ",
            rx.cond(
                rejecting,
                "l’offre ne sera pas proposée aux jeunes.",
                "l’offre ne sera plus proposée aux jeunes ; "
                "les réservations déjà faites restent valables.",
            ),
            size="2",
        ),
        label="Motif, envoyé par email à la structure",
        name="reason",
        confirm=rx.cond(rejecting, "Rejeter l’offre", "Désactiver l’offre"),
        error=OffersState.dialog_error,
        busy=OffersState.busy,
        on_submit=OffersState.submit_reason,
        is_open=OffersState.dialog != "",
        on_open_change=OffersState.set_dialog_open,
    )


@page(
    route="/admin/offres",
    title="Offres à valider — Back-office — pass Culture",
    on_load=[AdminSession.guard, OffersState.load],
)
def offers() -> rx.Component:
    return admin_page(
        rx.heading("Offres à valider", as_="h1", size="7"),
        rx.text(
            "Les offres qu’une règle de validation a retenues ne sont montrées à personne "
            "tant que vous ne les avez pas approuvées."
        ),
        refusal(OffersState.error),
        rx.cond(
            OffersState.notice != "",
            rx.callout(
                OffersState.notice,
                icon="circle-check",
                color_scheme="green",
                high_contrast=True,
                role="status",
                width="100%",
            ),
        ),
        rx.cond(OffersState.loaded, rx.fragment(_queue(), _search()), loading()),
        _reason_dialog(),
        active="offres",
    )
