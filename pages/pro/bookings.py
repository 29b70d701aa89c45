"""The pro's bookings ("Suivi des réservations", /pro/reservations; pcapi-facts §2, rules
B10, B11): filters, the table kept live, the CSV and Excel downloads, cancellation."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.downloads import download_link
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.panels import notice, refusal
from pages.components.pro_shell import pro_page
from pages.registry import page
from services.pro_bookings import STATUS_LABELS, DisplayStatus, PeriodType
from state.auth import ProSession
from state.pro.bookings import ProBookingsState as State
from state.pro.live import LiveVersion

PERIOD_LABELS = {
    PeriodType.BOOKED: "Période de réservation",
    PeriodType.VALIDATED: "Période de validation",
    PeriodType.REIMBURSED: "Période de remboursement",
}
STATUS_COLORS = {
    DisplayStatus.BOOKED: "blue",
    DisplayStatus.CONFIRMED: "cyan",
    DisplayStatus.VALIDATED: "green",
    DisplayStatus.CANCELLED: "red",
    DisplayStatus.REIMBURSED: "gray",
}


def _field(label: str, name: str, control: rx.Component) -> rx.Component:
    return rx.vstack(field_label(label, f"filtre-{name}"), control, spacing="1", width="100%")


def _select(label: str, name: str, options: list[tuple[str, str]]) -> rx.Component:
    return _field(
        label,
        name,
        rx.el.select(
            *[rx.el.option(text, value=value) for value, text in options],
            id=f"filtre-{name}",
            name=name,
            default_value=State.filters.get(name, ""),
            style=FIELD_STYLE,
        ),
    )


def _input(label: str, name: str, kind: str = "text", **props) -> rx.Component:
    return _field(
        label,
        name,
        rx.el.input(
            id=f"filtre-{name}",
            name=name,
            type=kind,
            default_value=State.filters.get(name, ""),
            style=FIELD_STYLE,
            **props,
        ),
    )


def _choice_select(label: str, name: str, every: str, options: rx.Var) -> rx.Component:
    """A select whose choices come from the state: [id, name] pairs."""
    return _field(
        label,
        name,
        rx.el.select(
            rx.el.option(every, value=""),
            rx.foreach(options, lambda option: rx.el.option(option[1], value=option[0])),
            id=f"filtre-{name}",
            name=name,
            default_value=State.filters.get(name, ""),
            style=FIELD_STYLE,
        ),
    )


def _filters() -> rx.Component:
    return rx.el.form(
        rx.vstack(
            _input(
                "Rechercher (offre, bénéficiaire, email, EAN, contremarque)",
                "search",
                "search",
                max_length=200,
            ),
            rx.grid(
                _choice_select("Lieu", "venue", "Tous les lieux", State.venue_options),
                _choice_select("Offre", "offer", "Toutes les offres", State.offer_options),
                _input("Date de l’évènement", "event_date", "date"),
                _select(
                    "Statut",
                    "status",
                    [("", "Tous les statuts"), *STATUS_LABELS.items()],
                ),
                _select("Type de période", "period_type", list(PERIOD_LABELS.items())),
                _input("Début de la période", "period_start", "date"),
                _input("Fin de la période", "period_end", "date"),
                columns=rx.breakpoints(initial="1", sm="2", md="4"),
                spacing="3",
                width="100%",
            ),
            rx.flex(
                rx.button("Afficher", type="submit", size="3", background=PURPLE),
                rx.button(
                    "Réinitialiser les filtres",
                    type="button",
                    size="3",
                    variant="soft",
                    color_scheme="gray",
                    on_click=State.reset_filters,
                ),
                spacing="3",
                wrap="wrap",
            ),
            spacing="3",
            width="100%",
        ),
        key=State.form_key,
        on_submit=State.apply,
        aria_label="Filtrer les réservations",
        role="search",
        width="100%",
    )


def _download(label: str, extension: str) -> rx.Component:
    return download_link(label, href=f"/pro/exports/reservations.{extension}" + State.export_query)


def _downloads() -> rx.Component:
    """The authenticated download routes, with the filters applied."""
    return rx.flex(
        rx.icon("download", aria_hidden="true", size=18, color=PURPLE),
        _download("Télécharger CSV", "csv"),
        _download("Télécharger Excel", "xlsx"),
        spacing="4",
        align="center",
        wrap="wrap",
    )


def _status_badge(row: rx.Var) -> rx.Component:
    return rx.badge(
        row["status_label"],
        color_scheme=rx.match(
            row["status"], *[(s.value, c) for s, c in STATUS_COLORS.items()], "gray"
        ),
        variant="soft",
        high_contrast=True,
        size="2",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.cond(
                row["code"] != "",
                rx.text(row["code"], font_family="ui-monospace, monospace", weight="bold"),
                rx.text("—", title="Affichée une fois la réservation retirée"),
            )
        ),
        rx.table.row_header_cell(
            rx.text(row["offer_name"], weight="medium"),
            rx.cond(
                row["event_at"] != "",
                rx.text(row["event_at"], size="1", color="var(--gray-11)"),
            ),
        ),
        rx.table.cell(
            rx.text(row["beneficiary_name"]), rx.text(row["beneficiary_email"], size="1")
        ),
        rx.table.cell(row["booked_at"]),
        rx.table.cell(row["price"], white_space="nowrap"),
        rx.table.cell(_status_badge(row)),
        rx.table.cell(
            rx.cond(
                row["can_cancel"] != "",
                rx.button(
                    "Annuler",
                    size="1",
                    variant="outline",
                    color_scheme="red",
                    aria_label="Annuler la réservation "
                    + row["offer_name"]
                    + " de "
                    + row["beneficiary_name"],
                    on_click=State.ask_cancel(row["id"]),
                ),
            )
        ),
        data_booking=row["id"],
    )


def _table() -> rx.Component:
    headers = ("Contremarque", "Offre", "Bénéficiaire", "Réservée le", "Prix", "Statut", "Action")
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(h, scope="col") for h in headers])
            ),
            rx.table.body(rx.foreach(State.rows, _row)),
            variant="surface",
            size="2",
            width="100%",
            aria_label="Réservations",
        ),
        overflow_x="auto",
        width="100%",
    )


def _pagination() -> rx.Component:
    return rx.flex(
        rx.button(
            "Page précédente",
            variant="soft",
            disabled=State.page <= 1,
            on_click=State.go_to(State.page - 1),
        ),
        rx.button(
            "Page suivante",
            variant="soft",
            disabled=State.page >= State.page_count,
            on_click=State.go_to(State.page + 1),
        ),
        spacing="3",
    )


def _cancel_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Annuler la réservation ?"),
            rx.dialog.description(State.cancel_label, size="2"),
            rx.text(
                "Le bénéficiaire est prévenu par email et son crédit lui est rendu.",
                size="2",
                margin_top="0.5rem",
            ),
            rx.el.form(
                rx.vstack(
                    field_label("Motif de l’annulation (obligatoire)", "motif"),
                    rx.el.textarea(
                        id="motif",
                        name="reason",
                        required=True,
                        max_length=500,
                        rows=3,
                        style=FIELD_STYLE,
                    ),
                    refusal(State.cancel_error),
                    rx.flex(
                        rx.dialog.close(
                            rx.button(
                                "Garder la réservation",
                                type="button",
                                variant="soft",
                                color_scheme="gray",
                                size="3",
                            )
                        ),
                        rx.button(
                            "Confirmer l’annulation",
                            type="submit",
                            color_scheme="red",
                            high_contrast=True,
                            loading=State.cancelling,
                            size="3",
                        ),
                        spacing="3",
                        justify="end",
                        wrap="wrap",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                    margin_top="1rem",
                ),
                on_submit=State.confirm_cancel,
                reset_on_submit=False,
            ),
            max_width="32rem",
        ),
        open=State.cancel_open,
        on_open_change=State.set_cancel_open,
    )


def _live() -> rx.Component:
    """Invisible: remounted (its key changes) with each new version of the structure's
    bookings, it asks for the rows again."""
    return rx.fragment(
        # The key on the parent: Reflex puts a component's own key inside its wrapper,
        # which then stays mounted.
        rx.box(
            rx.box(on_mount=State.live_update(LiveVersion.version)),
            key=LiveVersion.version,
            display="none",
        ),
    )


@page(
    route="/pro/reservations",
    title="Réservations — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, State.open_page],
)
def bookings() -> rx.Component:
    return pro_page(
        rx.heading("Suivi des réservations", as_="h1", size="7"),
        rx.text("Les réservations de vos offres, à jour sans recharger la page."),
        _filters(),
        refusal(State.error),
        notice(State.notice),
        rx.flex(
            rx.heading(State.summary, as_="h2", size="4", aria_live="polite"),
            _downloads(),
            justify="between",
            align="center",
            wrap="wrap",
            gap="3",
            width="100%",
        ),
        _table(),
        rx.cond(State.page_count > 1, _pagination()),
        _cancel_dialog(),
        _live(),
        active="reservations",
    )
