"""Security headers on every HTTP response; HSTS only when the app is served over https."""

import pytest
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.api.security_headers import CONTENT_SECURITY_POLICY, security_headers
from pass_culture.settings import get_settings

EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
}


@pytest.fixture
def public_url(monkeypatch):
    def use(url: str) -> None:
        monkeypatch.setenv("PUBLIC_URL", url)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def test_every_response_carries_the_headers_even_a_refusal_or_a_404(public_url):
    public_url("http://localhost:3000")
    client = TestClient(security_headers(api))

    for path in ("/api/sante", "/pro/exports/reservations.csv", "/billet/abc", "/nulle-part"):
        response = client.get(path)
        assert {name: response.headers.get(name) for name in EXPECTED} == EXPECTED, path
        assert "strict-transport-security" not in response.headers


def test_hsts_only_behind_https(public_url):
    public_url("https://passculture.example.fr")

    response = TestClient(security_headers(api)).get("/api/sante")

    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


def test_the_policy_forbids_framing_plugins_and_foreign_scripts():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))

    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert "https:" not in directives["script-src"] and "*" not in directives["script-src"]
    assert directives["connect-src"] == "'self' ws: wss:"


def test_private_documents_may_be_framed_by_the_app_only(public_url):
    public_url("http://localhost:3000")
    client = TestClient(security_headers(api))

    for path in ("/admin/documents/rib/1", "/pro/documents/rib/1"):
        response = client.get(path)
        assert response.headers["x-frame-options"] == "SAMEORIGIN", path
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'self'" in policy and "frame-ancestors 'none'" not in policy
    assert client.get("/admin/connexion").headers["x-frame-options"] == "DENY"
