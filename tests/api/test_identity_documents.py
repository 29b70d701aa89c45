"""Identity documents over HTTP: admins read any through /admin/documents/identite/<id>,
a young user only their own through /documents/identite/<id>; never cached, never sniffed."""

import pytest
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.api.security_headers import security_headers
from pass_culture.models import Role, Surface
from services import auth
from tests.factories import PASSWORD, make_user
from tests.identity_factories import (
    data_dir,  # noqa: F401  (fixture)
    make_pending_check,
    make_young,
    png_bytes,
)

pytestmark = pytest.mark.usefixtures("data_dir")
ADMIN = "/admin/documents/identite/{}"
OWN = "/documents/identite/{}"


def _get(path: str, surface: Surface | None = None, user=None):
    client = TestClient(security_headers(api))
    if user is not None:
        token, _user = auth.login(user.email, PASSWORD, surface)
        client.cookies.set(f"pc_session_{surface}", token)
    return client.get(path)


def _private(response) -> None:
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_admin_reads_the_document_inline_with_its_type(database):
    check = make_pending_check()
    response = _get(ADMIN.format(check.id), Surface.ADMIN, make_user(Role.ADMIN))
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["content-disposition"] == "inline"
    assert response.content == png_bytes()
    _private(response)
    # The back office frames it (a PDF); no other site may.
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]


def test_anonymous_is_401_and_a_missing_document_404(database):
    check = make_pending_check()
    for path in (ADMIN.format(check.id), OWN.format(check.id)):
        response = _get(path)
        assert response.status_code == 401
        _private(response)
        assert check.document_name not in response.text
    admin = make_user(Role.ADMIN)
    for missing in (check.id + 1, "abc", "%C2%B2", "9" * 5000):
        assert _get(ADMIN.format(missing), Surface.ADMIN, admin).status_code == 404


def test_young_users_and_pros_never_read_through_the_admin_door(database):
    check = make_pending_check()
    young = make_young()
    # A youth session is no admin session: 401; a pro on the youth app (preview): 404.
    assert _get(ADMIN.format(check.id), Surface.YOUTH, young).status_code == 401
    pro = make_user(Role.PRO)
    assert _get(OWN.format(check.id), Surface.YOUTH, pro).status_code == 404
    assert _get(ADMIN.format(check.id), Surface.PRO, pro).status_code == 401


def test_a_young_user_reads_their_own_document_never_another_s(database):  # rule O7
    me = make_young()
    mine = make_pending_check(me)
    theirs = make_pending_check()
    own = _get(OWN.format(mine.id), Surface.YOUTH, me)
    assert own.status_code == 200 and own.headers["content-type"] == "image/png"
    _private(own)
    other = _get(OWN.format(theirs.id), Surface.YOUTH, me)
    assert other.status_code == 404
    assert other.text == "Ce document n'existe pas."
    assert other.headers["x-frame-options"] == "DENY"
