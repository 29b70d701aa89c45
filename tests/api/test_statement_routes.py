"""The statements' downloads (rules P6, O7): who gets which file, the files' names and
headers, and bad ids or parameters refused in French, never with a 500."""

import csv
import io

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.models import Role, Surface
from services import auth
from services.formatting import decimal_amount, euros
from tests.factories import (
    PASSWORD,
    make_bank_account,
    make_offerer,
    make_pro,
    make_user,
    make_venue,
)
from tests.payment_factories import run_payments, used

IBAN = "FR7630006000011234567890189"
DOORS = {Role.BENEFICIARY: Surface.YOUTH, Role.PRO: Surface.PRO, Role.ADMIN: Surface.ADMIN}
PRO_ROUTES = (
    "/pro/remboursements/{id}/justificatif.pdf",
    "/pro/remboursements/{id}/justificatif.csv",
    "/pro/remboursements/justificatifs.csv?paiements={id}",
)
ADMIN_ROUTES = (
    "/admin/paiements/justificatifs/{id}.pdf",
    "/admin/paiements/justificatifs/{id}.csv",
)
# caller → (status on the pro routes, status on the admin routes)
EXPECTED = {
    "anonymous": (401, 401),
    "young": (401, 401),
    "pro": (200, 401),
    "other_pro": (404, 401),  # O7: another structure's statement reads as missing
    "admin": (401, 200),  # an admin's session opens the admin door only
}


@pytest.fixture
def paid(database):
    """A structure paid on 16 March 2026 on two bank accounts (two bookings on the first,
    one on the second); another structure paid too. Yields (our payments, theirs, users
    by caller)."""
    offerer = make_offerer(name="Théâtre du Soleil")
    hall, studio = make_venue(offerer, name="Grande salle"), make_venue(offerer, name="Studio")
    make_bank_account(offerer, [hall], iban=IBAN)
    make_bank_account(offerer, [studio], label="Second compte")
    used(hall, 15_00)
    used(hall, 22_50)
    used(studio, 8_00)
    elsewhere = make_offerer()
    make_bank_account(elsewhere, [other_venue := make_venue(elsewhere)])
    used(other_venue, 9_00)
    first, second, theirs = run_payments()
    users = {
        "young": make_user(),
        "pro": make_pro(offerer),
        "other_pro": make_pro(elsewhere),
        "admin": make_user(Role.ADMIN),
    }
    return (first, second), theirs, users


def _client(user=None) -> TestClient:
    """A browser whose session token (if any) is offered under every surface's cookie."""
    client = TestClient(api)
    if user is not None:
        token, _ = auth.login(user.email, PASSWORD, DOORS[user.role])
        for surface in Surface:
            client.cookies.set(f"pc_session_{surface}", token)
    return client


def _secrets(payment) -> list[str]:
    """What a refusal must never carry: amounts, the IBAN (even its end), the reference."""
    return [
        payment.reference,
        IBAN,
        IBAN[-4:],
        decimal_amount(payment.amount),
        euros(payment.amount),
        "Grande salle",
    ]


@pytest.mark.parametrize("caller", EXPECTED)
def test_who_gets_the_statement(paid, caller):  # rules O7, P6
    (ours, _second), _theirs, users = paid
    client = _client(users.get(caller))

    for routes, status in zip((PRO_ROUTES, ADMIN_ROUTES), EXPECTED[caller], strict=True):
        for route in routes:
            response = client.get(route.format(id=ours.id))
            assert response.status_code == status, (route, response.text)
            assert response.headers["cache-control"] == "private, no-store"
            if status != 200:
                assert response.headers["content-type"].startswith("text/plain")
                for secret in _secrets(ours):
                    assert secret not in response.text, (route, secret)


