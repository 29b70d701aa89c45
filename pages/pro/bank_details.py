"""The structure's bank details (/pro/coordonnees-bancaires, rule O5): the accounts with
their status (and the admin's message when refused), then the form of one: label, IBAN,
BIC, the venues paid on it, the proof, « Soumettre »."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import loading, notice, panel, purple_link, refusal
from pages.components.pro_shell import pro_page
from pages.components.upload import drop_zone
from pages.registry import page
from state.auth import ProSession
from state.pro.bank_details import MAX_PROOF_BYTES
from state.pro.bank_details import BankDetailsState as S

UPLOAD_ID = "bank-proof"
ACCEPTED = {"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]}


def _account(line: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.flex(
                rx.heading(line["label"], as_="h3", size="4"),
                rx.badge(line["status"], color_scheme=line["color"], size="2", high_contrast=True),
                gap="0.75rem",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                line["message"] != "",
                rx.callout(
                    "Refusé : " + line["message"],
                    icon="triangle_alert",
                    color_scheme="red",
                    high_contrast=True,
                    width="100%",
                ),
            ),
            rx.text(
                rx.text.strong("IBAN "),
                line["iban"],
                " · ",
                rx.text.strong("BIC "),
                line["bic"],
                font_variant_numeric="tabular-nums",
            ),
            rx.text(rx.text.strong("Lieux : "), line["venues"]),
            rx.cond(
                line["proof"] != "",
                rx.text(
                    rx.text.strong("Justificatif : "),
                    purple_link(
                        line["proof"], href=line["proof_href"], is_external=True, underline="always"
                    ),
                ),
            ),
            rx.cond(line["submitted"] != "", rx.text("Soumis le ", line["submitted"], size="2")),
            rx.cond(
                line["can_edit"] != "",
                rx.button(
                    "Modifier",
                    variant="outline",
                    on_click=S.edit(line["id"]),
                    aria_label="Modifier « " + line["label"] + " »",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        background="white",
        border="1px solid var(--gray-5)",
        border_radius="12px",
        padding="1rem",
        list_style="none",
    )


def _text_field(name: str, label: str, **props) -> rx.Component:
    return rx.vstack(
        field_label(label, name),
        rx.el.input(id=name, name=name, default_value=S.values[name], style=FIELD_STYLE, **props),
        spacing="1",
        width="100%",
    )


def _venue(choice: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name="venue_" + choice["id"],
            default_checked=choice["checked"] != "",
            style={"width": "1.2rem", "height": "1.2rem"},
        ),
        rx.text(choice["name"], as_="span"),
        rx.cond(choice["where"] != "", rx.text(" (", choice["where"], ")", as_="span", size="2")),
        display="flex",
        gap="0.5rem",
        align_items="center",
    )


def _proof() -> rx.Component:
    return rx.vstack(
        rx.heading("Justificatif", as_="h3", size="3"),
        rx.text(
            "Un RIB au nom de la structure, ou un extrait Kbis de moins de 6 mois : "
            "PDF, JPEG ou PNG, 10 Mo au plus.",
            size="2",
        ),
        rx.cond(
            S.proof_filename != "",
            rx.text(
                "Fichier enregistré : ",
                purple_link(
                    S.proof_filename, href=S.proof_href, is_external=True, underline="always"
                ),
            ),
        ),
        drop_zone(
            rx.vstack(
                rx.icon("file-up", size=32, aria_hidden="true", color=PURPLE),
                rx.button(
                    rx.cond(
                        S.proof_filename != "", "Remplacer le justificatif", "Choisir un fichier"
                    ),
                    type="button",
                    variant="outline",
                    loading=S.busy,
                ),
                align="center",
                spacing="2",
            ),
            upload_id=UPLOAD_ID,
            label="Justificatif des coordonnées bancaires (PDF, JPEG ou PNG)",
            accept=ACCEPTED,
            max_size=MAX_PROOF_BYTES,
            on_drop=S.upload_proof,
            on_refused=S.proof_rejected,
        ),
        spacing="2",
        width="100%",
    )


def _form() -> rx.Component:
    return panel(
        rx.cond(S.editing == "new", "Nouveau compte bancaire", "Modifier le compte bancaire"),
        rx.form(
            rx.vstack(
                _text_field("label", "Nom du compte (pour vous repérer)", max_length=100),
                _text_field(
                    "iban",
                    "IBAN",
                    auto_complete="off",
                    spell_check=False,
                    read_only=S.editing_accepted,
                    placeholder="FR76 …",
                    font_variant_numeric="tabular-nums",
                ),
                _text_field(
                    "bic", "BIC (code SWIFT)", auto_complete="off", read_only=S.editing_accepted
                ),
                rx.cond(
                    S.editing_accepted,
                    rx.text(
                        "Compte validé : son IBAN et son BIC ne se modifient plus ; "
                        "pour en changer, ajoutez un nouveau compte.",
                        size="2",
                    ),
                ),
                rx.el.fieldset(
                    rx.el.legend("Lieux remboursés sur ce compte", font_weight="bold"),
                    rx.vstack(rx.foreach(S.venue_choices, _venue), spacing="2"),
                    border="none",
                    padding="0",
                    margin="0",
                ),
                rx.flex(
                    rx.button("Enregistrer", type="submit", loading=S.busy, background=PURPLE),
                    rx.button(
                        "Fermer",
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.close,
                    ),
                    gap="0.75rem",
                ),
                spacing="3",
                width="100%",
            ),
            key=S.form_key,
            on_submit=S.save,
            reset_on_submit=False,
            width="100%",
        ),
        rx.cond(S.can_submit, rx.fragment(_proof(), _submit())),
        max_width="44rem",
    )


def _submit() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Une fois soumises, vos coordonnées sont vérifiées par l’équipe pass Culture ; "
            "les remboursements des lieux cochés se font sur ce compte dès sa validation, "
            "y compris pour les réservations déjà utilisées.",
            size="2",
        ),
        rx.button("Soumettre", size="3", on_click=S.submit, loading=S.busy, background=PURPLE),
        spacing="2",
        width="100%",
        border_top="1px solid var(--gray-5)",
        padding_top="0.75rem",
    )


def _content() -> rx.Component:
    return rx.vstack(
        refusal(S.error),
        notice(S.notice),
        rx.cond(S.editing != "", _form()),
        rx.flex(
            rx.heading("Comptes de la structure", as_="h2", size="5"),
            rx.button(
                rx.icon("plus", size=18, aria_hidden="true"),
                "Ajouter un compte bancaire",
                on_click=S.edit("new"),
                background=PURPLE,
            ),
            justify="between",
            align="center",
            wrap="wrap",
            gap="1rem",
            width="100%",
        ),
        rx.cond(
            S.accounts.length() > 0,
            rx.el.ul(
                rx.foreach(S.accounts, _account),
                display="flex",
                flex_direction="column",
                gap="0.75rem",
                padding="0",
                margin="0",
                width="100%",
            ),
            rx.text("La structure n’a pas encore de coordonnées bancaires."),
        ),
        spacing="4",
        width="100%",
    )


@page(
    route="/pro/coordonnees-bancaires",
    title="Coordonnées bancaires — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, S.load],
)
def bank_details() -> rx.Component:
    return pro_page(
        rx.heading("Coordonnées bancaires", as_="h1", size="7"),
        rx.text(
            "Les remboursements de vos lieux sont versés sur le compte auquel chacun est "
            "rattaché, une fois ce compte validé par le pass Culture."
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.missing != "",
                rx.callout(S.missing, icon="info", role="alert", width="100%"),
                _content(),
            ),
            loading("Chargement des coordonnées bancaires"),
        ),
        active="coordonnees",
    )
