"""Sign-in on the three surfaces: server-side sessions, a growing delay after wrong
passwords, role checks.

The browser only ever holds an opaque random token; the database keeps its SHA-256.
"""

import hashlib
import math
import secrets
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, delete, select

from pass_culture import clock, db
from pass_culture.models import (
    LoginAttempt,
    PasswordResetToken,
    Role,
    Surface,
    User,
    UserSession,
)
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
EMAIL_NOT_VERIFIED = (
    "Votre adresse email n'est pas encore vérifiée : ouvrez le lien de l'email que nous "
    "vous avons envoyé, ou demandez-en un nouveau."
)

_NO_ACCESS = {
    Surface.YOUTH: "Ce compte n'a pas accès à l'application jeunes.",
    Surface.PRO: "Ce compte n'a pas accès à l'espace professionnel.",
    Surface.ADMIN: "Ce compte n'a pas accès au back-office.",
}
# The door of each role, where the "wrong door" refusal points.
HOME_SURFACE = {Role.BENEFICIARY: Surface.YOUTH, Role.PRO: Surface.PRO, Role.ADMIN: Surface.ADMIN}

# Login attempts are kept at least this long (the throttling window may be longer).
_ATTEMPTS_RETENTION = timedelta(days=1)

# Growing delay instead of a lock. Only wrong passwords count (unknown emails too); a
# right password at the wrong door, a refused or a delayed try do not. Three counts over
# the window, each with its allowance of free wrong passwords; past it, every wrong
# password doubles the wait before the next try (from `login_delay_seconds`, capped):
# - one account from one address (the owner's typos; reset by signing in from there);
# - one address, all accounts (credential stuffing from one place; a shared school or
#   office address gets a larger allowance, and signing in does not reset it);
# - one account, all addresses (guessing spread over many addresses).
# So someone who knows a pro's email only slows their own address; from another
# address the owner signs in at once, unless the account is under a wide attack, and then
# waits at most the cap — never a hard lock.
_ADDRESS_ALLOWANCE = 4  # × login_free_failures
_ACCOUNT_ALLOWANCE = 10  # × login_free_failures


class WrongDoor(DomainError):
    """The right password at another surface's sign-in: `door` is where to go."""

    def __init__(self, surface: Surface, door: Surface):
        super().__init__("wrong_surface", _NO_ACCESS[surface])
        self.door = door


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(
    email: str,
    password: str,
    surface: Surface,
    *,
    client_ip: str = "",
    now: datetime | None = None,
) -> tuple[str, User]:
    """Open a session on `surface`; returns the token to hand to the browser and the user.

    Every attempt is recorded. Unknown email, wrong password and inactive account get the
    same refusal, so the answer never tells whether an account exists.
    """
    now = now or clock.utcnow()
    surface = Surface(surface)
    email = normalize_email(email)[:320]
    client_ip = client_ip[:45] or None
    with db.transaction(write=False) as session:
        wait = _throttle_wait(session, email, client_ip, now)
        user = session.exec(select(User).where(User.email == email)).first()

    # The password is checked outside any transaction: argon2 is slow on purpose.
    # An unknown email is checked against a dummy hash, so it takes as long.
    password_ok = wait is None and verify_password(user.password_hash if user else None, password)
    if wait is not None:
        refusal = _too_many_attempts(wait)
    elif not password_ok or not user.is_active:
        refusal = DomainError("invalid_credentials", INVALID_CREDENTIALS)
    elif user.role not in SURFACE_ROLES[surface]:
        refusal = WrongDoor(surface, HOME_SURFACE[Role(user.role)])
    elif surface == Surface.PRO and user.email_validated_at is None:
        # Rule O2: a pro signs in once the address is verified (after the right password
        # only, so the message tells nothing to whoever does not know it).
        refusal = DomainError("email_not_verified", EMAIL_NOT_VERIFIED)
    else:
        refusal = None

    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        session.add(
            LoginAttempt(
                email=email,
                succeeded=refusal is None,
                wrong_password=wait is None and not password_ok,
                client_ip=client_ip,
                attempted_at=now,
            )
        )
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


def _throttle_wait(
    session: Session, email: str, client_ip: str | None, now: datetime
) -> timedelta | None:
    """How long this try must wait (the longest of the three counts), or None."""
    settings = get_settings()
    since = now - timedelta(minutes=settings.login_failure_window_minutes)
    in_window = (LoginAttempt.attempted_at > since, LoginAttempt.attempted_at <= now)
    order = (LoginAttempt.attempted_at, LoginAttempt.id)
    of_account = session.exec(
        select(
            LoginAttempt.attempted_at,
            LoginAttempt.succeeded,
            LoginAttempt.wrong_password,
            LoginAttempt.client_ip,
        )
        .where(LoginAttempt.email == email, *in_window)
        .order_by(*order)
    ).all()
    from_here = [attempt for attempt in of_account if attempt.client_ip == client_ip]
    of_address = (
        session.exec(
            select(LoginAttempt.attempted_at)
            .where(
                LoginAttempt.client_ip == client_ip,
                LoginAttempt.wrong_password.is_(True),
                *in_window,
            )
            .order_by(*order)
        ).all()
        if client_ip is not None
        else []
    )
    free = settings.login_free_failures
    ready_at = max(
        _ready_at(_failures_since_success(from_here), free),
        _ready_at(of_address, free * _ADDRESS_ALLOWANCE),
        _ready_at(_failures_since_success(of_account), free * _ACCOUNT_ALLOWANCE),
    )
    return ready_at - now if ready_at > now else None


def _failures_since_success(attempts) -> list[datetime]:
    failures: list[datetime] = []
    for attempt in attempts:
        if attempt.succeeded:
            failures = []
        elif attempt.wrong_password:
            failures.append(attempt.attempted_at)
    return failures


def _ready_at(failures: list[datetime], free: int) -> datetime:
    """When the next try may come: at once up to `free` wrong passwords, then the last
    one plus a wait doubling at each further wrong password, capped."""
    extra = len(failures) - free
    if extra <= 0:
        return datetime.min.replace(tzinfo=UTC)
    settings = get_settings()
    cap = settings.login_delay_cap_minutes * 60
    wait = min(cap, settings.login_delay_seconds * 2 ** min(extra - 1, 32))
    return failures[-1] + timedelta(seconds=wait)


def _too_many_attempts(wait: timedelta) -> DomainError:
    seconds = math.ceil(wait.total_seconds())
    if seconds < 60:
        delay = f"{seconds} seconde" + ("s" if seconds > 1 else "")
    else:
        minutes = math.ceil(seconds / 60)
        delay = f"{minutes} minute" + ("s" if minutes > 1 else "")
    return DomainError(
        "too_many_attempts",
        f"Trop de tentatives de connexion. Réessayez dans {delay}.",
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
    """Delete expired or revoked sessions, old login attempts and expired reset links;
    returns the rows deleted."""
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
        reset_links = session.exec(
            delete(PasswordResetToken).where(PasswordResetToken.expires_at <= now)
        )
        return sessions.rowcount + attempts.rowcount + reset_links.rowcount


def require_role(user: User, *roles: Role) -> None:
    """Refuse a user whose role is not one of `roles`."""
    if user.role not in roles:
        raise Forbidden("forbidden_role", "Votre compte n'a pas accès à cette action.")
