"""Review rules (/admin/regles, rule F12): what sends a newly published offer to manual
review — a price above a threshold, a word, a subcategory. Added, edited, deactivated."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import loading, panel, refusal
from pages.registry import page
from pass_culture.models import ReviewRuleKind
from services.review_rules import KIND_LABELS
from services.subcategories import CATEGORIES, SUBCATEGORIES
from state.admin.rules import RuleRow, RulesState
from state.auth import AdminSession

SHORT_FIELD = FIELD_STYLE | {"max_width": "24rem"}


def _subcategory_select() -> rx.Component:
    groups = [
        rx.el.optgroup(
            *[
                rx.el.option(sub.label, value=sub.id)
                for sub in SUBCATEGORIES.values()
                if sub.category == category
            ],
            label=label,
        )
        for category, label in CATEGORIES.items()
    ]
    return rx.fragment(
        field_label("Sous-catégorie", "value"),
        rx.el.select(
            rx.el.option("Choisissez une sous-catégorie", value=""),
            *groups,
            id="value",
            name="value",
            value=RulesState.value,
            on_change=RulesState.set_value,
            style=SHORT_FIELD,
        ),
    )


def _text_value(label: str, hint: str, **props) -> rx.Component:
    return rx.fragment(
        field_label(label, "value"),
        rx.debounce_input(
            rx.el.input(
                id="value",
                name="value",
                value=RulesState.value,
                on_change=RulesState.set_value,
                auto_complete="off",
                aria_describedby="value-hint",
                style=SHORT_FIELD,
                **props,
            ),
            debounce_timeout=250,
        ),
        rx.text(hint, id="value-hint", size="2", color="var(--gray-11)"),
    )


def _form() -> rx.Component:
    editing = RulesState.editing_id != 0
    return panel(
        rx.cond(editing, "Modifier la règle", "Ajouter une règle"),
        rx.form(
            rx.vstack(
                field_label("Type de règle", "kind"),
                rx.el.select(
                    *[rx.el.option(label, value=kind.value) for kind, label in KIND_LABELS.items()],
                    id="kind",
                    name="kind",
                    value=RulesState.kind,
                    on_change=RulesState.set_kind,
                    style=SHORT_FIELD,
                ),
                rx.match(
                    RulesState.kind,
                    (
                        ReviewRuleKind.PRICE_ABOVE.value,
                        _text_value(
                            "Seuil en euros",
                            "Une offre dont un prix dépasse strictement ce seuil attend une "
                            "validation.",
                            input_mode="decimal",
                        ),
                    ),
                    (
                        ReviewRuleKind.WORD.value,
                        _text_value(
                            "Mot ou expression",
                            "Cherché dans le titre et la description, sans tenir compte des "
                            "majuscules ni des accents (mots entiers).",
                        ),
                    ),
                    _subcategory_select(),
                ),
                refusal(RulesState.form_error),
                rx.flex(
                    rx.button(
                        rx.cond(editing, "Enregistrer la règle", "Ajouter la règle"),
                        type="submit",
                        loading=RulesState.busy,
                        background=PURPLE,
                    ),
                    rx.cond(
                        editing,
                        rx.button(
                            "Annuler la modification",
                            type="button",
                            on_click=RulesState.cancel_edit,
                            variant="soft",
                            color_scheme="gray",
                            high_contrast=True,
                        ),
                    ),
                    spacing="3",
                    wrap="wrap",
                    margin_top="0.5rem",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=RulesState.save,
            reset_on_submit=False,
            width="100%",
        ),
        id="rule-form",
    )


def _row(rule: RuleRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rule.description),
        rx.table.cell(rule.kind_label),
        rx.table.cell(
            rx.cond(
                rule.is_active,
                rx.badge("Active", color_scheme="green", high_contrast=True),
                rx.badge("Désactivée", color_scheme="gray", high_contrast=True),
            )
        ),
        rx.table.cell(rule.created),
        rx.table.cell(
            rx.flex(
                rx.button(
                    "Modifier",
                    on_click=RulesState.edit(rule.id),
                    variant="outline",
                    size="1",
                ),
                rx.cond(
                    rule.is_active,
                    rx.button(
                        "Désactiver",
                        on_click=RulesState.set_active(rule.id, False),
                        color_scheme="red",
                        variant="outline",
                        size="1",
                    ),
                    rx.button(
                        "Réactiver",
                        on_click=RulesState.set_active(rule.id, True),
                        variant="outline",
                        size="1",
                    ),
                ),
                spacing="2",
            )
        ),
        aria_label=rule.description,
    )


def _list() -> rx.Component:
    return panel(
        "Règles",
        rx.cond(
            RulesState.rules.length() == 0,
            rx.text("Aucune règle : toute offre publiée est validée aussitôt."),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Règle"),
                        rx.table.column_header_cell("Type"),
                        rx.table.column_header_cell("Statut"),
                        rx.table.column_header_cell("Créée par"),
                        rx.table.column_header_cell("Actions"),
                    )
                ),
                rx.table.body(rx.foreach(RulesState.rules, _row)),
                text_align="left",
                width="100%",
            ),
        ),
        id="rules",
    )


@page(
    route="/admin/regles",
    title="Règles de validation — Back-office — pass Culture",
    on_load=[AdminSession.guard, RulesState.load],
)
def rules() -> rx.Component:
    return admin_page(
        rx.heading("Règles de validation", as_="h1", size="7"),
        rx.text(
            "Une offre publiée qui répond à une règle active attend qu’un administrateur la "
            "valide. Les règles s’appliquent à la publication ; les modifications d’une offre "
            "déjà validée ne sont pas revérifiées."
        ),
        refusal(RulesState.error),
        rx.cond(
            RulesState.notice != "",
            rx.callout(
                RulesState.notice,
                icon="circle-check",
                color_scheme="green",
                high_contrast=True,
                role="status",
                width="100%",
            ),
        ),
        rx.cond(RulesState.loaded, rx.fragment(_form(), _list()), loading()),
        active="regles",
    )
