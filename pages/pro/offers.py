"""The offers list (/pro/offres): every offer of the pro's structures, filtered by venue,
status, category and text, with the count of each status; per offer: its stocks,
duplicate, activate or deactivate (rule F9), put forward in the venue's carousel (F11)."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import loading, notice, purple_link, refusal
from pages.components.pro_shell import pro_page
from pages.components.tables import CELL, data_table, filter_form
from pages.pro.offer_stocks import delete_dialog, stocks_dialog
from pages.registry import page
from services.pro_offers import category_choices
from state.auth import ProSession
from state.pro.offers import OffersState

# Read by screen readers, not shown.


def _select(label: str, name: str, first: str, options) -> rx.Component:
    field_id = f"filtre-{name}"
    return rx.vstack(
        field_label(label, field_id),
        rx.el.select(
            rx.el.option(first, value=""),
            options,
            id=field_id,
            name=name,
            style=FIELD_STYLE,
        ),
        spacing="1",
        flex="1 1 14rem",
    )


def _filters() -> rx.Component:
    return filter_form(
        _select(
            "Catégorie",
            "category",
            "Toutes les catégories",
            [rx.el.option(label, value=key) for key, label in category_choices()],
        ),
        rx.vstack(
            field_label("Nom de l’offre ou EAN", "filtre-texte"),
            rx.el.input(
                id="filtre-texte",
                name="text",
                type="search",
                max_length=200,
                style=FIELD_STYLE,
            ),
            spacing="1",
            flex="2 1 16rem",
        ),
        label="Filtrer les offres",
        on_submit=OffersState.apply_filters,
        on_reset=OffersState.reset_filters,
    )


def _status_button(choice: rx.Var) -> rx.Component:
    chosen = OffersState.status == choice["key"]
    return rx.button(
        choice["text"],
        type="button",
        size="2",
        variant=rx.cond(chosen, "solid", "outline"),
        aria_pressed=rx.cond(chosen, "true", "false"),
        on_click=OffersState.choose_status(choice["key"]),
    )


def _status_filter() -> rx.Component:
    return rx.flex(
        rx.foreach(OffersState.status_counts, _status_button),
        role="group",
        aria_label="Statut des offres",
        wrap="wrap",
        spacing="2",
    )


def _status_badge(row: rx.Var) -> rx.Component:
    return rx.badge(
        row["status_label"],
        size="2",
        high_contrast=True,
        color_scheme=rx.match(
            row["status"],
            ("published", "green"),
            ("rejected", "red"),
            ("draft", "gray"),
            ("inactive", "gray"),
            "amber",
        ),
    )


def _offer_cell(row: rx.Var) -> rx.Component:
    return rx.el.td(
        rx.hstack(
            rx.cond(
                row["image_url"] != "",
                rx.image(src=row["image_url"], alt="", width="2.5rem", height="3.75rem"),
                rx.box(width="2.5rem", height="3.75rem", background="var(--gray-3)"),
            ),
            rx.vstack(
                purple_link(row["name"], href=row["href"], weight="bold"),
                rx.text(row["details"], size="1", color="var(--gray-11)"),
                rx.cond(
                    row["highlighted"] == "yes",
                    rx.badge(
                        rx.icon("star", size=12, aria_hidden="true"),
                        "Mise en avant",
                        color_scheme="iris",
                        variant="soft",
                    ),
                ),
                spacing="1",
                min_width="0",
            ),
            spacing="3",
        ),
        style=CELL,
    )


def _actions(row: rx.Var) -> rx.Component:
    name = " « " + row["name"] + " »"
    highlighted = row["highlighted"] == "yes"
    return rx.flex(
        rx.button(
            "Stocks",
            size="1",
            variant="outline",
            on_click=OffersState.open_stocks(row["id"]),
            aria_label="Stocks de" + name,
        ),
        rx.button(
            "Dupliquer",
            size="1",
            variant="outline",
            on_click=OffersState.duplicate(row["id"]),
            aria_label="Dupliquer" + name,
        ),
        rx.cond(
            row["switchable"] == "yes",
            rx.cond(
                row["inactive"] == "yes",
                rx.button(
                    "Publier",
                    size="1",
                    variant="outline",
                    on_click=OffersState.set_active(row["id"], True),
                    aria_label="Publier" + name,
                ),
                rx.button(
                    "Désactiver",
                    size="1",
                    variant="outline",
                    color_scheme="red",
                    on_click=OffersState.set_active(row["id"], False),
                    aria_label="Désactiver" + name,
                ),
            ),
        ),
        # A toggle: pressed while the offer is in the venue's carousel.
        rx.button(
            rx.icon("star", size=12, aria_hidden="true"),
            "Mettre en avant",
            size="1",
            variant=rx.cond(highlighted, "solid", "outline"),
            aria_pressed=rx.cond(highlighted, "true", "false"),
            on_click=OffersState.set_highlighted(row["id"], ~highlighted),
            aria_label="Mettre en avant" + name,
        ),
        wrap="wrap",
        gap="0.4rem",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.el.tr(
        _offer_cell(row),
        rx.el.td(row["venue"], style=CELL),
        rx.el.td(
            rx.text(row["stocks_label"], size="2"),
            rx.text(row["next_date"], size="1", color="var(--gray-11)"),
            style=CELL,
        ),
        rx.el.td(_status_badge(row), style=CELL),
        rx.el.td(_actions(row), style=CELL | {"min_width": "15rem"}),
        border_top="1px solid var(--gray-5)",
    )


@page(
    route="/pro/offres",
    title="Offres — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, OffersState.load],
)
def offers() -> rx.Component:
    return pro_page(
        rx.flex(
            rx.heading("Offres", as_="h1", size="7"),
            rx.button(
                rx.link(
                    rx.icon("plus", size=18, aria_hidden="true"),
                    "Créer une offre",
                    href="/pro/offres/nouvelle",
                    color="white",
                    _hover={"color": "white"},
                    underline="none",
                ),
                as_child=True,
                size="3",
                background=PURPLE,
            ),
            justify="between",
            align="center",
            wrap="wrap",
            gap="1rem",
            width="100%",
        ),
        _filters(),
        _status_filter(),
        refusal(OffersState.error),
        notice(OffersState.notice),
        rx.cond(
            OffersState.loaded,
            rx.vstack(
                rx.text(OffersState.total_label, weight="bold", aria_live="polite"),
                data_table(
                    OffersState.rows,
                    _row,
                    caption="Vos offres, les plus récentes d’abord",
                    columns=("Offre", "Lieu", "Stock", "Statut", "Actions"),
                    empty="Aucune offre ne correspond à ces critères.",
                ),
                pager(
                    OffersState.page,
                    OffersState.page_count,
                    OffersState.go_to_page,
                    label="Pages des offres",
                ),
                spacing="3",
                width="100%",
            ),
            loading("Chargement des offres"),
        ),
        stocks_dialog(),
        delete_dialog(),
        active="offres",
    )
