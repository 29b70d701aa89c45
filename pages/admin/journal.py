"""The audit log (/admin/journal, rule F12): who did what, when — read only."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import loading, purple_link
from pages.registry import page
from services.audit import ACTION_LABELS
from state.admin.journal import EntryRow, JournalState
from state.auth import AdminSession


def _filter() -> rx.Component:
    return rx.vstack(
        field_label("Action", "action"),
        rx.el.select(
            rx.el.option("Toutes les actions", value=""),
            *[rx.el.option(label, value=action.value) for action, label in ACTION_LABELS.items()],
            id="action",
            value=JournalState.action,
            on_change=JournalState.filter,
            style=FIELD_STYLE | {"max_width": "20rem"},
        ),
        spacing="2",
    )


def _row(entry: EntryRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(entry.at, white_space="nowrap"),
        rx.table.cell(
            rx.text(entry.admin_name),
            rx.text(entry.admin_email, size="1", color="var(--gray-11)"),
        ),
        rx.table.row_header_cell(entry.action),
        rx.table.cell(
            rx.cond(
                entry.target_href != "",
                purple_link(entry.target, href=entry.target_href),
                rx.text.span(entry.target),
            ),
            white_space="nowrap",
        ),
        rx.table.cell(rx.foreach(entry.details, lambda line: rx.text(line, size="2"))),
    )


def _table() -> rx.Component:
    return rx.cond(
        JournalState.total == 0,
        rx.text("Aucune action enregistrée."),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell("Date"),
                    rx.table.column_header_cell("Administrateur"),
                    rx.table.column_header_cell("Action"),
                    rx.table.column_header_cell("Cible"),
                    rx.table.column_header_cell("Détails"),
                )
            ),
            rx.table.body(rx.foreach(JournalState.entries, _row)),
            variant="surface",
            text_align="left",
            width="100%",
        ),
    )


@page(
    route="/admin/journal",
    title="Journal — Back-office — pass Culture",
    on_load=[AdminSession.guard, JournalState.load],
)
def journal() -> rx.Component:
    return admin_page(
        rx.heading("Journal des actions", as_="h1", size="7"),
        rx.text(
            "Chaque action des administrateurs y est inscrite et ne peut être ni modifiée "
            "ni supprimée."
        ),
        _filter(),
        rx.cond(
            JournalState.loaded,
            rx.vstack(
                rx.text(
                    rx.cond(
                        JournalState.total == 1,
                        "1 action",
                        rx.text.span(JournalState.total, " actions"),
                    ),
                    size="2",
                    role="status",
                ),
                _table(),
                pager(
                    JournalState.page,
                    JournalState.pages,
                    JournalState.go_to_page,
                    label="Pages du journal",
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        active="journal",
    )
