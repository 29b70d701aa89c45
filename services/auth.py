"""Sign-in on the three surfaces: server-side sessions, login throttling, role checks.

The browser only ever holds an opaque random token; the database keeps its SHA-256.
"""

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, delete, select

from pass_culture import clock, db
from pass_culture.models import LoginAttempt, Role, Surface, User, UserSession
from pass_culture.settings import get_settings
from services.errors import DomainError, Forbidden
from services.passwords import verify_password

# Who may sign in through which door. Rule E4: a pro account previews the youth app.
SURFACE_ROLES: dict[Surface, frozenset[Role]] = {
    Surface.YOUTH: frozenset({Role.BENEFICIARY, Role.PRO}),
    Surface.PRO: frozenset({Role.PRO}),
    Surface.ADMIN: frozenset({Role.ADMIN}),
}

INVALID_CREDENTIALS = "Adresse email ou mot de passe incorrect."

_NO_ACCESS = {
    Surface.YOUTH: "Ce compte n'a pas accès à l'application jeunes.",
    Surface.PRO: "Ce compte n'a pas accès à l'espace professionnel.",
    Surface.ADMIN: "Ce compte n'a pas accès au back-office.",
}
_RIGHT_DOOR = {
    Role.BENEFICIARY: "Connectez-vous sur l'application jeunes.",
    Role.PRO: "Connectez-vous sur l'espace professionnel.",
    Role.ADMIN: "Connectez-vous sur le back-office.",
}

# Login attempts are kept at least this long (the throttling window may be longer).
_ATTEMPTS_RETENTION = timedelta(days=1)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(
    email: str, password: str, surface: Surface, *, now: datetime | None = None
) -> tuple[str, User]:
    """Open a session on `surface`; returns the token to hand to the browser and the user.

    Every attempt is recorded. Unknown email, wrong password and inactive account get the
    same refusal, so the answer never tells whether an account exists.
    """
    now = now or clock.utcnow()
    surface = Surface(surface)
    email = normalize_email(email)[:320]
    with db.transaction(write=False) as session:
        wait = _throttle_wait(session, email, now)
        user = session.exec(select(User).where(User.email == email)).first()

    # The password is checked outside any transaction: argon2 is slow on purpose.
    if wait is not None:
        refusal = _too_many_attempts(wait)
    elif not _credentials_valid(user, password):
        refusal = DomainError("invalid_credentials", INVALID_CREDENTIALS)
    elif user.role not in SURFACE_ROLES[surface]:
        refusal = DomainError(
            "wrong_surface", f"{_NO_ACCESS[surface]} {_RIGHT_DOOR[Role(user.role)]}"
        )
    else:
        refusal = None

    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        session.add(LoginAttempt(email=email, succeeded=refusal is None, attempted_at=now))
        if refusal is None:
            lifetime = timedelta(hours=get_settings().session_lifetime_hours)
            session.add(
                UserSession(
                    token_hash=hash_token(token),
                    user_id=user.id,
                    surface=surface,
                    created_at=now,
                    expires_at=now + lifetime,
                )
            )
    if refusal is not None:
        raise refusal
    return token, user


def _credentials_valid(user: User | None, password: str) -> bool:
    # An unknown email is checked against a dummy hash, so it takes as long.
    password_ok = verify_password(user.password_hash if user else None, password)
    return password_ok and user.is_active


def _throttle_wait(session: Session, email: str, now: datetime) -> timedelta | None:
    """How long `email` must wait before trying again, or None when it may try now.

    Counted: the failures inside the window since the last successful sign-in. Once
    `login_max_failures` of them are there, every attempt is refused (and counted) until
    enough of them have left the window.
    """
    settings = get_settings()
    window = timedelta(minutes=settings.login_failure_window_minutes)
    attempts = session.exec(
        select(LoginAttempt.attempted_at, LoginAttempt.succeeded)
        .where(
            LoginAttempt.email == email,
            LoginAttempt.attempted_at > now - window,
            LoginAttempt.attempted_at <= now,
        )
        .order_by(LoginAttempt.attempted_at, LoginAttempt.id)
    ).all()
    failures: list[datetime] = []
    for attempted_at, succeeded in attempts:
        failures = [] if succeeded else [*failures, attempted_at]
    excess = len(failures) - settings.login_max_failures
    if excess < 0:
        return None
    return failures[excess] + window - now


def _too_many_attempts(wait: timedelta) -> DomainError:
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return DomainError(
        "too_many_attempts",
        f"Trop de tentatives de connexion. Réessayez dans {minutes} {unit}.",
    )


def user_for_token(token: str, surface: Surface, *, now: datetime | None = None) -> User | None:
    """The signed-in user of a live session on `surface`, else None.

    None for an unknown, expired or revoked token, a session opened on another surface,
    an inactive user or one whose role no longer opens this surface.
    """
    if not token:
        return None
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        return session.exec(
            select(User)
            .join(UserSession, UserSession.user_id == User.id)
            .where(
                UserSession.token_hash == hash_token(token),
                UserSession.surface == Surface(surface),
                UserSession.revoked_at.is_(None),
                UserSession.expires_at > now,
                User.is_active.is_(True),
                User.role.in_(SURFACE_ROLES[Surface(surface)]),
            )
        ).first()


def logout(token: str, *, now: datetime | None = None) -> None:
    """Revoke the session of this token (nothing happens for an unknown one)."""
    if not token:
        return
    now = now or clock.utcnow()
    with db.transaction() as session:
        user_session = session.exec(
            select(UserSession).where(
                UserSession.token_hash == hash_token(token), UserSession.revoked_at.is_(None)
            )
        ).first()
        if user_session is not None:
            user_session.revoked_at = now


def purge_expired_sessions(*, now: datetime | None = None) -> int:
    """Delete expired or revoked sessions and old login attempts; returns the rows deleted."""
    now = now or clock.utcnow()
    window = timedelta(minutes=get_settings().login_failure_window_minutes)
    keep_attempts_since = now - max(_ATTEMPTS_RETENTION, window)
    with db.transaction() as session:
        sessions = session.exec(
            delete(UserSession).where(
                (UserSession.expires_at <= now) | UserSession.revoked_at.is_not(None)
            )
        )
        attempts = session.exec(
            delete(LoginAttempt).where(LoginAttempt.attempted_at < keep_attempts_since)
        )
        return sessions.rowcount + attempts.rowcount


def require_role(user: User, *roles: Role) -> None:
    """Refuse a user whose role is not one of `roles`."""
    if user.role not in roles:
        raise Forbidden("forbidden_role", "Votre compte n'a pas accès à cette action.")
