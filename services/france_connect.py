"""A young user's identity checked with FranceConnect (OpenID Connect, authorization code
flow, authlib), then the credit at once (rule C1).

`start` sends the signed-in young user to the provider with a random `state` and `nonce`;
the database keeps only their hashes, bound to the user, for `STATE_LIFETIME`, single use.
The browser keeps both in a cookie (`browser_secret`): the return must come back to the
browser that left, so a link started by someone else cannot attach their identity check to
this account (or this identity to theirs).

`finish` uses the state up first (one winner under concurrency), exchanges the code,
validates the ID token (signature with the provider's JWKS, `iss`, `aud`, `exp`, `nonce`),
reads userinfo, and in one transaction: the certified names must be the profile's
(services/identity_match, loosely), the certified birth date replaces the declared one and
decides the age, then the credit and the outcome on the check row. Any refusal changes
nothing but the check row's outcome.

Names are matched, not replaced: the credit is personal, and taking any certified identity
would let someone else's FranceConnect (an 18-year-old sibling) turn an account into
theirs. The birth date is taken: it is the one rule C1 needs, and a typo in the declared
one should not block an eligible young user. A FranceConnect identity (`sub`) activates
one account only.
"""

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import httpx
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy.exc import IntegrityError
from sqlmodel import update

from pass_culture import clock, db
from pass_culture.models import (
    FranceConnectCheck,
    IdentityCheck,
    IdentityMethod,
    IdentityStatus,
    User,
)
from pass_culture.settings import get_settings
from services import credit_activation, signup
from services.auth import hash_token
from services.errors import DomainError
from services.identity_match import same_names

SCOPE = "openid given_name family_name birthdate"
STATE_LIFETIME = timedelta(minutes=10)
CALLBACK_PATH = "/api/franceconnect/retour"
HTTP_TIMEOUT_SECONDS = 5
# Clock difference tolerated between the provider and us on `exp`/`iat`.
CLOCK_LEEWAY_SECONDS = 60
ACTIVATED = "activated"
# Refusals that say the provider or its set-up is wrong, not the young user: logged.
_OPERATIONS_ALERTS = {"invalid_response", "unreachable"}

logger = logging.getLogger(__name__)

# Every refusal of the flow, by code: the only texts the result page shows (the URL
# carries the code, never a text). activate_credit's codes are here too.
MESSAGES = {
    "unavailable": "L'identification avec FranceConnect n'est pas disponible pour le moment.",
    "cancelled": "Tu as annulé l'identification avec FranceConnect : ton identité n'est pas "
    "vérifiée. Tu peux recommencer quand tu veux.",
    "invalid_state": "Ce retour de FranceConnect n'est plus valable (il a expiré ou a déjà "
    "servi). Recommence l'identification.",
    "invalid_response": "La réponse de FranceConnect n'a pas pu être vérifiée : ton identité "
    "n'est pas vérifiée. Recommence l'identification ; si cela se reproduit, contacte le "
    "support du pass Culture.",
    "unreachable": "FranceConnect ne répond pas pour le moment. Réessaie dans quelques minutes.",
    "identity_mismatch": "Le prénom ou le nom transmis par FranceConnect ne correspond pas à "
    "ton profil. Vérifie ton profil, puis recommence.",
    "identity_used": "Cette identité FranceConnect a déjà servi à activer un autre compte "
    "pass Culture.",
    "not_a_young_account": "Ce compte n'est pas un compte jeune.",
    "email_not_verified": "Confirme d'abord ton adresse email avec le lien que nous t'avons "
    "envoyé.",
    "profile_incomplete": "Complète d'abord ton profil (date de naissance et code postal).",
    "already_granted": "Ton crédit pass Culture est déjà activé.",
    "not_eligible_too_young": "D'après FranceConnect, tu n'as pas encore 18 ans : le pass "
    "Culture est ouvert aux jeunes de 18 ans. Reviens le jour de ton anniversaire.",
    "not_eligible_too_old": "D'après FranceConnect, tu as plus de 18 ans : le pass Culture "
    "est réservé aux jeunes de 18 ans.",
    "not_eligible_department": "Ton département ne participe pas encore au pass Culture.",
    "unknown_preset": "L'activation du crédit est impossible pour le moment : contacte le "
    "support du pass Culture.",
}


def refusal(code: str) -> DomainError:
    return DomainError(code, MESSAGES[code])


