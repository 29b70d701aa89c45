"""The pro bookings downloads (/pro/exports/reservations.csv|.xlsx, rules B11, O7): the
pro session cookie decides, bad parameters are refused in French, another structure's
bookings never leave."""

import csv
import io

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.models import Surface
from services import auth
from tests.factories import (
    PASSWORD,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)

CSV = "/pro/exports/reservations.csv"
XLSX = "/pro/exports/reservations.xlsx"


@pytest.fixture
def two_structures(database):
    """Two structures with a pro and a booking each; yields (token of the first pro,
    the first structure's venue, the second one's)."""
    venues = []
    token = None
    for name in ("Atlas", "Borgès"):
        offerer = make_offerer()
        pro = make_pro(offerer)
        venue = make_venue(offerer)
        user, deposit = make_beneficiary()
        make_booking(make_stock(make_offer(venue, name=name)), user, deposit)
        venues.append(venue)
        token = token or auth.login(pro.email, PASSWORD, Surface.PRO)[0]
    return token, venues[0], venues[1]


def _get(path: str, token: str | None = None, **params):
    client = TestClient(api)
    if token:
        client.cookies.set("pc_session_pro", token)
    return client.get(path, params=params, follow_redirects=False)


def _csv_lines(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_download_is_an_attachment_with_bom(two_structures):
    token, _mine, _theirs = two_structures
    response = _get(CSV, token)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="reservations-')
    assert disposition.endswith('.csv"')
    assert response.content.startswith("\ufeff".encode())
    lines = _csv_lines(response)
    assert lines[0][:2] == ["Structure", "Nom de l’offre"]
    # rule O7: only the first structure's booking.
    assert [line[1] for line in lines[1:]] == ["Atlas"]


def test_the_excel_download_opens_with_openpyxl(two_structures):
    token, _mine, _theirs = two_structures
    response = _get(XLSX, token)
    assert response.status_code == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == 19
    assert [row[1] for row in rows[1:]] == ["Atlas"]


@pytest.mark.parametrize("path", [CSV, XLSX])
@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_without_a_pro_session_nothing_is_downloaded(two_structures, path, token):
    response = _get(path, token)
    assert response.status_code == 401
    assert "Connectez-vous" in response.text


def test_a_young_users_session_does_not_open_the_export(two_structures):
    user, _deposit = make_beneficiary()
    youth_token, _user = auth.login(user.email, PASSWORD, Surface.YOUTH)
    assert _get(CSV, youth_token).status_code == 401


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"venue": "abc"}, "Le lieu n'est pas un identifiant valide."),
        ({"offer": "-3"}, "L'offre n'est pas un identifiant valide."),
        ({"period_start": "2026-13-01"}, "n'est pas une date valide"),
        ({"event_date": "demain"}, "n'est pas une date valide"),
        ({"period_start": "2026-03-02", "period_end": "2026-03-01"}, "commencer avant"),
        ({"status": "perdu"}, "Le statut n'est pas une valeur reconnue."),
        ({"period_type": "x"}, "Le type de période n'est pas une valeur reconnue."),
        ({"search": "x" * 201}, "La recherche ne peut pas dépasser"),
    ],
)
@pytest.mark.parametrize("path", [CSV, XLSX])
def test_bad_parameters_are_refused_in_french(two_structures, path, params, message):
    token, _mine, _theirs = two_structures
    response = _get(path, token, **params)
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_another_structures_venue_is_unknown(two_structures, path):
    # rule O7: no oracle, no data.
    token, _mine, theirs = two_structures
    response = _get(path, token, venue=str(theirs.id))
    assert response.status_code == 404
    assert "Borgès" not in response.text


def test_filters_apply_to_the_download(two_structures):
    token, mine, _theirs = two_structures
    assert len(_csv_lines(_get(CSV, token, venue=str(mine.id)))) == 2
    assert len(_csv_lines(_get(CSV, token, search="borg"))) == 1
    assert len(_csv_lines(_get(CSV, token, search="atl"))) == 2
