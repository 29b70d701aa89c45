"""Email verification links of the sign-ups (youth and pro) and their sending limits.

A link is a random token of which only the SHA-256 is stored (`SignupMail`); it serves
once and expires. Every email of a sign-up (link or notice "an account already exists")
counts against the limits of its account. The wording follows the account's surface:
« tu » for the young users, « vous » for the pros.
"""

import secrets
from datetime import datetime, timedelta
from urllib.parse import quote

from sqlalchemy import func, update
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Role, SignupMail, User
from pass_culture.settings import get_settings
from services import memberships, notifications, policy, pro_notifications
from services.auth import hash_token, normalize_email
from services.errors import DomainError

# Sending limits per account, whatever the emails say (links or notices).
MAIL_INTERVAL = timedelta(minutes=1)
MAILS_PER_DAY = 5

# Refusals in the two voices: code → (« tu », « vous »).
_REFUSALS = {
    "too_many_mails": (
        f"Tu as déjà demandé {MAILS_PER_DAY} emails aujourd'hui. Réessaie demain.",
        f"Vous avez déjà demandé {MAILS_PER_DAY} emails aujourd'hui. Réessayez demain.",
    ),
    "mail_too_soon": (
        "Un email vient de partir : attends une minute avant d'en demander un autre.",
        "Un email vient de partir : attendez une minute avant d'en demander un autre.",
    ),
    "link_used": (
        "Ce lien a déjà servi. Si ton adresse est vérifiée, connecte-toi pour continuer.",
        "Ce lien a déjà servi. Si votre adresse est vérifiée, connectez-vous pour continuer.",
    ),
    "link_expired": (
        "Ce lien a expiré. Demande un nouvel email de vérification.",
        "Ce lien a expiré. Demandez un nouvel email de vérification.",
    ),
    "invalid_link": (
        "Ce lien de vérification n'est pas valide. Ouvre-le depuis l'email reçu, en entier.",
        "Ce lien de vérification n'est pas valide. Ouvrez-le depuis l'email reçu, en entier.",
    ),
}


def refusal(code: str, formal: bool) -> DomainError:
    return DomainError(code, _REFUSALS[code][formal])


def verification_link(user: User, token: str) -> str:
    door = "/pro/inscription" if user.role == Role.PRO else "/inscription"
    return f"{get_settings().public_url}{door}/verification?token={quote(token)}"


def user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).first()


def locked_user(session: Session, user: User | None) -> User | None:
    return db.lock_one(session, User, user.id) if user is not None else None


def may_send(session: Session, user: User, now: datetime) -> DomainError | None:
    """The refusal when this account had its emails' share already, else None."""
    last, today_count = session.exec(
        select(func.max(SignupMail.created_at), func.count(SignupMail.id)).where(
            SignupMail.user_id == user.id, SignupMail.created_at > now - timedelta(days=1)
        )
    ).one()
    formal = user.role == Role.PRO
    if today_count >= MAILS_PER_DAY:
        return refusal("too_many_mails", formal)
    if last is not None and last > now - MAIL_INTERVAL:
        return refusal("mail_too_soon", formal)
    return None


def _record(session: Session, user_id: int, now: datetime, token: str | None = None) -> None:
    session.add(
        SignupMail(
            user_id=user_id,
            token_hash=hash_token(token) if token else None,
            created_at=now,
            expires_at=now + policy.SIGNUP_LINK_VALIDITY if token else None,
        )
    )


def send_link(session: Session, user: User, now: datetime) -> None:
    token = secrets.token_urlsafe(32)
    _record(session, user.id, now, token)
    link = verification_link(user, token)
    if user.role == Role.PRO:
        pro_notifications.signup_verification(session, user.email, link, now)
    else:
        notifications.signup_verification(session, user.email, link, now)


def tell_existing_account(session: Session, user: User, now: datetime) -> None:
    """Someone signed up with this account's address: the account is told, nothing else."""
    _record(session, user.id, now)
    if user.role == Role.PRO:
        pro_notifications.signup_existing_account(session, user.email, now)
    else:
        notifications.signup_existing_account(session, user.email, now)


def tell_existing_account_if_allowed(session: Session, email: str, now: datetime) -> None:
    """The sign-up of a known address: its account is told, within its limits (silently
    nothing past them: the page answers as for a new address)."""
    existing = locked_user(session, user_by_email(session, email))
    if existing is not None and may_send(session, existing, now) is None:
        tell_existing_account(session, existing, now)


def resend(email: str, *, now: datetime | None = None) -> None:
    """« Renvoyer l'email »: a new link while the address is unverified, else the notice.

    Refused (the same way for every address) within a minute of the last email or past
    five in a day.
    """
    now = now or clock.utcnow()
    with db.transaction() as session:
        user = locked_user(session, user_by_email(session, normalize_email(email)))
        if user is None:
            return
        refused = may_send(session, user, now)
        if refused is not None:
            raise refused
        if user.email_validated_at is None:
            send_link(session, user, now)
        else:
            tell_existing_account(session, user, now)


def verify_email(token: str, *, formal: bool, now: datetime | None = None) -> User:
    """Mark the address of this link verified; returns its account. Every link serves once."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        # Locked: of two clicks at the same moment, the second finds the link used.
        mail = db.lock_one(session, SignupMail, _mail_of_token(session, token, formal).id)
        if mail.used_at is not None:
            raise refusal("link_used", formal)
        if mail.expires_at <= now:
            raise refusal("link_expired", formal)
        user = db.lock_one(session, User, mail.user_id)
        user.email_validated_at = user.email_validated_at or now
        session.execute(
            update(SignupMail)
            .where(
                SignupMail.user_id == user.id,
                SignupMail.token_hash.is_not(None),
                SignupMail.used_at.is_(None),
            )
            .values(used_at=now)
        )
        if user.role == Role.PRO:
            memberships.announce_requests(session, user, now)
        return user


def resend_for_token(token: str, *, formal: bool, now: datetime | None = None) -> None:
    """« Renvoyer l'email » from an expired link: to the address the link was sent to."""
    with db.transaction(write=False) as session:
        user_id = _mail_of_token(session, token, formal).user_id
        email = session.get(User, user_id).email
    resend(email, now=now)


def _mail_of_token(session: Session, token: str, formal: bool) -> SignupMail:
    mail = None
    if isinstance(token, str) and token:
        mail = session.exec(
            select(SignupMail).where(SignupMail.token_hash == hash_token(token))
        ).first()
    if mail is None:
        raise refusal("invalid_link", formal)
    return mail
