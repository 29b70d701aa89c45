"""Structures to validate (/admin/structures, rule O2): a tab per status with its count, a
text filter, the table with checkboxes, and validate / put on hold / reject for one
structure or the ticked ones."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import CHECK_STYLE, FIELD_STYLE, field_label
from pages.components.form_dialog import form_dialog
from pages.components.pager import pager
from pages.components.panels import loading, purple_link
from pages.components.tables import CELL, data_table, filter_form
from pages.registry import page
from services.offerer_statuses import REJECTION_REASONS
from state.admin.structures import Flash, StatusTab, StructureLine, StructuresState
from state.auth import AdminSession

COLUMNS = (
    "Sélection",
    "Structure",
    "SIREN",
    "Ville",
    "Créée le",
    "Membres",
    "Lieux",
    "Dernier commentaire",
    "Actions",
)


def _tab(tab: StatusTab) -> rx.Component:
    active = tab.status == StructuresState.status
    return rx.button(
        tab.label,
        " (",
        tab.count,
        ")",
        on_click=StructuresState.show_status(tab.status),
        aria_pressed=rx.cond(active, "true", "false"),
        variant=rx.cond(active, "solid", "outline"),
        background=rx.cond(active, PURPLE, "white"),
        color=rx.cond(active, "white", PURPLE),
        size="3",
    )


def _tabs() -> rx.Component:
    return rx.flex(
        rx.foreach(StructuresState.tabs, _tab),
        role="group",
        aria_label="Statut des structures",
        spacing="2",
        wrap="wrap",
    )


def _filter() -> rx.Component:
    return filter_form(
        rx.vstack(
            field_label("Nom, SIREN, code postal, ville ou email d’un membre", "texte"),
            rx.el.input(
                id="texte",
                name="texte",
                type="search",
                auto_complete="off",
                default_value=StructuresState.text,
                style=FIELD_STYLE | {"width": "26rem"},
            ),
            spacing="1",
        ),
        label="Filtrer les structures",
        on_submit=StructuresState.filter,
        on_reset=StructuresState.reset_filter,
    )


def _flash(flash: Flash) -> rx.Component:
    return rx.callout(
        flash.message,
        icon=rx.cond(flash.ok, "circle-check", "triangle_alert"),
        color_scheme=rx.cond(flash.ok, "green", "red"),
        high_contrast=True,
        size="1",
        width="100%",
    )


def _flashes() -> rx.Component:
    return rx.vstack(
        rx.foreach(StructuresState.flashes, _flash),
        id="flashes",
        role="status",
        spacing="2",
        width="100%",
    )


def _action(label: str, kind: str, line: StructureLine, **props) -> rx.Component:
    return rx.button(
        label,
        on_click=StructuresState.open_one(kind, line.id),
        size="1",
        aria_label=f"{label} " + line.name,
        **props,
    )


def _row(line: StructureLine) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            rx.cond(
                line.waiting,
                rx.el.input(
                    type="checkbox",
                    checked=StructuresState.selected.contains(line.id),
                    on_change=lambda checked: StructuresState.toggle(line.id, checked),
                    aria_label="Sélectionner " + line.name,
                    style=CHECK_STYLE,
                ),
            ),
            style=CELL,
        ),
        rx.el.th(
            purple_link(line.name, href="/admin/structures/" + line.id.to_string()),
            scope="row",
            style=CELL | {"font_weight": "bold"},
        ),
        rx.el.td(line.siren, style=CELL | {"white_space": "nowrap"}),
        rx.el.td(line.city, style=CELL),
        rx.el.td(line.created_at, style=CELL),
        rx.el.td(
            rx.foreach(line.members, lambda email: rx.text(email, size="2")),
            style=CELL | {"word_break": "break-all", "max_width": "12rem"},
        ),
        rx.el.td(line.venues, style=CELL),
        rx.el.td(rx.text(line.last_comment, size="2"), style=CELL | {"max_width": "14rem"}),
        rx.el.td(
            rx.cond(
                line.waiting,
                rx.flex(
                    _action("Valider", "validate", line, background=PURPLE),
                    _action("Mettre en attente", "hold", line, variant="outline", color=PURPLE),
                    _action("Rejeter", "reject", line, variant="outline", color_scheme="red"),
                    direction="column",
                    spacing="1",
                ),
            ),
            style=CELL,
        ),
        border_top="1px solid var(--gray-4)",
    )


def _batch_bar() -> rx.Component:
    count = StructuresState.selected.length()
    return rx.flex(
        rx.el.label(
            rx.el.input(
                type="checkbox",
                id="tout-cocher",
                checked=(count > 0) & (count == StructuresState.lines.length()),
                on_change=StructuresState.toggle_all,
                style=CHECK_STYLE,
            ),
            "Tout cocher",
            html_for="tout-cocher",
            display="flex",
            align_items="center",
            gap="0.5rem",
            cursor="pointer",
        ),
        rx.text(count, " cochée(s)", size="2", role="status"),
        rx.button(
            "Valider la sélection",
            on_click=StructuresState.open_selection("validate"),
            disabled=count == 0,
            background=rx.cond(count == 0, "var(--gray-8)", PURPLE),
        ),
        rx.button(
            "Mettre en attente la sélection",
            on_click=StructuresState.open_selection("hold"),
            disabled=count == 0,
            variant="outline",
        ),
        rx.button(
            "Rejeter la sélection",
            on_click=StructuresState.open_selection("reject"),
            disabled=count == 0,
            variant="outline",
            color_scheme="red",
        ),
        spacing="3",
        align="center",
        wrap="wrap",
    )


def _list() -> rx.Component:
    return rx.vstack(
        rx.cond(
            StructuresState.has_waiting,
            _batch_bar(),
        ),
        data_table(
            StructuresState.lines,
            _row,
            caption="Structures",
            columns=COLUMNS,
            empty="Aucune structure ne correspond.",
        ),
        pager(
            StructuresState.page,
            StructuresState.pages,
            StructuresState.go_to_page,
            label="Pages des structures",
        ),
        spacing="3",
        width="100%",
    )


def _dialog() -> rx.Component:
    kind = StructuresState.dialog
    return form_dialog(
        StructuresState.dialog_title,
        rx.dialog.description(StructuresState.dialog_names, size="2"),
        rx.cond(
            kind == "reject",
            rx.vstack(
                field_label("Motif du rejet (envoyé à la structure)", "reason"),
                rx.el.select(
                    rx.el.option("Choisir un motif", value=""),
                    *[rx.el.option(label, value=code) for code, label in REJECTION_REASONS.items()],
                    id="reason",
                    name="reason",
                    style=FIELD_STYLE,
                ),
                spacing="1",
                width="100%",
            ),
        ),
        field_label(
            rx.cond(
                kind == "hold",
                "Commentaire interne (obligatoire)",
                "Commentaire interne (facultatif)",
            ),
            "comment",
        ),
        rx.el.textarea(id="comment", name="comment", rows="3", max_length=1000, style=FIELD_STYLE),
        error=StructuresState.dialog_error,
        submit=rx.button(
            StructuresState.dialog_title,
            type="submit",
            loading=StructuresState.busy,
            background=rx.cond(kind == "reject", "var(--red-11)", PURPLE),
        ),
        on_submit=StructuresState.submit_decision,
        is_open=StructuresState.dialog != "",
        on_open_change=StructuresState.set_dialog_open,
    )


@page(
    route="/admin/structures",
    title="Structures à valider — Back-office — pass Culture",
    on_load=[AdminSession.guard, StructuresState.load],
)
def structures() -> rx.Component:
    return admin_page(
        rx.heading("Structures à valider", as_="h1", size="7"),
        rx.text(
            "Les offres d’une structure qui n’est pas validée ne sont montrées à aucun jeune. "
            "La validation envoie l’email d’activation à ses membres."
        ),
        _filter(),
        _tabs(),
        _flashes(),
        rx.cond(StructuresState.loaded, _list(), loading()),
        _dialog(),
        active="structures",
    )
