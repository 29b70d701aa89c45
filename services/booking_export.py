"""The pro's bookings export, CSV and Excel (pcapi-facts §2; rule B11: the box office
matches the tickets sold).

The 19 columns of pcapi's global export, in its order; a duo booking is written on 2
lines; dates in Paris time. Same filters and access checks as the list
(services/pro_bookings.py).
"""

import io
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from pass_culture import clock
from services.csv_export import csv_chunks
from services.pro_bookings import BookingFilters, DisplayStatus, ProBookingRow, iter_bookings

HEADERS = (
    "Structure",
    "Nom de l’offre",
    "Localisation",
    "Date de l'évènement",
    "EAN",
    "Prénom du bénéficiaire",
    "Nom du bénéficiaire",
    "Email du bénéficiaire",
    "Téléphone du bénéficiaire",
    "Date et heure de réservation",
    "Date et heure de validation",
    "Contremarque",
    "Intitulé du tarif",
    "Prix de la réservation",
    "Statut de la contremarque",
    "Date et heure de remboursement",
    "Type d'offre",
    "Code postal du bénéficiaire",
    "Duo",
)
_DATE_COLUMNS = frozenset({3, 9, 10, 15})
_PRICE_COLUMN = 13

STATUS_VALUES = {
    DisplayStatus.BOOKED: "réservé",
    DisplayStatus.CONFIRMED: "confirmé",
    DisplayStatus.VALIDATED: "validé",
    DisplayStatus.CANCELLED: "annulé",
    DisplayStatus.REIMBURSED: "remboursé",
}
OFFER_TYPE = "offre grand public"  # collective offers are not part of this project
DATE_FORMAT = "%d/%m/%Y %H:%M"


def _paris(moment: datetime | None) -> datetime | None:
    """A naive Paris time: what a spreadsheet cell holds."""
    return clock.to_paris(moment).replace(tzinfo=None) if moment else None


def _lines(row: ProBookingRow) -> list[tuple]:
    """The export lines of one booking: 2 for a duo, each at the unit price."""
    location = f"{row.venue_name} - {row.venue_address}" if row.venue_address else row.venue_name
    line = (
        row.offerer_name,
        row.offer_name,
        location,
        _paris(row.event_at),
        row.ean,
        row.beneficiary_first_name,
        row.beneficiary_last_name,
        row.beneficiary_email,
        row.beneficiary_phone,
        _paris(row.booked_at),
        _paris(row.validated_at),
        row.code,
        row.price_label,
        Decimal(row.amount // row.quantity).scaleb(-2),  # euros, written "15.00"
        STATUS_VALUES[row.status],
        _paris(row.reimbursed_at),
        OFFER_TYPE,
        row.beneficiary_postal_code,
        "Oui" if row.is_duo else "Non",
    )
    return [line] * row.quantity


def export_lines(pro_user_id: int, filters: BookingFilters) -> Iterator[tuple]:
    """The typed lines (datetimes in Paris time, prices in euros), headers excluded."""
    for row in iter_bookings(pro_user_id, filters):
        yield from _lines(row)


def _csv_value(index: int, value):
    if index in _DATE_COLUMNS:
        return value.strftime(DATE_FORMAT) if value else ""
    return value


def export_csv(pro_user_id: int, filters: BookingFilters) -> Iterator[str]:
    """CSV chunks (services/csv_export.py); encode each chunk in UTF-8."""
    lines = (
        [_csv_value(i, value) for i, value in enumerate(line)]
        for line in export_lines(pro_user_id, filters)
    )
    return csv_chunks(HEADERS, lines)


def export_excel(pro_user_id: int, filters: BookingFilters) -> bytes:
    """An .xlsx workbook (openpyxl write-only mode: rows are not kept in memory)."""
    lines = export_lines(pro_user_id, filters)
    # The first line read checks access: a refusal comes before any workbook is opened
    # (openpyxl's unfinished sheet writer would complain when collected).
    first = list(islice(lines, 1))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Réservations")
    sheet.append(HEADERS)
    for line in chain(first, lines):
        cells = []
        for index, value in enumerate(line):
            cell = WriteOnlyCell(sheet, value=value)
            if index in _DATE_COLUMNS:
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif index == _PRICE_COLUMN:
                cell.number_format = '#,##0.00 "€"'
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
