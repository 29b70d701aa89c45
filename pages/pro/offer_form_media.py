"""Steps 3 and 4 of the offer form: the hook image, then the stocks (a price and a
quantity for things, a timetable of dates for events)."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.fields import drop_zone
from pages.components.panels import panel
from pages.pro.offer_form_fields import CHECK_STYLE, text_field
from state.pro.offer_form import MAX_IMAGE_BYTES, WEEKDAYS, OfferFormState

S = OfferFormState
UPLOAD_ID = "offer-image"
ACCEPTED = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]}


def _actions(*buttons: rx.Component) -> rx.Component:
    return rx.flex(*buttons, spacing="3", wrap="wrap", justify="end", width="100%")


def _back(step: int) -> rx.Component:
    return rx.button("Retour", type="button", variant="soft", size="3", on_click=S.go_to(step))


def image_step() -> rx.Component:
    return panel(
        "3. Image d’accroche",
        rx.text(
            "Une image donne envie : elle apparaît sur la carte de l’offre et en tête de sa "
            "page. JPEG, PNG ou WebP, 10 Mo au plus, au moins 300 px de côté ; elle est "
            "réduite à 1200 px au plus.",
            size="2",
        ),
        rx.cond(
            S.image_url != "",
            rx.hstack(
                rx.image(
                    src=S.image_url,
                    alt="Image actuelle de l’offre",
                    width="10rem",
                    border_radius="8px",
                ),
                rx.button(
                    "Retirer l’image",
                    type="button",
                    variant="outline",
                    color_scheme="red",
                    on_click=S.remove_image,
                ),
                align="end",
                spacing="4",
            ),
        ),
        drop_zone(
            upload_id=UPLOAD_ID,
            accept=ACCEPTED,
            label="Image de l’offre (JPEG, PNG ou WebP)",
            icon="image-up",
            prompt=rx.fragment(
                rx.text("Glissez une image ici, ou", size="2"),
                rx.button(
                    rx.cond(S.image_url != "", "Choisir une autre image", "Choisir une image"),
                    type="button",
                    variant="outline",
                    loading=S.busy,
                ),
            ),
            on_drop=S.upload_image,
            on_rejected=S.image_rejected,
            max_size=MAX_IMAGE_BYTES,
        ),
        _actions(
            _back(2),
            rx.button("Continuer", type="button", size="3", on_click=S.go_to(4), background=PURPLE),
        ),
    )


def _stock_rows() -> rx.Component:
    header = {"text_align": "left", "padding": "0.4rem 0.75rem 0.4rem 0"}
    cell = {"padding": "0.4rem 0.75rem 0.4rem 0", "border_top": "1px solid var(--gray-5)"}
    return rx.cond(
        S.stocks.length() > 0,
        rx.el.table(
            rx.el.caption(
                rx.cond(S.is_event, "Dates de l’offre", "Stocks de l’offre"),
                style={"text_align": "left", "font_weight": "bold", "padding_bottom": "0.5rem"},
            ),
            rx.el.thead(
                rx.el.tr(
                    rx.cond(S.is_event, rx.el.th("Date", scope="col", style=header)),
                    rx.el.th("Prix", scope="col", style=header),
                    rx.el.th("Quantité", scope="col", style=header),
                    rx.cond(
                        S.is_event, rx.el.th("Fin des réservations", scope="col", style=header)
                    ),
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    S.stocks,
                    lambda s: rx.el.tr(
                        rx.cond(S.is_event, rx.el.td(s["when"], style=cell)),
                        rx.el.td(s["price"], style=cell),
                        rx.el.td(s["quantity"], style=cell),
                        rx.cond(
                            S.is_event,
                            rx.el.td(
                                rx.cond(s["booking_limit"] != "", s["booking_limit"], "Au début"),
                                style=cell,
                            ),
                        ),
                    ),
                )
            ),
            width="100%",
            style={"border_collapse": "collapse", "font_size": "0.95rem"},
        ),
        rx.text("Aucun stock pour l’instant : l’offre ne peut pas encore être publiée.", size="2"),
    )


def _weekdays() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Jours de la semaine (aucun coché : tous les jours)", font_weight="bold"),
        rx.flex(
            *[
                rx.el.label(
                    rx.el.input(type="checkbox", name=f"weekday_{n}", style=CHECK_STYLE),
                    day,
                    display="flex",
                    align_items="center",
                    gap="0.35rem",
                    cursor="pointer",
                )
                for n, day in enumerate(WEEKDAYS)
            ],
            wrap="wrap",
            gap="1rem",
            padding_top="0.5rem",
        ),
        border="none",
        padding="0",
        margin="0",
    )


def _timetable_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading("Ajouter des dates", as_="h3", size="3"),
            rx.text(
                "Une date, ou toute une série : par exemple du 1er au 31 mars, le vendredi, "
                "à 20:30. Les horaires sont ceux du lieu.",
                size="2",
            ),
            rx.flex(
                text_field("Du", "first_day", "", type="date", required=True),
                text_field("Au (inclus ; vide : le même jour)", "last_day", "", type="date"),
                spacing="4",
                width="100%",
                direction=rx.breakpoints(initial="column", sm="row"),
            ),
            _weekdays(),
            text_field(
                "Horaires",
                "times",
                "",
                required=True,
                hint="Par exemple 20:30, ou plusieurs séances : 15:00, 20:30.",
                max_width="20rem",
            ),
            rx.flex(
                text_field("Prix (€)", "price", "", required=True, input_mode="decimal"),
                text_field(
                    "Places par date", "quantity", "", hint="Vide : illimité.", input_mode="numeric"
                ),
                text_field(
                    "Clôture (heures avant)",
                    "limit_hours",
                    "",
                    hint="Vide : jusqu’au début.",
                    input_mode="numeric",
                ),
                spacing="4",
                width="100%",
                direction=rx.breakpoints(initial="column", sm="row"),
            ),
            _actions(
                rx.button("Ajouter ces dates", type="submit", size="3", loading=S.busy),
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.add_timetable,
        reset_on_submit=False,
        width="100%",
    )


def _thing_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading("Ajouter un stock", as_="h3", size="3"),
            rx.flex(
                text_field("Prix (€)", "price", "", required=True, input_mode="decimal"),
                text_field(
                    "Quantité", "quantity", "", hint="Vide : illimité.", input_mode="numeric"
                ),
                spacing="4",
                width="100%",
                direction=rx.breakpoints(initial="column", sm="row"),
            ),
            _actions(rx.button("Ajouter le stock", type="submit", size="3", loading=S.busy)),
            spacing="3",
            width="100%",
        ),
        on_submit=S.add_thing_stock,
        reset_on_submit=True,
        width="100%",
    )


def stocks_step() -> rx.Component:
    return panel(
        rx.cond(S.is_event, "4. Dates et tarifs", "4. Stock et prix"),
        rx.text("Prix de 0 à 300 € ; quantité de 0 à 1 000 000, ou illimitée.", size="2"),
        _stock_rows(),
        rx.box(
            rx.cond(S.is_event, _timetable_form(), _thing_form()),
            border_top="1px solid var(--gray-5)",
            padding_top="1rem",
            width="100%",
        ),
        _actions(
            _back(3),
            rx.button(
                "Voir l’aperçu", type="button", size="3", on_click=S.go_to(5), background=PURPLE
            ),
        ),
    )
