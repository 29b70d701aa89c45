"""One payment run (/admin/paiements/<id>, issue 10 point 6): its summary, the SEPA
transfer file, and its payments with their statements (PDF, CSV), searched and paginated."""

import reflex as rx

from pages.admin.payments import NUMBER, status_badge
from pages.components.admin_shell import admin_page
from pages.components.downloads import download_link
from pages.components.panels import detail, loading, missing_page, panel, purple_link
from pages.components.tables import CELL, paged_table, search_form
from pages.registry import page
from state.admin.payment_run import PaymentRow
from state.admin.payment_run import PaymentRunState as S
from state.auth import AdminSession

COLUMNS = (
    "Structure",
    "SIREN",
    "Compte bancaire",
    "Justificatif",
    "Réservations",
    "Montant",
    "Télécharger",
)


def _summary() -> rx.Component:
    run = S.run
    return panel(
        "Résumé",
        rx.el.dl(
            rx.box(
                rx.el.dt("Statut", font_weight="bold", margin_top="0.5rem"),
                rx.el.dd(status_badge(run.status, run.running), margin="0"),
            ),
            rx.box(detail("Période", run.period)),
            rx.box(detail("Lancé par", run.started_by)),
            rx.box(detail("Commencé le", run.started_at)),
            rx.box(detail("Terminé le", run.finished_at)),
            rx.box(detail("Virements", run.payments.to_string())),
            rx.box(detail("Réservations", run.bookings.to_string())),
            rx.box(detail("Montant total", run.amount)),
            display="grid",
            grid_template_columns="repeat(auto-fill, minmax(13.5rem, 1fr))",
            column_gap="1rem",
            margin="0",
            width="100%",
        ),
        rx.cond(
            run.sepa_href != "",
            rx.flex(
                rx.icon("download", aria_hidden="true", size=18, color="var(--gray-11)"),
                download_link("Fichier de virements SEPA (XML)", href=run.sepa_href),
                spacing="2",
                align="center",
            ),
            rx.cond(
                run.running,
                rx.text(
                    "Le fichier de virements sera prêt à la fin du paiement. S’il s’est "
                    "arrêté, relancez-le depuis la liste des paiements.",
                    size="2",
                ),
            ),
        ),
    )


def _search() -> rx.Component:
    return search_form(
        "Structure, SIREN ou n° de justificatif",
        label="Rechercher un virement",
        on_submit=S.search,
        on_reset=S.reset_search,
    )


def _row(payment: PaymentRow) -> rx.Component:
    return rx.el.tr(
        rx.el.th(payment.offerer, scope="row", style=CELL | {"font_weight": "bold"}),
        rx.el.td(payment.siren, style=CELL | {"white_space": "nowrap"}),
        rx.el.td(
            rx.text(payment.account),
            rx.text(payment.iban, size="1", color="var(--gray-11)", white_space="nowrap"),
            style=CELL,
        ),
        rx.el.td(payment.reference, style=CELL | {"font_variant_numeric": "tabular-nums"}),
        rx.el.td(payment.bookings, style=NUMBER),
        rx.el.td(payment.amount, style=NUMBER | {"white_space": "nowrap"}),
        rx.el.td(
            rx.flex(
                download_link(
                    "PDF",
                    href=payment.pdf_href,
                    aria_label="Justificatif " + payment.reference + " en PDF",
                ),
                download_link(
                    "CSV",
                    href=payment.csv_href,
                    aria_label="Détail des réservations du justificatif "
                    + payment.reference
                    + " en CSV",
                ),
                spacing="3",
            ),
            style=CELL,
        ),
        border_top="1px solid var(--gray-4)",
    )


def _payments() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("Virements (", S.total, ")", as_="h2", size="5"),
            _search(),
            paged_table(
                S.payments,
                _row,
                caption="Virements du paiement",
                columns=COLUMNS,
                empty=rx.cond(
                    S.text != "", "Aucun virement ne correspond.", "Ce paiement n’a aucun virement."
                ),
                page=S.page,
                pages=S.pages,
                go_to=S.go_to_page,
                pager_label="Pages des virements",
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="Virements",
        width="100%",
    )


def _content() -> rx.Component:
    return rx.cond(
        S.missing != "",
        missing_page("Paiement introuvable", S.missing),
        rx.vstack(
            rx.heading(
                "Paiement ", S.run.label, " — échéance du ", S.run.cutoff_words, as_="h1", size="7"
            ),
            _summary(),
            _payments(),
            spacing="4",
            width="100%",
        ),
    )


@page(
    route="/admin/paiements/[run_id]",
    title="Un paiement — Back-office — pass Culture",
    on_load=[AdminSession.guard, S.load],
)
def payment_run() -> rx.Component:
    return admin_page(
        purple_link("← Tous les paiements", href="/admin/paiements", size="2"),
        rx.cond(S.loaded, _content(), loading()),
        active="paiements",
    )
