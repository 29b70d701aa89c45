"""The payment runs (/admin/paiements, issue 10 point 6, rule P4): « Lancer un paiement »
for a recent cut-off with its progress and result, then every run, newest first."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import loading, panel, purple_link, refusal, success
from pages.components.tables import CELL, paged_table
from pages.registry import page
from state.admin.payments import PaymentsState as S
from state.admin.payments import RunRow
from state.auth import AdminSession

COLUMNS = (
    "Paiement",
    "Échéance",
    "Période",
    "Statut",
    "Lancé par",
    "Virements",
    "Réservations",
    "Montant",
)
NUMBER = CELL | {"text_align": "right", "font_variant_numeric": "tabular-nums"}


def status_badge(label: rx.Var, running: rx.Var) -> rx.Component:
    return rx.badge(
        label,
        color_scheme=rx.cond(running, "amber", "green"),
        high_contrast=True,
        size="2",
    )


def _row(run: RunRow) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            purple_link(run.label, href="/admin/paiements/" + run.id.to_string()),
            scope="row",
            style=CELL | {"font_weight": "bold"},
        ),
        rx.el.td(run.cutoff, style=CELL),
        rx.el.td(run.period, style=CELL),
        rx.el.td(status_badge(run.status, run.running), style=CELL),
        rx.el.td(run.started_by, style=CELL),
        rx.el.td(run.payments, style=NUMBER),
        rx.el.td(run.bookings, style=NUMBER),
        rx.el.td(run.amount, style=NUMBER | {"white_space": "nowrap"}),
        border_top="1px solid var(--gray-4)",
    )


def _launch() -> rx.Component:
    return panel(
        "Lancer un paiement",
        rx.text(
            "Paie les réservations utilisées avant l’échéance (0 h, heure de Paris), en un "
            "virement par compte bancaire validé et non suspendu. Relancer une échéance déjà "
            "payée n’ajoute rien ; un paiement arrêté en cours de route reprend là où il "
            "s’était arrêté.",
            size="2",
        ),
        rx.cond(
            S.unfinished != "",
            rx.callout(
                "Le paiement de l’échéance du "
                + S.unfinished
                + " ne s’est pas terminé : lancez-le à nouveau pour le reprendre.",
                icon="info",
                color_scheme="amber",
                high_contrast=True,
                width="100%",
            ),
        ),
        rx.el.form(
            rx.flex(
                rx.vstack(
                    field_label("Échéance", "echeance"),
                    rx.el.select(
                        rx.foreach(
                            S.cutoffs,
                            lambda choice: rx.el.option(choice.label, value=choice.value),
                        ),
                        id="echeance",
                        value=S.cutoff,
                        on_change=S.choose_cutoff,
                        disabled=S.launching,
                        style=FIELD_STYLE | {"width": "18rem"},
                    ),
                    spacing="1",
                ),
                rx.button(
                    "Lancer le paiement",
                    type="submit",
                    size="3",
                    loading=S.launching,
                    background=PURPLE,
                ),
                spacing="3",
                align="end",
                wrap="wrap",
            ),
            on_submit=S.launch,
            aria_label="Lancer un paiement",
            width="100%",
        ),
        rx.cond(
            S.progress != "",
            rx.flex(
                rx.spinner(size="2"),
                rx.text(S.progress, size="2"),
                role="status",
                spacing="2",
                align="center",
            ),
        ),
        rx.cond(S.result != "", success(S.result)),
        refusal(S.error),
    )


def _runs() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("Paiements (", S.total, ")", as_="h2", size="5"),
            paged_table(
                S.runs,
                _row,
                caption="Paiements",
                columns=COLUMNS,
                empty="Aucun paiement n’a encore été lancé.",
                page=S.page,
                pages=S.pages,
                go_to=S.go_to_page,
                pager_label="Pages des paiements",
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="Paiements",
        width="100%",
    )


@page(
    route="/admin/paiements",
    title="Paiements — Back-office — pass Culture",
    on_load=[AdminSession.guard, S.load],
)
def payments() -> rx.Component:
    return admin_page(
        rx.flex(
            rx.heading("Paiements des remboursements", as_="h1", size="7"),
            purple_link(
                "Comptes bancaires et suspensions", href="/admin/paiements/comptes", size="3"
            ),
            justify="between",
            align="baseline",
            wrap="wrap",
            gap="0.5rem 1.5rem",
            width="100%",
        ),
        rx.cond(S.loaded, rx.fragment(_launch(), _runs()), loading()),
        active="paiements",
    )
