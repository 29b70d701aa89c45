"""Bank details waiting for validation (/admin/coordonnees-bancaires, rule O5): each
account with its structure, venues and the proof shown inline; « Accepter », « Refuser »
with a message sent to the structure."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.pager import pager
from pages.components.panels import detail, loading, notice, purple_link, refusal
from pages.components.reason_dialog import reason_dialog
from pages.registry import page
from state.admin.bank_accounts import BankQueueState as S
from state.auth import AdminSession


def _proof(line: rx.Var) -> rx.Component:
    title = "Justificatif : " + line["proof"]
    return rx.vstack(
        rx.text(
            rx.text.strong("Justificatif : "),
            purple_link(
                line["proof"], href=line["proof_href"], is_external=True, underline="always"
            ),
        ),
        rx.cond(
            line["is_pdf"] != "",
            rx.el.iframe(
                src=line["proof_href"],
                title=title,
                width="100%",
                height="480px",
                border="1px solid var(--gray-6)",
                border_radius="8px",
            ),
            rx.image(
                src=line["proof_href"],
                alt=title,
                max_width="100%",
                max_height="480px",
                border="1px solid var(--gray-6)",
                border_radius="8px",
            ),
        ),
        spacing="2",
        width="100%",
    )


def _card(line: rx.Var) -> rx.Component:
    return rx.el.article(
        rx.vstack(
            rx.heading(line["offerer"], " — ", line["label"], as_="h3", size="4"),
            rx.el.dl(
                rx.box(detail("SIREN", line["siren"])),
                rx.box(detail("IBAN", line["iban"])),
                rx.box(detail("BIC", line["bic"])),
                rx.box(detail("Lieux", line["venues"])),
                rx.box(detail("Soumis le", line["submitted"])),
                display="grid",
                grid_template_columns="repeat(auto-fit, minmax(11rem, 1fr))",
                column_gap="1rem",
                margin="0",
                width="100%",
            ),
            _proof(line),
            rx.flex(
                rx.button(
                    "Accepter", on_click=S.accept(line["id"]), loading=S.busy, background=PURPLE
                ),
                rx.button(
                    "Refuser",
                    on_click=S.open_reject(line["id"]),
                    color_scheme="red",
                    variant="outline",
                ),
                spacing="3",
            ),
            spacing="3",
            width="100%",
        ),
        aria_label=line["offerer"] + " — " + line["label"],
        background="white",
        border="1px solid var(--gray-5)",
        border_radius="12px",
        padding="1rem",
        width="100%",
    )


def _reject_dialog() -> rx.Component:
    return reason_dialog(
        "Refuser les coordonnées bancaires",
        description=rx.dialog.description(
            "« ",
            S.rejecting_label,
            " » : la structure pourra les corriger et les soumettre à nouveau.",
            size="2",
        ),
        label="Message, envoyé par email à la structure",
        field_id="message",
        error=S.dialog_error,
        busy=S.busy,
        on_submit=S.reject,
        is_open=S.rejecting != "",
        on_open_change=S.set_dialog_open,
        required=False,
    )


@page(
    route="/admin/coordonnees-bancaires",
    title="Coordonnées bancaires à valider — Back-office — pass Culture",
    on_load=[AdminSession.guard, S.load],
)
def bank_accounts() -> rx.Component:
    return admin_page(
        rx.heading("Coordonnées bancaires à valider", as_="h1", size="7"),
        rx.text(
            "Les lieux ne sont remboursés que sur un compte validé ; les remboursements en "
            "attente sont versés dès la validation."
        ),
        refusal(S.error),
        notice(S.notice),
        rx.cond(
            S.loaded,
            rx.el.section(
                rx.vstack(
                    rx.heading("En attente de validation (", S.total, ")", as_="h2", size="5"),
                    rx.cond(
                        S.total == 0,
                        rx.text("Aucune coordonnée bancaire n’attend de validation."),
                        rx.vstack(rx.foreach(S.queue, _card), spacing="3", width="100%"),
                    ),
                    pager(S.page, S.pages, S.go_to_page, label="Pages des comptes à valider"),
                    spacing="3",
                    width="100%",
                ),
                aria_label="En attente de validation",
                width="100%",
            ),
            loading(),
        ),
        _reject_dialog(),
        active="coordonnees",
    )
