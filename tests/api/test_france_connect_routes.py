"""FranceConnect's doors (/api/franceconnect/connexion and /retour) with a local OpenID
provider: the youth session starts it, the flow cookie ends it, the result page gets a
code only."""

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from pass_culture import db
from pass_culture.api import api
from pass_culture.models import Deposit, Surface
from services import auth
from tests.factories import PASSWORD, make_beneficiary
from tests.oidc_provider import born_18_years_ago, matching_young

START = "/api/franceconnect/connexion"
RESULT = "/verification-identite/franceconnect"


def _browser(user=None) -> TestClient:
    client = TestClient(api, follow_redirects=False)
    if user is not None:
        client.cookies.set("pc_session_youth", auth.login(user.email, PASSWORD, Surface.YOUTH)[0])
    return client


@pytest.fixture
def provider(france_connect_provider):
    # The routes run on the real clock: 18 today.
    france_connect_provider.identity["birthdate"] = born_18_years_ago().isoformat()
    return france_connect_provider


def _leave(browser: TestClient) -> str:
    """Signs in at the provider: the callback's path and query to come back with."""
    sent = browser.get(START)
    assert sent.status_code == 303 and sent.headers["cache-control"] == "private, no-store"
    back = httpx.get(sent.headers["location"], follow_redirects=False).headers["location"]
    return back.removeprefix(urlsplit(back)._replace(path="", query="").geturl())


def _result(response) -> dict[str, list[str]]:
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == RESULT
    return parse_qs(location.query)


def test_a_young_user_comes_back_with_the_credit(database, provider):
    young = matching_young(provider)
    browser = _browser(young)
    back = _leave(browser)
    assert browser.cookies.get("pc_franceconnect")
    arrived = browser.get(back)
    assert _result(arrived) == {"resultat": ["activated"]}
    assert 'pc_franceconnect=""' in arrived.headers["set-cookie"]
    with db.transaction(write=False) as session:
        assert session.exec(select(Deposit).where(Deposit.user_id == young.id)).one()
    assert _result(browser.get(back)) == {"erreur": ["invalid_state"]}  # no replay


def test_the_flow_cookie_is_http_only_lax_and_scoped(database, provider):
    sent = _browser(matching_young(provider)).get(START)
    cookie = sent.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "path=/api/franceconnect" in cookie and "max-age=600" in cookie


def test_without_a_session_the_young_user_signs_in_first(database, provider):
    sent = _browser().get(START)
    assert (sent.status_code, sent.headers["location"]) == (303, "/connexion")


def test_a_refusal_before_leaving_comes_back_as_a_code(database, provider):
    young, _deposit = make_beneficiary()
    sent = _browser(young).get(START)
    assert _result(sent) == {"erreur": ["already_granted"]}
    assert "pc_franceconnect" not in sent.headers.get("set-cookie", "")


def test_cancelling_or_coming_back_in_another_browser_is_refused(database, provider):
    provider.deny = True
    browser = _browser(matching_young(provider))
    assert _result(browser.get(_leave(browser))) == {"erreur": ["cancelled"]}
    provider.deny = False
    back = _leave(browser)
    assert _result(_browser().get(back)) == {"erreur": ["invalid_state"]}
    assert _result(browser.get(back)) == {"resultat": ["activated"]}
