"""French dates in a venue's own time, distances, and ids typed into addresses."""

from datetime import UTC, date, datetime

import pytest

from services.formatting import (
    address,
    euros,
    long_date,
    long_datetime,
    price,
    thousands,
    whole_euros,
)
from services.identifiers import parse_id
from services.offer_details import distance_label
from services.timezones import department_timezone


def test_amounts_group_thousands_with_a_narrow_no_break_space():
    assert thousands(1000) == "1\u202f000"
    assert euros(-1_234_567_89) == "-1\u202f234\u202f567,89 €"
    assert whole_euros(150_000_00) == "150\u202f000\u00a0€"


def test_long_dates_read_as_in_french():
    assert long_date(date(2026, 3, 1)) == "dimanche 1er mars 2026"
    assert long_date(date(2026, 8, 15)) == "samedi 15 août 2026"


EVENING = datetime(2026, 3, 14, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("department", "shown"),
    [
        ("67", "samedi 14 mars 2026 à 21h30"),  # Paris, winter time
        ("2A", "samedi 14 mars 2026 à 21h30"),  # Corsica is on Paris time
        ("973", "samedi 14 mars 2026 à 17h30"),  # Guyane, UTC-3
        ("974", "dimanche 15 mars 2026 à 00h30"),  # La Réunion, UTC+4: the next day
        (None, "samedi 14 mars 2026 à 21h30"),  # a digital venue
    ],
)
def test_an_event_is_shown_in_its_venue_time_zone(department, shown):
    assert long_datetime(EVENING, department_timezone(department)) == shown


def test_summer_time_moves_paris_not_cayenne():
    july = datetime(2026, 7, 14, 20, 30, tzinfo=UTC)
    assert long_datetime(july, department_timezone("75")).endswith("22h30")
    assert long_datetime(july, department_timezone("973")).endswith("17h30")


@pytest.mark.parametrize(
    ("kilometres", "label"),
    [(0.004, "à 10 m"), (0.46, "à 460 m"), (2.44, "à 2,4 km"), (37.6, "à 38 km")],
)
def test_distances(kilometres, label):
    assert distance_label(kilometres) == label


def test_prices_and_addresses():
    assert price(0) == "Gratuit"
    assert price(8_50) == "8,50 €"

    class Place:
        address, postal_code, city = None, "97300", "Cayenne"

    assert address(Place) == "97300 Cayenne"


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("12", 12),
        (12, 12),
        (" 7 ", 7),
        ("abc", None),
        ("0", None),
        ("-4", None),
        ("1e3", None),
        ("²", None),
        ("2147483648", None),
        ("02147483647", None),
        ("9" * 5000, None),  # past int()'s 4,300 digits
        (None, None),
    ],
)
def test_ids_from_addresses(raw, parsed):
    assert parse_id(raw) == parsed
