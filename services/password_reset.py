"""Password reset by email: a single-use link valid `password_reset_minutes`, of which
only the token's hash is kept. Asking always gets the same answer, whether the account
exists or not; a new password follows rule O2 and ends every session of the account."""

import math
import secrets
import time
from datetime import datetime, timedelta

from limits import parse
from sqlmodel import select, update

from pass_culture import clock, db
from pass_culture.models import PasswordResetToken, Role, Surface, User, UserSession
from pass_culture.settings import get_settings
from services import notifications
from services.auth import HOME_SURFACE, hash_token, normalize_email
from services.errors import DomainError
from services.passwords import check_password_policy, hash_password
from services.rate_limiter import limiter

# Counted for every request, known email or not: the limit tells nothing either.
PER_EMAIL = parse("3 per hour")
PER_ADDRESS = parse("10 per hour")

INVALID_LINK = DomainError(
    "invalid_reset_link",
    "Ce lien n'est plus valable\u00a0: il a expiré ou a déjà servi. Demandez-en un nouveau.",
)


def request_reset(email: str, client_ip: str = "", *, now: datetime | None = None) -> None:
    """Emails a reset link to the account of `email`, if there is an active one."""
    now = now or clock.utcnow()
    email = normalize_email(email)[:320]
    counts = [(PER_EMAIL, f"reset-email-{email}")]
    if client_ip:
        counts.append((PER_ADDRESS, f"reset-address-{client_ip}"))
    for limit, key in counts:
        if not limiter.test(limit, key):
            reset_at, _remaining = limiter.get_window_stats(limit, key)
            minutes = max(1, math.ceil((reset_at - time.time()) / 60))
            raise DomainError(
                "too_many_reset_requests",
                f"Trop de demandes de nouveau mot de passe. Réessayez dans {minutes} minutes.",
            )
    for limit, key in counts:
        limiter.hit(limit, key)

    minutes = get_settings().password_reset_minutes
    with db.transaction() as session:
        user = session.exec(
            select(User).where(User.email == email, User.is_active.is_(True))
        ).first()
        if user is None:
            return
        token = secrets.token_urlsafe(32)
        session.add(
            PasswordResetToken(
                token_hash=hash_token(token),
                user_id=user.id,
                created_at=now,
                expires_at=now + timedelta(minutes=minutes),
            )
        )
        door = HOME_SURFACE[Role(user.role)]
        link = f"{get_settings().public_url}/nouveau-mot-de-passe?token={token}&espace={door}"
        notifications.password_reset(session, user, link, minutes, now)


def _live_link(session, token: str, now: datetime) -> PasswordResetToken | None:
    return session.exec(
        select(PasswordResetToken)
        .join(User, User.id == PasswordResetToken.user_id)
        .where(
            PasswordResetToken.token_hash == hash_token(token),
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > now,
            User.is_active.is_(True),
        )
    ).first()


def link_is_valid(token: str, *, now: datetime | None = None) -> bool:
    if not token:
        return False
    with db.transaction(write=False) as session:
        return _live_link(session, token, now or clock.utcnow()) is not None


def reset_password(token: str, password: str, *, now: datetime | None = None) -> Surface:
    """Sets the new password through a live link, uses up every link of the account and
    ends all its sessions; returns the account's door (where to sign in now)."""
    now = now or clock.utcnow()
    if not link_is_valid(token, now=now):
        raise INVALID_LINK
    check_password_policy(password)
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    with db.transaction() as session:
        link = _live_link(session, token, now)
        # The conditional update is what makes the link single-use under concurrency.
        used = (
            session.exec(
                update(PasswordResetToken)
                .where(PasswordResetToken.id == link.id, PasswordResetToken.used_at.is_(None))
                .values(used_at=now)
            ).rowcount
            if link is not None
            else 0
        )
        if used != 1:
            raise INVALID_LINK
        user = session.get(User, link.user_id)
        user.password_hash = password_hash
        session.exec(
            update(PasswordResetToken)
            .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
            .values(used_at=now)
        )
        session.exec(
            update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return HOME_SURFACE[Role(user.role)]
