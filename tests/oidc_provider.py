"""A local OpenID Connect provider standing in for FranceConnect in the tests.

A small Starlette app served by uvicorn in a thread on a free port: discovery, /authorize
(consents at once for the identity the test chose, or answers `access_denied`), /token
(ID tokens signed RS256 with joserfc, the JOSE library under authlib), /userinfo, /jwks.
The test steers it through `LocalProvider` attributes (identity, deny, wrong nonce…).
"""

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from pass_culture import clock
from pass_culture.models import Role, User
from pass_culture.server import free_port
from pass_culture.settings import get_settings
from tests import factories

CLIENT_ID = "pass-culture-test"
CLIENT_SECRET = "secret-du-fournisseur-de-test"  # noqa: S105 — the test provider's own
ADULT = {"given_name": "Camille Louise", "family_name": "Martin", "birthdate": "2008-03-02"}


@dataclass
class LocalProvider:
    """The provider's behaviour, changed by the tests between two sign-ins."""

    url: str = ""
    identity: dict[str, str] = field(default_factory=lambda: dict(ADULT))
    subject: str = "fc-sub-1"
    deny: bool = False  # /authorize answers error=access_denied (the user cancelled)
    nonce: str | None = None  # set: the ID token carries this nonce instead of the asked one
    foreign_key: bool = False  # the ID token is signed with a key absent from the JWKS
    token_broken: bool = False  # /token answers 503
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "test-1"}))
    codes: dict[str, dict] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)

    def reset(self) -> None:
        fresh = LocalProvider(url=self.url, key=self.key)
        for name in ("identity", "subject", "deny", "nonce", "foreign_key", "token_broken"):
            setattr(self, name, getattr(fresh, name))

    # The endpoints.

    async def discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            }
        )

    async def jwks(self, request: Request) -> Response:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    async def authorize(self, request: Request) -> Response:
        query = request.query_params
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        answer = {"state": query.get("state", "")}
        if self.deny:
            answer |= {"error": "access_denied", "error_description": "User auth aborted"}
        else:
            code = secrets.token_urlsafe(16)
            self.codes[code] = {
                "nonce": query.get("nonce"),
                "redirect_uri": query.get("redirect_uri"),
                "identity": dict(self.identity),
                "subject": self.subject,
            }
            answer["code"] = code
        return RedirectResponse(f"{query['redirect_uri']}?{urlencode(answer)}", 302)

    async def token(self, request: Request) -> Response:
        form = await request.form()
        if self.token_broken:
            return JSONResponse({"error": "temporarily_unavailable"}, status_code=503)
        grant = self.codes.pop(form.get("code", ""), None)
        if (
            (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET)
            or grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": grant["subject"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 60,
            "nonce": self.nonce or grant["nonce"],
        }
        key = RSAKey.generate_key(2048, {"kid": "test-1"}) if self.foreign_key else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "test-1"}, claims, key)
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = grant
        return JSONResponse(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 60,
                "id_token": id_token,
            }
        )

    async def userinfo(self, request: Request) -> Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        grant = self.tokens.get(token)
        if grant is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse({"sub": grant["subject"]} | grant["identity"])

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/jwks", self.jwks),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/userinfo", self.userinfo),
            ]
        )


@contextmanager
def local_provider() -> Iterator[LocalProvider]:
    """Serves a provider on 127.0.0.1 until the block ends."""
    port = free_port()
    provider = LocalProvider(url=f"http://127.0.0.1:{port}")
    config = uvicorn.Config(provider.app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("Le fournisseur OpenID de test n'a pas démarré.")
        time.sleep(0.02)
    try:
        yield provider
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def born_18_years_ago() -> date:
    """A birth date of someone 18 today (Paris) and all this year: for the tests on the
    real clock (routes, browser)."""
    return date(clock.to_paris(clock.utcnow()).year - 18, 1, 1)


def matching_young(provider: LocalProvider, **fields) -> User:
    """A young user whose complete profile is the provider's identity (first first name,
    family name, birth date), living in Brest."""
    identity = provider.identity
    values = {
        "first_name": identity["given_name"].split()[0],
        "last_name": identity["family_name"],
        "birth_date": date.fromisoformat(identity["birthdate"]),
        "postal_code": "29200",
        "department_code": "29",
    }
    return factories.make_user(Role.BENEFICIARY, **(values | fields))


def provider_settings(provider: LocalProvider) -> dict[str, str]:
    """The app's environment pointing FranceConnect at the local provider."""
    return {
        "FRANCE_CONNECT_ISSUER": provider.url,
        "FRANCE_CONNECT_CLIENT_ID": CLIENT_ID,
        "FRANCE_CONNECT_CLIENT_SECRET": CLIENT_SECRET,
    }


def use_provider(monkeypatch, provider: LocalProvider) -> None:
    """Points this process's settings at the local provider."""
    settings = get_settings()
    monkeypatch.setattr(settings, "france_connect_issuer", provider.url)
    monkeypatch.setattr(settings, "france_connect_client_id", CLIENT_ID)
    monkeypatch.setattr(settings, "france_connect_client_secret", SecretStr(CLIENT_SECRET))
