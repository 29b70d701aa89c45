"""Join requests (/admin/rattachements, rule O4): the queue with its count; accept, or
refuse with a reason sent to the requester, one by one or a selection at once."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.pager import pager
from pages.components.panels import loading, notice, refusal
from pages.components.reason_dialog import reason_dialog
from pages.components.tables import CELL, data_table
from pages.registry import page
from state.admin.memberships import MembershipsState as S
from state.auth import AdminSession


def _row(line: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            rx.el.input(
                type="checkbox",
                checked=S.selected.contains(line["id"]),
                on_change=lambda checked: S.toggle(line["id"], checked),
                aria_label="Sélectionner la demande de " + line["name"],
                style={"width": "1.25rem", "height": "1.25rem"},
            ),
            style=CELL,
        ),
        rx.el.td(
            rx.text(line["name"], weight="bold"), rx.text(line["email"], size="2"), style=CELL
        ),
        rx.el.td(line["structure"], style=CELL),
        rx.el.td(line["siren"], style=CELL | {"font_variant_numeric": "tabular-nums"}),
        rx.el.td(line["at"], style=CELL),
        rx.el.td(
            rx.flex(
                rx.button(
                    "Accepter",
                    on_click=S.accept([line["id"]]),
                    loading=S.busy,
                    background=PURPLE,
                    aria_label="Accepter la demande de " + line["name"],
                ),
                rx.button(
                    "Refuser",
                    on_click=S.open_refusal([line["id"]]),
                    color_scheme="red",
                    variant="outline",
                    aria_label="Refuser la demande de " + line["name"],
                ),
                gap="0.5rem",
            ),
            style=CELL,
        ),
        border_top="1px solid var(--gray-5)",
    )


def _batch() -> rx.Component:
    count = S.selected.length()
    return rx.flex(
        rx.text(count, " sélectionnée(s)", size="2"),
        rx.button(
            "Accepter la sélection",
            on_click=S.accept(S.selected),
            disabled=count == 0,
            loading=S.busy,
            background=rx.cond(count == 0, "var(--gray-8)", PURPLE),
        ),
        rx.button(
            "Refuser la sélection",
            on_click=S.open_refusal(S.selected),
            disabled=count == 0,
            color_scheme="red",
            variant="outline",
        ),
        gap="0.75rem",
        align="center",
        wrap="wrap",
    )


def _dialog() -> rx.Component:
    return reason_dialog(
        "Refuser ",
        S.refusing.length(),
        " demande(s)",
        description=rx.dialog.description(
            "Le motif est envoyé par email à chaque demandeur.", size="2"
        ),
        label="Motif du refus",
        field_id="membership-reason",
        error=S.dialog_error,
        busy=S.busy,
        on_submit=S.refuse,
        is_open=S.refusing.length() > 0,
        on_open_change=S.set_dialog_open,
        required=True,
    )


@page(
    route="/admin/rattachements",
    title="Rattachements à valider — Back-office — pass Culture",
    on_load=[AdminSession.guard, S.load],
)
def memberships() -> rx.Component:
    return admin_page(
        rx.heading("Rattachements à valider", as_="h1", size="7"),
        rx.text(
            "Des professionnels demandent à rejoindre une structure déjà inscrite (même "
            "SIREN). Ses membres validés peuvent aussi accepter ou refuser."
        ),
        notice(S.notice),
        refusal(S.error),
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.heading("En attente (", S.total, ")", as_="h2", size="5"),
                _batch(),
                data_table(
                    S.lines,
                    _row,
                    caption="Les demandes de rattachement en attente, les plus anciennes d’abord",
                    columns=("Choix", "Demandeur", "Structure", "SIREN", "Demandée le", "Décision"),
                    empty="Aucune demande de rattachement n’attend de décision.",
                ),
                pager(S.page, S.pages, S.go_to_page, label="Pages des demandes de rattachement"),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        _dialog(),
        active="rattachements",
    )