def test_the_pdf_is_an_attachment_named_after_its_reference(paid):  # rule P6
    (ours, _second), _theirs, users = paid

    response = _client(users["pro"]).get(f"/pro/remboursements/{ours.id}/justificatif.pdf")

    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="justificatif-{ours.reference}.pdf"'
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert f"Relevé n°{ours.reference}" in text
    assert "Théâtre du Soleil" in text and IBAN not in text
    admin = _client(users["admin"]).get(f"/admin/paiements/justificatifs/{ours.id}.pdf")
    assert admin.content == response.content  # the same document at both doors


def _lines(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_of_one_statement(paid):  # rule P6
    (ours, _second), theirs, users = paid

    mine = _client(users["pro"]).get(f"/pro/remboursements/{ours.id}/justificatif.csv")
    theirs_for_admin = _client(users["admin"]).get(
        f"/admin/paiements/justificatifs/{theirs.id}.csv"
    )

    assert mine.headers["content-type"] == "text/csv; charset=utf-8"
    assert mine.headers["content-disposition"] == (
        f'attachment; filename="justificatif-{ours.reference}.csv"'
    )
    lines = _lines(mine)
    assert lines[0][0] == "Réservations concernées par le remboursement"
    assert [line[18:21] for line in lines[1:]] == [
        ["15,00", "100 %", "15,00"],
        ["22,50", "100 %", "22,50"],
    ]
    assert [line[2] for line in _lines(theirs_for_admin)[1:]] == [theirs.reference]


def test_a_pro_downloads_several_statements_in_one_csv(paid):  # rule P6 (pcapi: 75 refs)
    (first, second), _theirs, users = paid

    response = _client(users["pro"]).get(
        "/pro/remboursements/justificatifs.csv",
        params={"paiements": f"{second.id},{first.id},{second.id}"},
    )

    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="remboursements_pass_culture.csv"'
    )
    lines = _lines(response)
    assert [(line[2], line[4]) for line in lines[1:]] == [
        (first.reference, "Compte principal"),
        (first.reference, "Compte principal"),
        (second.reference, "Second compte"),
    ]


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/pro/remboursements/abc/justificatif.pdf", 404, "n'existe pas"),
        ("/pro/remboursements/99999999999999999999999/justificatif.csv", 404, "n'existe pas"),
        ("/pro/remboursements/0/justificatif.pdf", 404, "n'existe pas"),
        # « ² » is a digit to str.isdigit, not to int(); int() stops at 4,300 digits.
        ("/pro/remboursements/%C2%B2/justificatif.pdf", 404, "n'existe pas"),
        (f"/pro/remboursements/{'9' * 5000}/justificatif.csv", 404, "n'existe pas"),
        ("/pro/remboursements/justificatifs.csv", 400, "Indiquez les justificatifs"),
        ("/pro/remboursements/justificatifs.csv?paiements=", 400, "Indiquez les justificatifs"),
        ("/pro/remboursements/justificatifs.csv?paiements=1,un", 400, "« un » n'est pas"),
        ("/pro/remboursements/justificatifs.csv?paiements=1%00", 400, "n'est pas un numéro"),
        (
            "/pro/remboursements/justificatifs.csv?paiements=" + ",".join(map(str, range(1, 77))),
            400,
            "75 justificatifs au plus",
        ),
        ("/pro/remboursements/justificatifs.csv?paiements=99999999999999999999", 400, "n'est pas"),
    ],
)
def test_bad_ids_and_parameters_are_refused_in_french(paid, path, status, message):
    _ours, _theirs, users = paid

    response = _client(users["pro"]).get(path)

    assert response.status_code == status
    assert message in response.text
    assert response.headers["cache-control"] == "private, no-store"


def test_one_payment_of_another_structure_refuses_the_whole_csv(paid):  # rule O7
    (first, second), theirs, users = paid
    client = _client(users["pro"])
    path = "/pro/remboursements/justificatifs.csv?paiements="

    mixed = client.get(f"{path}{first.id},{theirs.id}")
    missing = client.get(f"{path}{first.id},999999")

    assert (mixed.status_code, mixed.text) == (missing.status_code, missing.text)
    assert mixed.status_code == 404
    for secret in _secrets(first) + _secrets(theirs):
        assert secret not in mixed.text