def message_for(code: str) -> str:
    """The French text of a code read from a URL; an unknown code gets a generic text."""
    return MESSAGES.get(code, MESSAGES["invalid_response"])


def is_configured() -> bool:
    settings = get_settings()
    return bool(
        settings.france_connect_issuer
        and settings.france_connect_client_id
        and settings.france_connect_client_secret
    )


@dataclass(frozen=True)
class Identity:
    subject: str
    given_name: str
    family_name: str
    birth_date: date


def _client() -> OAuth2Client:
    settings = get_settings()
    return OAuth2Client(
        client_id=settings.france_connect_client_id,
        client_secret=settings.france_connect_client_secret.get_secret_value(),
        token_endpoint_auth_method="client_secret_post",  # noqa: S106 — a method name
        scope=SCOPE,
        redirect_uri=f"{settings.public_url}{CALLBACK_PATH}",
        timeout=HTTP_TIMEOUT_SECONDS,
    )


def _get_json(client: OAuth2Client, url: str, access_token: str | None = None) -> dict:
    # The access token goes in by hand: authlib would take FranceConnect's 60-second
    # token for expired (its leeway) and try to refresh it.
    headers = {"Authorization": f"Bearer {access_token}"} if access_token else None
    try:
        response = client.request("GET", url, withhold_token=True, headers=headers)
        response.raise_for_status()
        data = response.json()
    except httpx.HTTPError:
        raise refusal("unreachable") from None
    except ValueError:
        raise refusal("invalid_response") from None
    if not isinstance(data, dict):
        raise refusal("invalid_response")
    return data


def _discover(client: OAuth2Client) -> dict:
    issuer = get_settings().france_connect_issuer.rstrip("/")
    metadata = _get_json(client, f"{issuer}/.well-known/openid-configuration")
    if metadata.get("issuer", "").rstrip("/") != issuer:
        raise refusal("invalid_response")
    return metadata


def browser_secret(state: str, nonce: str) -> str:
    """What the browser keeps between leaving and coming back (token_urlsafe has no '.')."""
    return f"{state}.{nonce}"


def start(user_id: int, *, now: datetime | None = None) -> tuple[str, str]:
    """(authorization URL, browser secret) for this young user, or a DomainError saying why
    the identity check cannot start (not configured, already a credit, profile…)."""
    now = now or clock.utcnow()
    if not is_configured():
        raise refusal("unavailable")
    status = signup.status(user_id, now=now)
    if not status.email_verified:
        raise refusal("email_not_verified")
    if status.has_credit:
        raise refusal("already_granted")
    if status.eligibility is None:
        raise refusal("profile_incomplete")
    if not status.eligibility.eligible:
        raise DomainError(f"not_eligible_{status.eligibility.code}", status.eligibility.message)
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with _client() as client:
        endpoint = _discover(client).get("authorization_endpoint")
        if not endpoint:
            raise refusal("invalid_response")
        url, _state = client.create_authorization_url(endpoint, state=state, nonce=nonce)
    with db.transaction() as session:
        session.add(
            FranceConnectCheck(
                user_id=user_id,
                state_hash=hash_token(state),
                nonce_hash=hash_token(nonce),
                created_at=now,
                expires_at=now + STATE_LIFETIME,
            )
        )
    return url, browser_secret(state, nonce)


def finish(query: Mapping[str, str], secret: str, *, now: datetime | None = None) -> int:
    """The provider's answer (the callback's query) and the browser's secret: the young
    user's id once the identity is checked and the credit granted, or a DomainError."""
    now = now or clock.utcnow()
    if not is_configured():
        raise refusal("unavailable")
    check_id, user_id, nonce = _use_state(query.get("state", ""), secret, now)
    try:
        if query.get("error"):
            raise refusal("cancelled" if query["error"] == "access_denied" else "invalid_response")
        identity = _identity(query.get("code", ""), nonce)
        with db.transaction() as session:
            _activate(session, check_id, user_id, identity, now)
    except DomainError as refused:
        _record_outcome(check_id, refused.code)
        if refused.code in _OPERATIONS_ALERTS:
            logger.warning(
                "FranceConnect : retour refusé (%s) pour la vérification %s", refused.code, check_id
            )
        raise
    return user_id


