"""Identity documents to check (/admin/identites, rule C1): each young user's details next
to the document itself, approve (the credit) or reject with a reason, one by one."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import detail, loading, refusal, success
from pages.components.reason_dialog import reason_buttons
from pages.registry import page
from services.identity_review import OTHER, OTHER_MAX
from state.admin.identities import REASON_CHOICES, IdentitiesState, IdentityCard
from state.auth import AdminSession

S = IdentitiesState
DOCUMENT_HEIGHT = "26rem"


def _document(check: IdentityCard) -> rx.Component:
    title = "Document d’identité de " + check.full_name
    frame = {"width": "100%", "height": DOCUMENT_HEIGHT, "border_radius": "8px"}
    return rx.vstack(
        rx.cond(
            check.is_pdf,
            rx.el.iframe(src=check.document_url, title=title, style=frame | {"border": "0"}),
            rx.image(
                src=check.document_url,
                alt=title,
                style=frame | {"object_fit": "contain", "background": "var(--gray-3)"},
            ),
        ),
        rx.link(
            "Ouvrir le document dans un nouvel onglet",
            href=check.document_url,
            is_external=True,
            color=PURPLE,
            size="2",
        ),
        spacing="2",
        width="100%",
    )


def _details(check: IdentityCard) -> rx.Component:
    return rx.el.dl(
        detail("Email", check.email, overflow_wrap="anywhere"),
        detail("Date de naissance", check.birth_date),
        detail("Âge aujourd’hui", check.age),
        detail("Département", check.department_code),
        detail("Envoyé le", check.sent_at),
        detail("Fichier", check.file_name, overflow_wrap="anywhere"),
        margin="0",
    )


def _card(check: IdentityCard) -> rx.Component:
    return rx.el.article(
        rx.vstack(
            rx.flex(
                rx.heading(check.full_name, as_="h3", size="4"),
                rx.text("Vérification n° ", check.id, size="2", color="var(--gray-11)"),
                justify="between",
                align="baseline",
                width="100%",
                wrap="wrap",
                gap="2",
            ),
            rx.grid(
                rx.box(
                    _details(check),
                    rx.flex(
                        rx.button(
                            "Approuver",
                            on_click=S.approve(check.id),
                            loading=S.busy,
                            background=PURPLE,
                        ),
                        rx.button(
                            "Rejeter",
                            on_click=S.open_rejection(check.id),
                            color_scheme="red",
                            variant="outline",
                        ),
                        spacing="3",
                        wrap="wrap",
                        margin_top="1rem",
                    ),
                ),
                _document(check),
                columns="minmax(14rem, 1fr) 2fr",
                gap="1.5rem",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        aria_label=check.full_name,
        background="white",
        border="1px solid var(--gray-5)",
        border_radius="12px",
        padding="1rem",
        width="100%",
    )


def _queue() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading("En attente de vérification (", S.total, ")", as_="h2", size="5"),
            rx.cond(
                S.total == 0,
                rx.text("Aucun document n’attend de vérification."),
                rx.vstack(rx.foreach(S.queue, _card), spacing="3", width="100%"),
            ),
            pager(S.page, S.pages, S.go_to_page, label="Pages des identités à vérifier"),
            spacing="3",
            width="100%",
        ),
        aria_label="En attente de vérification",
        width="100%",
    )


def _rejection_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Rejeter le document"),
            rx.dialog.description(
                S.dialog_name,
                " reçoit le motif par email et peut envoyer un autre document.",
                size="2",
            ),
            rx.form(
                rx.vstack(
                    field_label("Motif", "reason"),
                    rx.el.select(
                        rx.el.option("Choisissez un motif", value=""),
                        *[
                            rx.el.option(choice["label"], value=choice["code"])
                            for choice in REASON_CHOICES
                        ],
                        id="reason",
                        name="reason",
                        required=True,
                        on_change=S.choose_reason,
                        style=FIELD_STYLE,
                    ),
                    rx.cond(
                        S.dialog_reason == OTHER,
                        rx.vstack(
                            field_label("Précisez le motif (envoyé au jeune)", "other"),
                            rx.el.textarea(
                                id="other",
                                name="other",
                                rows="3",
                                max_length=OTHER_MAX,
                                style=FIELD_STYLE,
                            ),
                            spacing="2",
                            width="100%",
                        ),
                    ),
                    refusal(S.dialog_error),
                    reason_buttons("Rejeter le document", S.busy),
                    spacing="3",
                    width="100%",
                    margin_top="1rem",
                ),
                on_submit=S.submit_rejection,
                reset_on_submit=True,
            ),
            max_width="34rem",
        ),
        open=S.dialog_check_id != 0,
        on_open_change=S.set_dialog_open,
    )


@page(
    route="/admin/identites",
    title="Identités à vérifier — Back-office — pass Culture",
    on_load=[AdminSession.guard, IdentitiesState.load],
)
def identities() -> rx.Component:
    return admin_page(
        rx.heading("Identités à vérifier", as_="h1", size="7"),
        rx.text(
            "Comparez le document aux informations du profil : l’approbation active le "
            "crédit du jeune s’il y est éligible aujourd’hui."
        ),
        refusal(S.error),
        rx.cond(S.notice != "", success(S.notice)),
        rx.cond(S.loaded, _queue(), loading()),
        _rejection_dialog(),
        active="identites",
    )
