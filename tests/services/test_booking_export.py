"""The pro's bookings export (pcapi-facts §2, rules B11, O7): 19 columns in order, a
duo on 2 lines, `;` separated UTF-8 with BOM, Paris dates, only the pro's structures."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from pass_culture.models import BookingStatus
from services import booking_export, csv_export
from services.pro_bookings import BookingFilters
from tests.factories import (
    DAY,
    HOUR,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)

# pcapi-facts §2, as the reference writes them.
HEADERS = (
    "Structure;Nom de l’offre;Localisation;Date de l'évènement;EAN;Prénom du bénéficiaire;"
    "Nom du bénéficiaire;Email du bénéficiaire;Téléphone du bénéficiaire;"
    "Date et heure de réservation;Date et heure de validation;Contremarque;Intitulé du tarif;"
    "Prix de la réservation;Statut de la contremarque;Date et heure de remboursement;"
    "Type d'offre;Code postal du bénéficiaire;Duo"
).split(";")
EXPECTED_DUO_LINE = {
    "Duo": "Oui",
    "Prix de la réservation": "15.00",
    "Structure": "Librairie Kléber",
    "Localisation": "Librairie Kléber centre - 1 rue de la Paix 67000 Strasbourg",
    "Statut de la contremarque": "validé",
    "Contremarque": "DUOAAA",
    "Prénom du bénéficiaire": "Léa",
    "Nom du bénéficiaire": "Dupont",
    "Code postal du bénéficiaire": "67000",
    "Type d'offre": "offre grand public",
    "Intitulé du tarif": "Plein tarif",
}


@pytest.fixture
def shop(database):
    offerer = make_offerer(name="Librairie Kléber")
    pro = make_pro(offerer)
    venue = make_venue(offerer, name="Kléber", public_name="Librairie Kléber centre")
    user, deposit = make_beneficiary(first_name="Léa", last_name="Dupont", postal_code="67000")
    concert = make_offer(venue, name="Concert", is_duo=True, subcategory_id="CONCERT")
    stock = make_stock(concert, price=15_00, price_label="Plein tarif", beginning_at=NOW + 3 * DAY)
    duo = make_booking(
        stock,
        user,
        deposit,
        quantity=2,
        code="DUOAAA",
        created_at=NOW,
        status=BookingStatus.USED,
        used_at=NOW + HOUR,
    )
    return pro, venue, duo


def _csv(pro, filters=BookingFilters()):
    text = "".join(booking_export.export_csv(pro.id, filters))
    return text, list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_csv_has_bom_separator_and_the_19_headers_in_order(shop):
    pro, _venue, _duo = shop
    text, rows = _csv(pro)
    assert text.startswith('\ufeff"Structure";"Nom de l’offre";')
    assert rows[0] == HEADERS
    assert len(HEADERS) == 19


def test_a_duo_booking_is_written_on_two_lines(shop):
    # pcapi-facts §2: a duo booking appears on 2 lines, Duo = "Oui", unit price each.
    pro, _venue, _duo = shop
    _text, rows = _csv(pro)
    lines = rows[1:]
    assert len(lines) == 2 and lines[0] == lines[1]
    line = dict(zip(HEADERS, lines[0], strict=True))
    assert line | EXPECTED_DUO_LINE == line


def test_dates_are_in_paris_time(shop):
    # NOW is 09:00 UTC = 10:00 in Paris (winter time).
    pro, _venue, _duo = shop
    line = dict(zip(HEADERS, _csv(pro)[1][1], strict=True))
    dates = {
        "Date et heure de réservation": "02/03/2026 10:00",
        "Date et heure de validation": "02/03/2026 11:00",
        "Date de l'évènement": "05/03/2026 10:00",
        "Date et heure de remboursement": "",
    }
    assert line | dates == line


def test_another_structures_bookings_are_never_exported(shop):
    # rule O7: a pro of another structure, with bookings of its own, sees only those.
    pro, _venue, _duo = shop
    other_offerer = make_offerer()
    other = make_pro(other_offerer)
    assert _csv(other)[1] == [HEADERS]
    user, deposit = make_beneficiary()
    make_booking(make_stock(make_offer(make_venue(other_offerer), name="Atlas")), user, deposit)
    lines = _csv(other)[1][1:]
    assert [line[1] for line in lines] == ["Atlas"]
    assert {line[1] for line in _csv(pro)[1][1:]} == {"Concert"}


def test_excel_has_the_same_columns_and_lines(shop):
    pro, _venue, _duo = shop
    content = booking_export.export_excel(pro.id, BookingFilters())
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 3
    line = dict(zip(HEADERS, rows[1], strict=True))
    assert line["Date et heure de réservation"] == datetime(2026, 3, 2, 10, 0)
    assert line["Prix de la réservation"] == 15
    assert line["Duo"] == "Oui"


def test_the_csv_is_streamed_in_chunks(shop, monkeypatch):
    pro, venue, _duo = shop
    user, deposit = make_beneficiary()
    make_booking(make_stock(make_offer(venue)), user, deposit)
    monkeypatch.setattr(csv_export, "BATCH", 1)
    chunks = list(booking_export.export_csv(pro.id, BookingFilters()))
    assert len(chunks) == 4  # headers, then one line each (the duo's two, the single)
    assert all(chunk.endswith("\r\n") for chunk in chunks)