def _use_state(state: str, secret: str, now: datetime) -> tuple[int, int, str]:
    """Uses the check of `state` up, if it is live and this browser's: (check id, user
    id, nonce). The conditional update makes it single-use under concurrency."""
    kept_state, _dot, nonce = secret.partition(".")
    # Bytes: compare_digest refuses non-ASCII text, which a forged address may carry.
    if not state or not nonce or not secrets.compare_digest(state.encode(), kept_state.encode()):
        raise refusal("invalid_state")
    with db.transaction() as session:
        used = session.exec(
            update(FranceConnectCheck)
            .where(
                FranceConnectCheck.state_hash == hash_token(state),
                FranceConnectCheck.nonce_hash == hash_token(nonce),
                FranceConnectCheck.used_at.is_(None),
                FranceConnectCheck.expires_at > now,
            )
            .values(used_at=now)
            .returning(FranceConnectCheck.id, FranceConnectCheck.user_id)
        ).first()
    if used is None:
        raise refusal("invalid_state")
    return used.id, used.user_id, nonce


def _identity(code: str, nonce: str) -> Identity:
    if not code:
        raise refusal("invalid_response")
    with _client() as client:
        metadata = _discover(client)
        try:
            token = client.fetch_token(
                metadata["token_endpoint"], code=code, grant_type="authorization_code"
            )
            jwks = _get_json(client, metadata["jwks_uri"])
        except httpx.HTTPError:
            raise refusal("unreachable") from None
        except (OAuthError, KeyError, ValueError):
            raise refusal("invalid_response") from None
        subject = _checked_id_token(token, jwks, metadata, nonce)
        claims = _get_json(
            client, metadata.get("userinfo_endpoint", ""), str(token.get("access_token", ""))
        )
    try:
        if claims.get("sub") != subject:  # OpenID Connect Core 5.3.2
            raise ValueError("sub")
        return Identity(
            subject=subject,
            given_name=str(claims["given_name"]),
            family_name=str(claims["family_name"]),
            birth_date=date.fromisoformat(str(claims["birthdate"])),
        )
    except (KeyError, ValueError):
        raise refusal("invalid_response") from None


def _checked_id_token(token: dict, jwks: dict, metadata: dict, nonce: str) -> str:
    """The ID token's subject once its signature, issuer, audience, expiry and nonce hold."""
    settings = get_settings()
    try:
        decoded = jwt.decode(
            token["id_token"],
            KeySet.import_key_set(jwks),
            algorithms=metadata.get("id_token_signing_alg_values_supported") or ["RS256"],
        )
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {
                "iss": {"essential": True, "value": metadata["issuer"]},
                "aud": {"essential": True, "value": settings.france_connect_client_id},
                "exp": {"essential": True},
                "nonce": {"essential": True},
            },
            {"nonce": nonce, "client_id": settings.france_connect_client_id},
        )
        claims.validate(leeway=CLOCK_LEEWAY_SECONDS)
        return str(claims["sub"])
    except (JoseError, KeyError, ValueError, TypeError):
        raise refusal("invalid_response") from None


def _activate(session, check_id: int, user_id: int, identity: Identity, now: datetime) -> None:
    """In one transaction: the same names, the certified birth date, the identity not used
    by another account, the credit, the outcome."""
    user = db.lock_one(session, User, user_id)
    if user is None or not same_names(
        user.first_name, user.last_name, identity.given_name, identity.family_name
    ):
        raise refusal("identity_mismatch")
    # The certified birth date decides the age (rule C1); rolled back if refused.
    user.birth_date = identity.birth_date
    check = session.get(FranceConnectCheck, check_id)
    check.outcome = ACTIVATED
    check.subject = identity.subject
    check.given_name = identity.given_name
    check.family_name = identity.family_name
    check.birth_date = identity.birth_date
    try:
        session.flush()
    except IntegrityError:  # the unique subject: another account has this identity
        raise refusal("identity_used") from None
    credit_activation.activate_credit(session, user_id, now)
    # The identity checks' history (services/identity_checks.py) shows this way in too.
    session.add(
        IdentityCheck(
            user_id=user_id,
            method=IdentityMethod.FRANCE_CONNECT,
            status=IdentityStatus.APPROVED,
            decided_at=now,
            created_at=now,
        )
    )


def _record_outcome(check_id: int, code: str) -> None:
    with db.transaction() as session:
        session.get(FranceConnectCheck, check_id).outcome = code
