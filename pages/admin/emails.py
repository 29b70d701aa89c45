"""What was sent to whom (/admin/emails): the outbox with each message's date, recipient,
subject and status, filtered by recipient and template; the text of one message."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import loading, refusal
from pages.components.tables import CELL, data_table, filter_form
from pages.registry import page
from state.admin.emails import EmailsState
from state.auth import AdminSession

_CELL = CELL | {"font_size": "0.9rem"}


def _filters() -> rx.Component:
    return filter_form(
        rx.vstack(
            field_label("Destinataire (tout ou partie de l’adresse)", "filtre-destinataire"),
            rx.el.input(
                id="filtre-destinataire",
                name="recipient",
                type="search",
                max_length=320,
                style=FIELD_STYLE,
            ),
            spacing="1",
            flex="2 1 18rem",
        ),
        rx.vstack(
            field_label("Modèle", "filtre-modele"),
            rx.el.select(
                rx.el.option("Tous les modèles", value=""),
                rx.foreach(
                    EmailsState.templates,
                    lambda t: rx.el.option(t["label"], value=t["key"]),
                ),
                id="filtre-modele",
                name="template",
                style=FIELD_STYLE,
            ),
            spacing="1",
            flex="1 1 16rem",
        ),
        label="Filtrer les emails",
        on_submit=EmailsState.apply_filters,
        on_reset=EmailsState.reset_filters,
    )


def _status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(
        label,
        size="2",
        high_contrast=True,
        white_space="normal",
        color_scheme=rx.match(
            status, ("sent", "green"), ("failed", "red"), ("retrying", "amber"), "gray"
        ),
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(row["created_at"], style=_CELL | {"white_space": "nowrap"}),
        # Long addresses break only where they must.
        rx.el.td(row["to_address"], style=_CELL | {"overflow_wrap": "anywhere"}),
        rx.el.td(
            rx.text(row["subject"], size="2"),
            rx.text(row["template"], size="1", color="var(--gray-11)"),
            style=_CELL,
        ),
        rx.el.td(_status_badge(row["status"], row["status_label"]), style=_CELL),
        rx.el.td(
            rx.button(
                "Lire",
                size="1",
                variant="outline",
                on_click=EmailsState.open_message(row["id"]),
                aria_label="Lire l’email « " + row["subject"] + " » à " + row["to_address"],
            ),
            style=_CELL,
        ),
        border_top="1px solid var(--gray-5)",
    )


def _detail(term: str, value: rx.Var) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(term), rx.data_list.value(value))


def _message_dialog() -> rx.Component:
    message = EmailsState.message
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(message["subject"]),
            rx.dialog.description("Le texte de l’email, tel qu’il a été écrit.", size="2"),
            rx.data_list.root(
                _detail("Destinataire", message["to_address"]),
                _detail("Écrit le", message["created_at"]),
                _detail("Modèle", message["template"]),
                _detail("Statut", message["status_label"]),
                _detail("Tentatives d’envoi", message["attempts"]),
                margin_y="1rem",
            ),
            rx.box(
                message["body_text"],
                white_space="pre-wrap",
                font_family="var(--default-font-family)",
                background="var(--gray-2)",
                border="1px solid var(--gray-5)",
                border_radius="8px",
                padding="1rem",
                aria_label="Texte de l’email",
                role="document",
            ),
            rx.flex(
                rx.dialog.close(rx.button("Fermer", variant="soft", color_scheme="gray")),
                justify="end",
                margin_top="1rem",
            ),
            max_width="44rem",
        ),
        open=EmailsState.message_open,
        on_open_change=EmailsState.set_message_open,
    )


@page(
    route="/admin/emails",
    title="Emails envoyés — Back-office — pass Culture",
    on_load=[AdminSession.guard, EmailsState.load],
)
def emails() -> rx.Component:
    return admin_page(
        rx.heading("Emails envoyés", as_="h1", size="7"),
        rx.text(
            "Les emails de la plateforme, les plus récents d’abord : à qui, quand, "
            "et s’ils sont partis.",
            color="var(--gray-11)",
        ),
        rx.cond(
            EmailsState.smtp_missing,
            rx.callout(
                "Aucun serveur SMTP n’est configuré (SMTP_HOST) : les emails restent en "
                "attente et ne partent pas.",
                icon="info",
                color_scheme="amber",
                high_contrast=True,
                width="100%",
            ),
        ),
        _filters(),
        refusal(EmailsState.error),
        rx.cond(
            EmailsState.loaded,
            rx.vstack(
                rx.text(EmailsState.total_label, weight="bold", aria_live="polite"),
                data_table(
                    EmailsState.rows,
                    _row,
                    caption="Les emails, les plus récents d’abord",
                    columns=("Date", "Destinataire", "Objet", "Statut", "Texte"),
                    empty="Aucun email ne correspond à ces critères.",
                ),
                pager(
                    EmailsState.page,
                    EmailsState.page_count,
                    EmailsState.go_to_page,
                    label="Pages des emails",
                ),
                spacing="3",
                width="100%",
            ),
            loading("Chargement des emails"),
        ),
        _message_dialog(),
        active="emails",
    )
