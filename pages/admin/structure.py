"""One structure (/admin/structures/<id>): details, members, venues with their SIRET, and
the history of its statuses and comments (read from the audit log), with a comment form."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import (
    detail,
    loading,
    missing_page,
    notice,
    panel,
    purple_link,
    refusal,
)
from pages.components.tables import CELL, data_table
from pages.registry import page
from state.admin.structure import HistoryLine, MemberLine, StructureState, VenueLine
from state.auth import AdminSession


def _cell(value, **style) -> rx.Component:
    return rx.el.td(value, style=CELL | style)


def _details() -> rx.Component:
    shown = StructureState.structure
    return panel(
        "Informations",
        rx.el.dl(
            rx.box(detail("SIREN", shown.siren)),
            rx.box(detail("Statut", shown.status)),
            rx.box(detail("Motif du rejet", shown.rejection_reason)),
            rx.box(detail("Adresse", shown.address)),
            rx.box(detail("Téléphone", shown.phone)),
            rx.box(detail("Créée le", shown.created_at)),
            rx.box(detail("Validée le", shown.validated_at)),
            display="grid",
            grid_template_columns="repeat(auto-fit, minmax(12rem, 1fr))",
            column_gap="1rem",
            margin="0",
            width="100%",
        ),
    )


def _member(member: MemberLine) -> rx.Component:
    return rx.el.tr(
        rx.el.th(member.name, scope="row", style=CELL), _cell(member.email), _cell(member.status)
    )


def _venue(venue: VenueLine) -> rx.Component:
    return rx.el.tr(
        rx.el.th(venue.name, scope="row", style=CELL),
        _cell(venue.siret, white_space="nowrap"),
        _cell(venue.city),
    )


def _event(line: HistoryLine) -> rx.Component:
    return rx.el.tr(
        _cell(line.at, white_space="nowrap"),
        rx.el.th(line.action, scope="row", style=CELL),
        _cell(line.change),
        _cell(line.reason),
        _cell(line.comment),
        _cell(line.admin_name),
    )


def _comment_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field_label("Ajouter un commentaire interne", "comment"),
            rx.el.textarea(
                id="comment", name="comment", rows="3", max_length=1000, style=FIELD_STYLE
            ),
            refusal(StructureState.comment_error),
            notice(StructureState.notice),
            rx.button(
                "Ajouter le commentaire",
                type="submit",
                loading=StructureState.busy,
                background=PURPLE,
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=StructureState.add_comment,
        reset_on_submit=False,
        width="100%",
    )


def _content() -> rx.Component:
    shown = StructureState.structure
    return rx.vstack(
        purple_link("← Structures à valider", href="/admin/structures"),
        rx.heading(shown.name, as_="h1", size="7"),
        _details(),
        panel(
            "Membres",
            data_table(
                shown.members,
                _member,
                caption="Membres",
                columns=("Nom", "Email", "Rattachement"),
                empty="Aucun membre.",
            ),
        ),
        panel(
            "Lieux",
            data_table(
                shown.venues,
                _venue,
                caption="Lieux",
                columns=("Lieu", "SIRET", "Ville"),
                empty="Aucun lieu.",
            ),
        ),
        panel(
            "Historique",
            data_table(
                shown.history,
                _event,
                caption="Historique",
                columns=("Date", "Action", "Statut", "Motif", "Commentaire", "Par"),
                empty="Aucune action pour l’instant.",
            ),
            _comment_form(),
        ),
        spacing="4",
        width="100%",
    )


@page(
    route="/admin/structures/[id]",
    title="Structure — Back-office — pass Culture",
    on_load=[AdminSession.guard, StructureState.load],
)
def structure() -> rx.Component:
    return admin_page(
        rx.cond(
            StructureState.loaded,
            rx.cond(
                StructureState.missing != "",
                missing_page("Structure introuvable", StructureState.missing),
                _content(),
            ),
            loading(),
        ),
        active="structures",
    )
