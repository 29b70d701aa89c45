"""The bank details proof route (rules O5, O7): /pro/documents/rib/<id> for the
structure's validated members, /admin/documents/rib/<id> for admins, the same 404 for
everyone else; private, never cached, shown inline with its own type."""

import pytest
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.models import Role, Surface, UserOfferer, ValidationStatus
from pass_culture.settings import get_settings
from services import auth, bank_accounts
from services.bank_accounts import AccountInput
from tests.factories import (
    PASSWORD,
    _save,
    make_beneficiary,
    make_offerer,
    make_pro,
    make_user,
)
from tests.unit.test_documents import pdf_bytes


@pytest.fixture
def account(database, tmp_path, monkeypatch):
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    offerer = make_offerer()
    member = make_pro(offerer)
    account = bank_accounts.save_draft(
        member.id,
        offerer.id,
        None,
        AccountInput("Compte", "FR7630006000011234567890189", "AGRIFRPP"),
    )
    bank_accounts.upload_proof(member.id, account.id, "rib société.pdf", pdf_bytes())
    return offerer, member, account


def _get(surface: Surface, account_id, user=None):
    client = TestClient(api)
    if user is not None:
        door = Surface.YOUTH if user.role == Role.BENEFICIARY else surface
        client.cookies.set(f"pc_session_{surface}", auth.login(user.email, PASSWORD, door)[0])
    return client.get(f"/{surface}/documents/rib/{account_id}")


def test_a_member_opens_the_proof_inline(account):
    _, member, shown = account
    response = _get(Surface.PRO, shown.id, member)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("inline;")


def test_an_admin_opens_it_at_the_admin_door(account):
    _, _, shown = account
    assert _get(Surface.ADMIN, shown.id, make_user(Role.ADMIN)).status_code == 200


def test_everyone_else_gets_the_missing_page(account):
    offerer, member, shown = account
    stranger = make_pro(make_offerer())
    waiting = make_user(Role.PRO)
    _save(UserOfferer(user_id=waiting.id, offerer_id=offerer.id, status=ValidationStatus.PENDING))
    young, _ = make_beneficiary()
    for surface, user in [
        (Surface.PRO, None),
        (Surface.PRO, young),
        (Surface.PRO, stranger),
        (Surface.PRO, waiting),
        (Surface.ADMIN, None),
    ]:
        response = _get(surface, shown.id, user)
        assert (response.status_code, response.text) == (404, "Document introuvable."), user
        assert response.headers["cache-control"] == "private, no-store"
    assert _get(Surface.PRO, shown.id + 1, member).status_code == 404
    for not_an_id in ("abc", "%C2%B2", "9" * 5000):  # « ² »: str.isdigit, not int()
        assert _get(Surface.PRO, not_an_id, member).status_code == 404
