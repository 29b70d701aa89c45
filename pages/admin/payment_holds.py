"""Accepted bank accounts and their holds (/admin/paiements/comptes, issue 10 point 6):
the held ones first with since when and why, « Suspendre les paiements » with a required
reason, « Reprendre les paiements »."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.panels import loading, notice, purple_link, refusal
from pages.components.reason_dialog import reason_dialog
from pages.components.tables import CELL, paged_table, search_form
from pages.registry import page
from state.admin.payment_holds import AccountRow
from state.admin.payment_holds import PaymentHoldsState as S
from state.auth import AdminSession

COLUMNS = ("Structure", "SIREN", "Compte", "Paiements", "Action")


def _search() -> rx.Component:
    return search_form(
        "Structure, SIREN, nom du compte ou fin de l’IBAN",
        label="Rechercher un compte bancaire",
        on_submit=S.search,
        on_reset=S.reset_search,
    )


def _filter_button(label, held_only: bool) -> rx.Component:
    active = S.held_only == held_only
    return rx.button(
        label,
        on_click=S.show_held(held_only),
        aria_pressed=rx.cond(active, "true", "false"),
        variant=rx.cond(active, "solid", "outline"),
        background=rx.cond(active, PURPLE, "white"),
        color=rx.cond(active, "white", PURPLE),
        size="2",
    )


def _filters() -> rx.Component:
    return rx.flex(
        _filter_button("Tous les comptes validés", False),
        _filter_button(rx.text.span("Suspendus (", S.held, ")"), True),
        role="group",
        aria_label="Comptes montrés",
        spacing="2",
        wrap="wrap",
    )


def _state(account: AccountRow) -> rx.Component:
    return rx.cond(
        account.held,
        rx.vstack(
            rx.badge("Suspendus", color_scheme="red", high_contrast=True),
            rx.text("Depuis le ", account.held_at, size="2"),
            rx.text(rx.text.strong("Motif : "), account.reason, size="2"),
            spacing="1",
            align="start",
        ),
        rx.badge("Versés", color_scheme="green", high_contrast=True),
    )


def _action(account: AccountRow) -> rx.Component:
    name = account.offerer + " — " + account.label
    return rx.cond(
        account.held,
        rx.button(
            "Reprendre les paiements",
            on_click=S.release(account.id),
            loading=S.busy,
            size="2",
            background=PURPLE,
            white_space="nowrap",
            aria_label="Reprendre les paiements de " + name,
        ),
        rx.button(
            "Suspendre les paiements",
            on_click=S.open_hold(account.id),
            size="2",
            variant="outline",
            color_scheme="red",
            white_space="nowrap",
            aria_label="Suspendre les paiements de " + name,
        ),
    )


def _row(account: AccountRow) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            purple_link(
                account.offerer, href="/admin/structures/" + account.offerer_id.to_string()
            ),
            scope="row",
            style=CELL | {"font_weight": "bold"},
        ),
        rx.el.td(account.siren, style=CELL | {"white_space": "nowrap"}),
        rx.el.td(
            rx.text(account.label),
            rx.text(account.iban, size="1", color="var(--gray-11)", white_space="nowrap"),
            style=CELL,
        ),
        rx.el.td(_state(account), style=CELL | {"max_width": "18rem"}),
        rx.el.td(_action(account), style=CELL),
        border_top="1px solid var(--gray-4)",
        background=rx.cond(account.held, "var(--red-2)", "white"),
    )


def _dialog() -> rx.Component:
    return reason_dialog(
        "Suspendre les paiements",
        description=rx.dialog.description(
            "« ",
            S.holding_name,
            " » : les prochains paiements ignoreront ce compte ; ses réservations attendront "
            "la reprise, puis seront payées.",
            size="2",
            margin_bottom="0.75rem",
        ),
        label="Motif (gardé au journal et montré ici)",
        field_id="motif",
        error=S.dialog_error,
        busy=S.busy,
        on_submit=S.hold,
        is_open=S.holding != 0,
        on_open_change=S.set_dialog_open,
        required=True,
        submit="Suspendre les paiements",
    )


@page(
    route="/admin/paiements/comptes",
    title="Comptes bancaires payés — Back-office — pass Culture",
    on_load=[AdminSession.guard, S.load],
)
def payment_holds() -> rx.Component:
    return admin_page(
        purple_link("← Tous les paiements", href="/admin/paiements", size="2"),
        rx.heading("Comptes bancaires payés", as_="h1", size="7"),
        rx.text(
            "Les remboursements sont versés sur les comptes bancaires validés. Tant que les "
            "paiements d’un compte sont suspendus, ses réservations attendent ; à la reprise, "
            "le paiement suivant les verse."
        ),
        _search(),
        _filters(),
        notice(S.notice),
        refusal(S.error),
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.text(S.total, " compte(s)", size="2", role="status"),
                paged_table(
                    S.accounts,
                    _row,
                    caption="Comptes bancaires validés",
                    columns=COLUMNS,
                    empty="Aucun compte ne correspond.",
                    page=S.page,
                    pages=S.pages,
                    go_to=S.go_to_page,
                    pager_label="Pages des comptes",
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        _dialog(),
        active="paiements",
    )
