"""A venue's form (/pro/lieux/nouveau, /pro/lieux/<id>): identity and SIRET, address with
its pin on the map (or typed coordinates), accessibility, booking email (rule O6) and
withdrawal details. A digital venue has no SIRET and no address."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.map import pin_map
from pages.components.panels import loading, missing_page, notice, panel, refusal, success
from pages.components.pro_shell import pro_page
from pages.pro.offer_form_fields import (
    CHECK_STYLE,
    HINT_STYLE,
    checkbox,
    select_field,
    text_area,
    text_field,
)
from pages.registry import page
from state.auth import ProSession
from state.pro.venues import CREATED, VENUE_TYPES
from state.pro.venues import VenueFormState as S

ACCESSIBILITY_LABELS = (
    ("motor", "Handicap moteur"),
    ("visual", "Handicap visuel"),
    ("audio", "Handicap auditif"),
    ("mental", "Handicap psychique ou cognitif"),
)


def _identity() -> rx.Component:
    return panel(
        "Identité du lieu",
        rx.cond(
            S.venue_id == 0,
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    id="venue-is-virtual",
                    checked=S.is_virtual,
                    on_change=S.set_is_virtual,
                    style=CHECK_STYLE,
                    aria_describedby="venue-is-virtual-hint",
                ),
                rx.text("Lieu numérique (offres en ligne uniquement)", as_="span"),
                html_for="venue-is-virtual",
                display="flex",
                align_items="center",
                gap="0.5rem",
                cursor="pointer",
            ),
        ),
        rx.cond(
            S.venue_id == 0,
            rx.text(
                "Un lieu numérique n’a ni SIRET ni adresse : ses remboursements sont "
                "rattachés à un lieu avec SIRET de la structure.",
                id="venue-is-virtual-hint",
                style=HINT_STYLE,
            ),
            rx.cond(S.is_virtual, rx.text("Lieu numérique : ni SIRET ni adresse.")),
        ),
        text_field("Nom du lieu", "name", S.values["name"], required=True, max_length=140),
        text_field(
            "Nom affiché aux jeunes (facultatif)",
            "public_name",
            S.values["public_name"],
            hint="S’il diffère du nom du lieu, par exemple un nom d’usage.",
            max_length=255,
        ),
        rx.cond(
            ~S.is_virtual,
            rx.vstack(
                text_field(
                    "SIRET",
                    "siret",
                    S.values["siret"],
                    hint="14 chiffres, commençant par le SIREN de la structure. Laissez vide "
                    "pour un lieu sans SIRET, rattaché à un lieu avec SIRET.",
                    max_width="16rem",
                    inputmode="numeric",
                    auto_complete="off",
                ),
                select_field(
                    "Type de lieu", "venue_type", S.venue_type, VENUE_TYPES, required=True
                ),
                spacing="2",
                width="100%",
            ),
        ),
    )


def _coordinate_field(label: str, name: str, value, on_change) -> rx.Component:
    field_id = f"venue-{name}"
    return rx.vstack(
        field_label(label, field_id),
        rx.debounce_input(
            rx.el.input(
                id=field_id,
                value=value,
                on_change=on_change,
                inputmode="decimal",
                auto_complete="off",
                style=FIELD_STYLE | {"max_width": "12rem"},
            ),
            debounce_timeout=400,
        ),
        spacing="1",
    )


def _place() -> rx.Component:
    return panel(
        "Adresse",
        text_field(
            "Adresse (numéro et voie)",
            "address",
            S.values["address"],
            required=True,
            max_length=200,
            on_blur=lambda value: S.set_field("address", value),
        ),
        rx.flex(
            rx.box(
                text_field(
                    "Code postal",
                    "postal_code",
                    S.values["postal_code"],
                    required=True,
                    max_length=5,
                    inputmode="numeric",
                    on_blur=lambda value: S.set_field("postal_code", value),
                ),
                width="10rem",
            ),
            rx.box(
                text_field(
                    "Commune",
                    "city",
                    S.values["city"],
                    required=True,
                    max_length=100,
                    list="venue-communes",
                    auto_complete="off",
                    on_blur=lambda value: S.set_field("city", value),
                ),
                rx.el.datalist(
                    rx.foreach(S.communes, lambda name: rx.el.option(value=name)),
                    id="venue-communes",
                ),
                flex="1",
                min_width="14rem",
            ),
            gap="1rem",
            wrap="wrap",
            width="100%",
        ),
        rx.text(
            "Le repère se place sur la commune : déplacez-le sur la carte jusqu’à l’entrée "
            "du lieu (à moins de 30 km de la commune), ou saisissez ses coordonnées.",
            style=HINT_STYLE,
        ),
        rx.cond(
            S.has_pin,
            pin_map(
                S.pin,
                S.move_pin,
                label="Carte : position du lieu",
                pin_title="Position du lieu (déplaçable)",
            ),
        ),
        rx.flex(
            _coordinate_field("Latitude", "latitude", S.latitude, S.set_latitude),
            _coordinate_field("Longitude", "longitude", S.longitude, S.set_longitude),
            gap="1rem",
            wrap="wrap",
        ),
    )


def _accessibility() -> rx.Component:
    return panel(
        "Accessibilité",
        rx.el.fieldset(
            rx.el.legend("Le lieu est accessible aux personnes en situation de :"),
            rx.vstack(
                *[
                    checkbox(label, f"access_{flag}", S.flags[flag])
                    for flag, label in ACCESSIBILITY_LABELS
                ],
                spacing="2",
                margin_top="0.5rem",
            ),
            border="none",
            padding="0",
            margin="0",
        ),
    )


def _bookings() -> rx.Component:
    return panel(
        "Réservations",
        text_field(
            "Adresse email de réservation (facultatif)",
            "booking_email",
            S.values["booking_email"],
            hint="Les réservations de ce lieu y sont notifiées ; sans elle, à l’adresse de "
            "la structure.",
            type="email",
            auto_complete="email",
            max_length=320,
        ),
        text_area(
            "Modalités de retrait (facultatif)",
            "withdrawal_details",
            S.values["withdrawal_details"],
            hint="Affichées aux jeunes qui réservent : horaires, guichet, pièce à présenter…",
        ),
    )


def _messages() -> rx.Component:
    """Next to the button the pro has just pressed."""
    return rx.vstack(
        refusal(S.error),
        notice(S.notice),
        width="100%",
        spacing="2",
    )


def _form(title: str, submit: str) -> rx.Component:
    return rx.vstack(
        rx.link("← Structure et lieux", href="/pro/structure", color=PURPLE),
        rx.heading(title, as_="h1", size="7"),
        rx.cond(S.created, success(CREATED)),
        rx.form(
            rx.vstack(
                _identity(),
                rx.cond(~S.is_virtual, _place()),
                _accessibility(),
                _bookings(),
                _messages(),
                rx.button(submit, type="submit", size="3", loading=S.busy, background=PURPLE),
                spacing="4",
                width="100%",
            ),
            on_submit=S.save,
            reset_on_submit=False,
            width="100%",
        ),
        spacing="4",
        width="100%",
        max_width="52rem",
    )


@page(
    route="/pro/lieux/nouveau",
    title="Ajouter un lieu — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, S.load_new],
)
def new_venue() -> rx.Component:
    return pro_page(
        rx.cond(
            S.loaded,
            rx.cond(
                S.missing != "",
                missing_page("Ajouter un lieu", S.missing),
                _form("Ajouter un lieu", "Créer le lieu"),
            ),
            loading("Chargement du formulaire"),
        ),
        active="structure",
    )


@page(
    route="/pro/lieux/[venue_id]",
    title="Modifier un lieu — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, S.load_existing],
)
def edit_venue() -> rx.Component:
    return pro_page(
        rx.cond(
            S.loaded,
            rx.cond(
                S.missing != "",
                missing_page("Lieu introuvable", S.missing),
                _form("Modifier le lieu", "Enregistrer les modifications"),
            ),
            loading("Chargement du lieu"),
        ),
        active="structure",
    )
