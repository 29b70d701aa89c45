"""Every file route with every kind of caller (rules O5, O7, B9, B11, P6): one table of
expected status codes. Each signed-in caller presents their session token under every
surface's cookie name (the worst a browser can forge), so a token only counts at the door
it was opened at. A refusal never carries the file, nor anything of it.

/api/images/offres/<name> is public by design (offers' hook images are shown to everyone,
rule F11): it is not in the table; the last test pins that choice.
"""

import pytest
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.models import Role, Surface
from services import auth, bank_accounts, offer_images
from services.bank_accounts import AccountInput
from tests.factories import (
    PASSWORD,
    make_bank_account,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_payment,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)
from tests.identity_factories import (
    data_dir,  # noqa: F401  (fixture)
    make_pending_check,
    make_young,
    png_bytes,
)
from tests.services.test_offer_images import picture
from tests.unit.test_documents import pdf_bytes

IBAN = "FR7630006000011234567890189"
CALLERS = ("anonymous", "owner", "other_young", "pro_a", "pro_b", "admin")
DOORS = {Role.BENEFICIARY: Surface.YOUTH, Role.PRO: Surface.PRO, Role.ADMIN: Surface.ADMIN}

# route → (path template, expected status per caller, in CALLERS' order). "owner" is the
# young user the file is about (the identity check's author, the ticket's booker).
TABLE = {
    "pro proof": ("/pro/documents/rib/{account}", (404, 404, 404, 404, 200, 404)),
    "admin proof": ("/admin/documents/rib/{account}", (404, 404, 404, 404, 404, 200)),
    "admin identity": ("/admin/documents/identite/{check}", (401, 401, 401, 401, 401, 200)),
    "own identity": ("/documents/identite/{check}", (401, 200, 404, 401, 401, 401)),
    "ticket": ("/billet/{booking}", (401, 200, 404, 401, 401, 401)),
    "csv of B's venue": (
        "/pro/exports/reservations.csv?venue={venue}",
        (401, 401, 401, 404, 200, 401),
    ),
    "xlsx of B's offer": (
        "/pro/exports/reservations.xlsx?offer={offer}",
        (401, 401, 401, 404, 200, 401),
    ),
    "csv of structure B": (
        "/pro/exports/reservations.csv?offerer={offerer}",
        (401, 401, 401, 404, 200, 401),
    ),
    "B's statement pdf": (
        "/pro/remboursements/{payment}/justificatif.pdf",
        (401, 401, 401, 404, 200, 401),
    ),
    "B's statement csv": (
        "/pro/remboursements/{payment}/justificatif.csv",
        (401, 401, 401, 404, 200, 401),
    ),
    "B's statements csv": (
        "/pro/remboursements/justificatifs.csv?paiements={payment}",
        (401, 401, 401, 404, 200, 401),
    ),
    "admin statement pdf": (
        "/admin/paiements/justificatifs/{payment}.pdf",
        (401, 401, 401, 401, 401, 200),
    ),
    "admin statement csv": (
        "/admin/paiements/justificatifs/{payment}.csv",
        (401, 401, 401, 401, 401, 200),
    ),
}


@pytest.fixture
def files(database, data_dir):  # noqa: F811  (the fixture imported above)
    """Structure B with a proof, a venue, an offer booked by `owner`, a payment; A with its
    pro."""
    b = make_offerer()
    pro_b = make_pro(b)
    venue = make_venue(b, name="Librairie de B")
    offer = make_offer(venue, name="Offre secrète de B")
    booker, deposit = make_beneficiary()
    booking = make_booking(make_stock(offer), booker, deposit)
    account = bank_accounts.save_draft(
        pro_b.id, b.id, None, AccountInput("Compte", IBAN, "AGRIFRPP")
    )
    bank_accounts.upload_proof(pro_b.id, account.id, "rib-de-b.pdf", pdf_bytes())
    payment = make_payment(make_bank_account(b, label="Compte payé de B"), 123_45)
    check_owner = make_young()
    check = make_pending_check(check_owner)
    ids = {
        "account": account.id,
        "check": check.id,
        "booking": booking.id,
        "venue": venue.id,
        "offer": offer.id,
        "offerer": b.id,
        "payment": payment.id,
    }
    users = {
        "pro_a": make_pro(make_offerer()),
        "pro_b": pro_b,
        "admin": make_user(Role.ADMIN),
        "other_young": make_young(),
        "identity_owner": check_owner,
        "ticket_owner": booker,
    }
    secrets = [
        IBAN,
        "rib-de-b",
        "Offre secrète",
        "Librairie de B",
        booking.code,
        booker.email,
        payment.reference,
        "Compte payé de B",
        "123,45",
    ]
    return ids, users, secrets


def _client(user) -> TestClient:
    client = TestClient(api)
    if user is not None:
        token, _ = auth.login(user.email, PASSWORD, DOORS[user.role])
        for surface in Surface:
            client.cookies.set(f"pc_session_{surface}", token)
    return client


def _caller(users, caller: str, route: str):
    if caller == "anonymous":
        return None
    if caller == "owner":
        return users["identity_owner" if "identity" in route else "ticket_owner"]
    return users[caller]


CASES = [
    (route, caller, status)
    for route, (_, statuses) in TABLE.items()
    for caller, status in zip(CALLERS, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("route", "caller", "status"), CASES, ids=[f"{r}-{c}" for r, c, _ in CASES]
)
def test_who_gets_which_file(files, route, caller, status):  # rules O5, O7, B9, B11
    ids, users, secrets = files
    path = TABLE[route][0].format(**ids)

    response = _client(_caller(users, caller, route)).get(path)

    assert response.status_code == status, response.text
    if status == 200:
        return
    assert response.headers["cache-control"].startswith("private")
    body = response.content
    assert not body.startswith((b"%PDF", png_bytes()[:8], b"PK"))  # no PDF, PNG, xlsx
    for secret in secrets:
        assert secret.encode() not in body, (route, caller, secret)


def test_a_refusal_reads_as_a_missing_file(files):  # rule O7: no oracle on B's ids
    ids, users, _ = files
    for route, (template, _) in TABLE.items():
        for caller in ("pro_a", "other_young"):
            client = _client(_caller(users, caller, route))
            refused = client.get(template.format(**ids))
            missing = client.get(template.format(**{key: 999_999 for key in ids}))
            assert (refused.status_code, refused.text) == (missing.status_code, missing.text), (
                route,
                caller,
            )


def test_offer_images_are_public_by_design(files):  # rule F11
    ids, users, _ = files
    url = offer_images.save_offer_image(users["pro_b"].id, ids["offer"], picture())
    assert TestClient(api).get(url).status_code == 200
