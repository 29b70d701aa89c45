"""The SEPA file route (issue 10 point 4): /admin/paiements/<run id>/virements.xml for
admins only — 401 without an admin session (a pro's token under the admin cookie
included), 404 for an unknown run, a French 409 while the run is at work; never cached."""

from datetime import date

import pytest
from starlette.testclient import TestClient

from pass_culture import db
from pass_culture.api import api
from pass_culture.models import PaymentRun, Role, Surface
from services import auth, payouts
from tests.factories import PASSWORD, make_offerer, make_pro, make_user
from tests.services.test_payouts import CUTOFF, NOW
from tests.services.test_sepa import paid_structure

ADMIN_COOKIE = f"pc_session_{Surface.ADMIN}"


def client_of(user=None) -> TestClient:
    client = TestClient(api)
    if user is not None:
        door = Surface.ADMIN if user.role == Role.ADMIN else Surface.PRO
        client.cookies.set(ADMIN_COOKIE, auth.login(user.email, PASSWORD, door)[0])
    return client


@pytest.fixture
def run_id(database):
    paid_structure("Librairie Kléber", [15_00])
    return payouts.run_payments(CUTOFF, now=NOW).run_id


def test_an_admin_downloads_the_file(run_id):
    response = client_of(make_user(Role.ADMIN)).get(f"/admin/paiements/{run_id}/virements.xml")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="virements-VIR{run_id}-2026-03-16.xml"'
    )
    assert response.headers["cache-control"] == "private, no-store"
    assert b"<EndToEndId>F26" in response.content


@pytest.mark.parametrize("caller", ["anonymous", "pro"])
def test_without_an_admin_session_it_is_refused(run_id, caller):
    user = make_pro(make_offerer()) if caller == "pro" else None

    response = client_of(user).get(f"/admin/paiements/{run_id}/virements.xml")

    assert response.status_code == 401
    assert response.text == "Connectez-vous au back-office pour télécharger ce fichier."
    assert b"F26" not in response.content


@pytest.mark.parametrize("path", ["999999", "abc", "-1", "%C2%B2", "9" * 5000])
def test_an_unknown_run_is_not_found(run_id, path):
    response = client_of(make_user(Role.ADMIN)).get(f"/admin/paiements/{path}/virements.xml")

    assert (response.status_code, response.text) == (404, "Ce paiement n'existe pas.")


def test_a_run_at_work_has_no_file_yet(database):
    with db.transaction() as session:
        run = PaymentRun(cutoff=CUTOFF, period_start=date(2026, 3, 1), started_at=NOW)
        session.add(run)

    response = client_of(make_user(Role.ADMIN)).get(f"/admin/paiements/{run.id}/virements.xml")

    assert response.status_code == 409
    assert response.text.startswith("Ce paiement n'est pas terminé")
