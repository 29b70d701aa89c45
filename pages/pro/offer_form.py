"""The offer form (/pro/offres/nouvelle and /pro/offres/<id>/edition): the frame, the
steps' navigation, step 1 (type and venue) and step 2 (details, saved as a draft).
Steps 3–5 are in offer_form_media.py and offer_form_preview.py."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import loading, missing_page, notice, panel, refusal
from pages.components.pro_shell import pro_page
from pages.pro.offer_form_fields import checkbox, select_field, text_area, text_field
from pages.pro.offer_form_media import image_step, stocks_step
from pages.pro.offer_form_preview import preview_step
from pages.registry import page
from state.auth import ProSession
from state.pro.offer_form import (
    FROZEN_SUBCATEGORY,
    LANGUAGES,
    NO_VENUE,
    SCREENING_FORMATS,
    STEPS,
    SUBCATEGORY_GROUPS,
    OfferFormState,
)

S = OfferFormState


def _step_link(number: int, label: str) -> rx.Component:
    current = S.step == number
    reachable = (number <= 2) | (S.offer_id != "")
    return rx.el.li(
        rx.button(
            rx.text(f"{number}. ", as_="span", weight="bold"),
            label,
            on_click=S.go_to(number),
            disabled=~reachable,
            aria_current=rx.cond(current, "step", None),
            variant=rx.cond(current, "solid", "soft"),
            color_scheme=rx.cond(current, "iris", "gray"),
            high_contrast=True,
            size="2",
            type="button",
        ),
        list_style="none",
    )


def _steps() -> rx.Component:
    return rx.el.nav(
        rx.el.ol(
            *[_step_link(i + 1, label) for i, label in enumerate(STEPS)],
            display="flex",
            flex_wrap="wrap",
            gap="0.5rem",
            padding="0",
            margin="0",
        ),
        aria_label="Étapes de l’offre",
    )


def _messages() -> rx.Component:
    return rx.vstack(
        refusal(S.error),
        notice(S.notice),
        width="100%",
        spacing="2",
    )


def _actions(*buttons: rx.Component) -> rx.Component:
    return rx.flex(*buttons, spacing="3", wrap="wrap", justify="end", width="100%")


def _subcategory_options() -> list[rx.Component]:
    return [rx.el.option("Choisissez…", value="", disabled=True)] + [
        rx.el.optgroup(*[rx.el.option(text, value=key) for key, text in options], label=category)
        for category, options in SUBCATEGORY_GROUPS
    ]


def _type_step() -> rx.Component:
    return panel(
        "1. Type d’offre et lieu",
        rx.form(
            rx.vstack(
                select_field(
                    "Type d’offre (sous-catégorie)",
                    "subcategory_id",
                    S.subcategory_id,
                    _subcategory_options(),
                    disabled=S.subcategory_frozen,
                    required=True,
                    hint="Le type décide des informations demandées à l’étape suivante.",
                ),
                rx.cond(
                    S.subcategory_frozen,
                    rx.callout(FROZEN_SUBCATEGORY, icon="lock", color_scheme="gray", width="100%"),
                ),
                rx.cond(
                    S.offer_id == "",
                    rx.cond(
                        S.venues.length() > 0,
                        select_field(
                            "Lieu",
                            "venue_id",
                            S.venue_id,
                            [rx.el.option("Choisissez…", value="", disabled=True)]
                            + [
                                rx.foreach(
                                    S.venues, lambda v: rx.el.option(v["name"], value=v["id"])
                                )
                            ],
                            required=True,
                        ),
                        rx.callout(NO_VENUE, icon="info", width="100%"),
                    ),
                    rx.text(rx.text.strong("Lieu : "), S.venue_name),
                ),
                _actions(rx.button("Continuer", type="submit", size="3", background=PURPLE)),
                spacing="4",
                width="100%",
            ),
            on_submit=S.choose_type,
            reset_on_submit=False,
        ),
    )


def _book_fields() -> rx.Component:
    return rx.fragment(
        rx.cond(
            S.detail_fields.contains("ean"),
            text_field(
                "EAN ou ISBN",
                "ean",
                S.ean,
                hint="13 chiffres (ou ISBN à 10 chiffres), tirets permis.",
                max_width="20rem",
                input_mode="numeric",
            ),
        ),
        rx.cond(
            S.detail_fields.contains("author"), text_field("Auteur ou autrice", "author", S.author)
        ),
        rx.cond(
            S.detail_fields.contains("clil"),
            text_field(
                "Code CLIL",
                "clil",
                S.clil,
                hint="4 chiffres. Les livres scolaires (3000) et parascolaires (3013) ne sont "
                "pas éligibles au pass Culture.",
                max_width="10rem",
                input_mode="numeric",
            ),
        ),
    )


def _event_fields() -> rx.Component:
    return rx.fragment(
        rx.cond(S.detail_fields.contains("film"), text_field("Titre du film", "film", S.film)),
        rx.cond(
            S.detail_fields.contains("performer"),
            text_field("Interprète, artiste ou compagnie", "performer", S.performer),
        ),
        rx.cond(
            S.detail_fields.contains("duration"),
            text_field(
                "Durée (en minutes)",
                "duration",
                S.duration,
                max_width="10rem",
                input_mode="numeric",
            ),
        ),
        rx.cond(
            S.detail_fields.contains("language"),
            select_field(
                "Version",
                "language",
                S.language,
                [("", "Non précisée"), *LANGUAGES],
            ),
        ),
        rx.cond(
            S.detail_fields.contains("screening_format"),
            select_field(
                "Format de la séance",
                "screening_format",
                S.screening_format,
                [(f, f) for f in SCREENING_FORMATS],
                hint="Seules les séances classiques sont éligibles : pas de 3D, IMAX, son "
                "Dolby, 4DX…",
            ),
        ),
    )


def _details_step() -> rx.Component:
    return panel(
        "2. Informations",
        rx.text(rx.text.strong("Type : "), S.subcategory_name),
        rx.form(
            rx.vstack(
                text_field("Titre de l’offre", "name", S.name, required=True, max_length=140),
                text_area("Description", "description", S.description),
                _book_fields(),
                _event_fields(),
                rx.cond(
                    S.is_online,
                    text_field(
                        "Adresse web de l’offre",
                        "url",
                        S.url,
                        type="url",
                        hint="Commence par https:// ; l’offre numérique y est accessible.",
                    ),
                    text_area(
                        "Modalités de retrait",
                        "withdrawal_details",
                        S.withdrawal_details,
                        rows=2,
                        hint="Où et comment le jeune récupère son billet ou son article.",
                    ),
                ),
                rx.cond(
                    S.can_be_duo,
                    checkbox(
                        "Accepter les réservations duo",
                        "is_duo",
                        S.is_duo,
                        hint="Le jeune pourra réserver deux places : la sienne et celle d’un "
                        "accompagnateur.",
                    ),
                ),
                checkbox(
                    "Rayonnement national",
                    "is_national",
                    S.is_national,
                    hint="L’offre est proposée partout en France (chaîne nationale, livre "
                    "numérique, presse…), pas seulement autour du lieu.",
                ),
                _actions(
                    rx.button(
                        "Retour", type="button", variant="soft", size="3", on_click=S.go_to(1)
                    ),
                    rx.button(
                        rx.cond(S.offer_id == "", "Enregistrer le brouillon", "Enregistrer"),
                        type="submit",
                        size="3",
                        loading=S.busy,
                        background=PURPLE,
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=S.save_details,
            reset_on_submit=False,
        ),
    )


def _form(title) -> rx.Component:
    return rx.vstack(
        rx.heading(title, as_="h1", size="7"),
        _steps(),
        _messages(),
        rx.match(
            S.step,
            (1, _type_step()),
            (2, _details_step()),
            (3, image_step()),
            (4, stocks_step()),
            (5, preview_step()),
            _type_step(),
        ),
        spacing="4",
        width="100%",
        max_width="56rem",
    )


@page(
    route="/pro/offres/nouvelle",
    title="Créer une offre — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, OfferFormState.load_new],
)
def new_offer() -> rx.Component:
    return pro_page(
        rx.cond(S.loaded, _form("Créer une offre"), loading("Chargement du formulaire")),
        active="offres",
    )


@page(
    route="/pro/offres/[offer_id]/edition",
    title="Modifier une offre — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, OfferFormState.load_existing],
)
def edit_offer() -> rx.Component:
    return pro_page(
        rx.cond(
            S.loaded,
            rx.cond(
                S.missing != "",
                missing_page("Offre introuvable", S.missing),
                _form("Modifier l’offre"),
            ),
            loading("Chargement de l’offre"),
        ),
        active="offres",
    )
