"""« Suivi des remboursements » (/pro/remboursements, rule P6): how reimbursements work
(P2, P4), the structure's statements with their downloads, and what is coming per venue
with the reason it waits."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.downloads import download_link
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import loading, purple_link, refusal
from pages.components.pro_shell import pro_page
from pages.components.tables import CELL, data_table, filter_form
from pages.registry import page
from state.auth import ProSession
from state.pro.reimbursements import ReimbursementsState as State

_NOWRAP = CELL | {"white_space": "nowrap"}
_AMOUNT = _NOWRAP | {"font_variant_numeric": "tabular-nums"}


def _explained() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("info")),
        rx.vstack(
            rx.text(
                rx.text.strong("Barème : "),
                State.scale,
                ". ",
                rx.text("Sans commission.", as_="span"),
            ),
            rx.text(State.cadence),
            spacing="1",
        ),
        color_scheme="iris",
        high_contrast=True,
        width="100%",
    )


def _date_field(label: str, name: str) -> rx.Component:
    return rx.vstack(
        field_label(label, f"filtre-{name}"),
        rx.el.input(id=f"filtre-{name}", name=name, type="date", style=FIELD_STYLE),
        spacing="1",
        flex="1 1 11rem",
    )


def _filters() -> rx.Component:
    return filter_form(
        _date_field("Période du", "period_from"),
        _date_field("au", "period_to"),
        rx.vstack(
            field_label("Compte bancaire", "filtre-bank_account"),
            rx.el.select(
                rx.el.option("Tous les comptes", value=""),
                rx.foreach(
                    State.account_options,
                    lambda option: rx.el.option(option[1], value=option[0]),
                ),
                id="filtre-bank_account",
                name="bank_account",
                style=FIELD_STYLE,
            ),
            spacing="1",
            flex="2 1 18rem",
        ),
        label="Filtrer les justificatifs",
        on_submit=State.apply,
        on_reset=State.reset_filters,
    )


def _download(label: str, href: rx.Var, description: rx.Var) -> rx.Component:
    return download_link(label, href=href, aria_label=description, white_space="nowrap")


def _statement(row: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            rx.text(row["reference"], weight="bold", font_family="ui-monospace, monospace"),
            scope="row",
            style=_NOWRAP,
        ),
        rx.el.td(row["period"], style=CELL),
        rx.el.td(row["paid_on"], style=_NOWRAP),
        rx.el.td(
            rx.text(row["account"]),
            rx.text(row["iban"], size="1", color="var(--gray-11)", white_space="nowrap"),
            style=CELL,
        ),
        rx.el.td(row["bookings"], style=_NOWRAP),
        rx.el.td(rx.text(row["amount"], weight="bold"), style=_AMOUNT),
        rx.el.td(
            rx.flex(
                _download(
                    "Télécharger le PDF",
                    row["pdf"],
                    "Télécharger le PDF du justificatif " + row["reference"],
                ),
                _download(
                    "le CSV",
                    row["csv"],
                    "Télécharger le CSV du justificatif " + row["reference"],
                ),
                gap="0.25rem 1rem",
                wrap="wrap",
            ),
            style=CELL,
        ),
        border_top="1px solid var(--gray-5)",
        data_payment=row["id"],
    )


def _section(title: str, *children: rx.Component) -> rx.Component:
    """A part of the page under its h2, named by it for screen readers."""
    return rx.el.section(
        rx.vstack(rx.heading(title, as_="h2", size="5"), *children, spacing="3", width="100%"),
        aria_label=title,
        width="100%",
    )


def _statements() -> rx.Component:
    return _section(
        "Justificatifs",
        _filters(),
        refusal(State.error),
        rx.flex(
            rx.text(State.summary, weight="bold", aria_live="polite"),
            rx.cond(
                State.statements.length() > 0,
                rx.flex(
                    rx.icon("download", aria_hidden="true", size=18, color=PURPLE),
                    _download(
                        "Télécharger tous les justificatifs (CSV)",
                        State.all_csv_href,
                        "Télécharger tous les justificatifs (CSV) de cette page",
                    ),
                    gap="0.5rem",
                    align="center",
                ),
            ),
            justify="between",
            align="center",
            wrap="wrap",
            gap="0.75rem",
            width="100%",
        ),
        data_table(
            State.statements,
            _statement,
            caption="Justificatifs de remboursement, les plus récents d’abord",
            columns=(
                "Référence",
                "Période",
                "Versé le",
                "Compte bancaire",
                "Réservations",
                "Montant remboursé",
                "Détail",
            ),
            empty="Aucun justificatif pour le moment : il apparaît ici après le premier "
            "paiement de vos réservations validées.",
        ),
        pager(State.page, State.page_count, State.go_to, label="Pages des justificatifs"),
    )


def _coming(row: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row["venue"], scope="row", style=CELL | {"font_weight": "500"}),
        rx.el.td(row["bookings"], style=_NOWRAP),
        rx.el.td(row["booking_amount"], style=_AMOUNT),
        rx.el.td(rx.text(row["amount"], weight="bold"), style=_AMOUNT),
        rx.el.td(
            rx.text(row["reason"]),
            rx.cond(
                row["link"] != "",
                purple_link(
                    "Renseigner les coordonnées bancaires",
                    href=row["link"],
                    size="2",
                    text_decoration="underline",
                ),
            ),
            style=CELL,
        ),
        border_top="1px solid var(--gray-5)",
        data_waiting=row["key"],
    )


def _upcoming() -> rx.Component:
    return _section(
        "À venir",
        rx.text(
            "Les réservations validées et pas encore remboursées, par lieu, et ce "
            "qu’elles attendent.",
            color="var(--gray-11)",
        ),
        data_table(
            State.upcoming,
            _coming,
            caption="Remboursements à venir, par lieu",
            columns=(
                "Lieu",
                "Réservations",
                "Montant des réservations",
                "À rembourser",
                "Versement",
            ),
            empty="Rien en attente : toutes vos réservations validées ont été remboursées.",
        ),
        pager(
            State.upcoming_page,
            State.upcoming_page_count,
            State.go_to_upcoming,
            label="Pages des remboursements à venir",
        ),
    )


@page(
    route="/pro/remboursements",
    title="Remboursements — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, State.load],
)
def reimbursements() -> rx.Component:
    return pro_page(
        rx.heading("Suivi des remboursements", as_="h1", size="7"),
        rx.cond(
            State.loaded,
            rx.cond(
                State.missing != "",
                refusal(State.missing),
                rx.vstack(_explained(), _statements(), _upcoming(), spacing="6", width="100%"),
            ),
            loading("Chargement des remboursements"),
        ),
        active="remboursements",
    )
