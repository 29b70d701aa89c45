"""The « Équipe » section of /pro/structure (members, join requests, invitations) and
« Rejoindre une autre structure » with the pro's own pending requests (rule O4)."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import notice, refusal
from pages.components.reason_dialog import reason_dialog
from pages.components.tables import CELL, data_table
from state.auth import ProSession
from state.pro.team import TeamState as T


def _inline_form(
    field_id: str, label: str, button: str, on_submit, error, **input_props
) -> rx.Component:
    return rx.form(
        rx.vstack(
            field_label(label, field_id),
            rx.flex(
                rx.el.input(
                    id=field_id,
                    name=input_props.pop("name"),
                    required=True,
                    aria_invalid=rx.cond(error != "", "true", "false"),
                    style=FIELD_STYLE | {"max_width": "24rem"},
                    **input_props,
                ),
                rx.button(button, type="submit", size="3", variant="outline"),
                gap="0.75rem",
                align="center",
                wrap="wrap",
                width="100%",
            ),
            refusal(error),
            spacing="2",
            width="100%",
        ),
        on_submit=on_submit,
        reset_on_submit=True,
        width="100%",
    )


def _member_row(line: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line["name"], style=CELL),
        rx.el.td(line["email"], style=CELL),
        rx.el.td(rx.badge("Validé", color_scheme="green", high_contrast=True), style=CELL),
        border_top="1px solid var(--gray-5)",
    )


def _request_row(line: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line["name"], style=CELL),
        rx.el.td(line["email"], style=CELL),
        rx.el.td(line["at"], style=CELL),
        rx.el.td(
            rx.flex(
                rx.button(
                    "Accepter",
                    on_click=T.accept(line["id"]),
                    loading=T.busy,
                    background=PURPLE,
                    aria_label="Accepter la demande de " + line["name"],
                ),
                rx.button(
                    "Refuser",
                    on_click=T.open_refusal(line["id"]),
                    color_scheme="red",
                    variant="outline",
                    aria_label="Refuser la demande de " + line["name"],
                ),
                gap="0.5rem",
                wrap="wrap",
            ),
            style=CELL,
        ),
        border_top="1px solid var(--gray-5)",
    )


def _refusal_dialog() -> rx.Component:
    return reason_dialog(
        "Refuser la demande",
        description=rx.dialog.description(
            T.refusing_name, " ne rejoindra pas la structure ; un email l’en informe.", size="2"
        ),
        label="Motif (facultatif), envoyé par email",
        field_id="team-reason",
        error=T.refusal_error,
        busy=T.busy,
        on_submit=T.refuse,
        is_open=T.refusing_id != "",
        on_open_change=T.set_refusal_open,
        required=False,
    )


def team_section() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("Équipe", as_="h2", size="5"),
            data_table(
                T.members,
                _member_row,
                caption="Les membres de la structure",
                columns=("Nom", "Email", "Statut"),
                empty="La structure n’a pas encore de membre validé.",
            ),
            rx.heading("Demandes de rattachement (", T.requests.length(), ")", as_="h3", size="4"),
            data_table(
                T.requests,
                _request_row,
                caption="Les demandes de rattachement en attente",
                columns=("Nom", "Email", "Demandée le", "Décision"),
                empty="Aucune demande de rattachement en attente.",
            ),
            rx.heading("Inviter un collaborateur", as_="h3", size="4"),
            _inline_form(
                "team-invite",
                "Adresse email du collaborateur",
                "Inviter",
                T.invite,
                T.invite_error,
                name="email",
                type="email",
                auto_complete="off",
            ),
            rx.cond(
                T.invited.length() > 0,
                rx.el.ul(
                    rx.foreach(
                        T.invited,
                        lambda line: rx.el.li(
                            line["email"], " — invitation valable jusqu’au ", line["until"]
                        ),
                    ),
                    margin="0 0 0 1.25rem",
                    padding="0",
                ),
            ),
            _refusal_dialog(),
            spacing="3",
            width="100%",
        ),
        aria_label="Équipe",
        width="100%",
    )


def join_section() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("Rejoindre une autre structure", as_="h2", size="5"),
            rx.foreach(
                T.my_requests,
                lambda line: rx.callout(
                    "Demande de rattachement en attente : « "
                    + line["structure"]
                    + " » (SIREN "
                    + line["siren"]
                    + "), envoyée le "
                    + line["at"]
                    + ".",
                    icon="clock",
                    color_scheme="amber",
                    high_contrast=True,
                    width="100%",
                ),
            ),
            _inline_form(
                "join-siren",
                "SIREN de la structure à rejoindre",
                "Rejoindre",
                T.join,
                T.join_error,
                name="siren",
                input_mode="numeric",
                auto_complete="off",
                max_length=11,
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="Rejoindre une autre structure",
        width="100%",
    )


def team_and_join() -> rx.Component:
    return rx.cond(
        T.team_loaded,
        rx.vstack(
            notice(T.team_notice),
            refusal(T.team_error),
            rx.cond(ProSession.offerer_id != 0, team_section()),
            join_section(),
            spacing="5",
            width="100%",
        ),
    )
