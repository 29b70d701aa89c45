"""Team invitations: a validated member invites a colleague by email; the link (single
use, expiring, only its SHA-256 stored) lets the invitee sign up or sign in, and join the
structure as a validated member.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Offerer, ProInvitation, Role, User, UserOfferer, ValidationStatus
from pass_culture.settings import get_settings
from services import policy, pro_notifications
from services.auth import hash_token
from services.errors import DomainError
from services.memberships import member_of
from services.passwords import hash_password
from services.pro_signup import check_account, refused
from services.signup import check_email


@dataclass(frozen=True)
class Invitation:
    """What the invitation page shows to the holder of the link."""

    email: str
    offerer_name: str
    has_account: bool  # sign in rather than sign up


def invitation_link(token: str) -> str:
    return f"{get_settings().public_url}/pro/invitation?token={quote(token)}"


def invite(user_id: int, offerer_id: int, email: str, *, now: datetime | None = None) -> str:
    """A validated member of the structure invites `email`; returns it normalized."""
    now = now or clock.utcnow()
    email = check_email(email, formal=True)
    with db.transaction() as session:
        inviter = member_of(session, user_id, offerer_id)
        already = session.exec(
            select(UserOfferer.id)
            .join(User, User.id == UserOfferer.user_id)
            .where(
                User.email == email,
                UserOfferer.offerer_id == offerer_id,
                UserOfferer.status == ValidationStatus.VALIDATED,
            )
        ).first()
        if already is not None:
            raise DomainError("already_member", f"{email} est déjà membre de la structure.")
        token = secrets.token_urlsafe(32)
        session.add(
            ProInvitation(
                offerer_id=offerer_id,
                email=email,
                invited_by_id=inviter.id,
                token_hash=hash_token(token),
                created_at=now,
                expires_at=now + policy.PRO_INVITATION_VALIDITY,
            )
        )
        offerer = session.get(Offerer, offerer_id)
        pro_notifications.invitation(
            session, email, offerer.name, inviter.full_name, invitation_link(token), now
        )
    return email


def invitation_of(token: str, *, now: datetime | None = None) -> Invitation:
    """The invitation of a link still usable; DomainError otherwise."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        invitation = _usable(session, _of_token(session, token), now)
        return Invitation(
            invitation.email,
            session.get(Offerer, invitation.offerer_id).name,
            _user_by_email(session, invitation.email) is not None,
        )


def accept(token: str, user_id: int, *, now: datetime | None = None) -> str:
    """The signed-in pro whose address was invited joins the structure (a pending request
    of theirs is accepted by it); returns the structure's name."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        invitation = _locked(session, token, now)
        user = session.get(User, user_id)
        if user is None or user.role != Role.PRO or user.email != invitation.email:
            raise DomainError(
                "invitation_other_address",
                f"Cette invitation a été envoyée à {invitation.email} : connectez-vous avec "
                "ce compte pour l'accepter.",
            )
        _join(session, invitation, user, now)
        return session.get(Offerer, invitation.offerer_id).name


def sign_up_invited(token: str, form: dict, *, now: datetime | None = None) -> str:
    """Sign-up from the link: the invited address (verified by the link itself), the
    person and the password; the new pro is a validated member at once. Returns the
    address."""
    now = now or clock.utcnow()
    _values, errors, password, person = check_account(form)
    if errors:
        raise refused(errors)
    password_hash = hash_password(password)
    try:
        with db.transaction() as session:
            invitation = _locked(session, token, now)
            if _user_by_email(session, invitation.email) is not None:
                raise _has_account()
            user = User(
                email=invitation.email,
                password_hash=password_hash,
                role=Role.PRO,
                first_name=person.first_name,
                last_name=person.last_name,
                phone=person.phone,
                email_validated_at=now,
                created_at=now,
            )
            session.add(user)
            session.flush()
            _join(session, invitation, user, now)
            return user.email
    except IntegrityError:  # the same address signed up at the same moment
        raise _has_account() from None


# --- Helpers ---------------------------------------------------------------------------


def _has_account() -> DomainError:
    return DomainError(
        "account_exists",
        "Un compte existe déjà avec cette adresse : connectez-vous pour rejoindre la structure.",
    )


def _user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).first()


def _of_token(session: Session, token: str) -> ProInvitation:
    invitation = None
    if isinstance(token, str) and token:
        invitation = session.exec(
            select(ProInvitation).where(ProInvitation.token_hash == hash_token(token))
        ).first()
    if invitation is None:
        raise DomainError(
            "invalid_invitation",
            "Ce lien d'invitation n'est pas valide. Ouvrez-le depuis l'email reçu, en entier.",
        )
    return invitation


def _usable(session: Session, invitation: ProInvitation, now: datetime) -> ProInvitation:
    if invitation.used_at is not None:
        raise DomainError(
            "invitation_used",
            "Cette invitation a déjà servi : connectez-vous pour accéder à la structure.",
        )
    if invitation.expires_at <= now:
        raise DomainError(
            "invitation_expired",
            "Cette invitation a expiré : demandez à un membre de la structure de vous en "
            "envoyer une nouvelle.",
        )
    return invitation


def _locked(session: Session, token: str, now: datetime) -> ProInvitation:
    """Locked: of two uses of one link at the same moment, the second finds it used."""
    invitation = db.lock_one(session, ProInvitation, _of_token(session, token).id)
    return _usable(session, invitation, now)


def _join(session: Session, invitation: ProInvitation, user: User, now: datetime) -> None:
    membership = session.exec(
        select(UserOfferer).where(
            UserOfferer.user_id == user.id, UserOfferer.offerer_id == invitation.offerer_id
        )
    ).first()
    if membership is None:
        membership = UserOfferer(user_id=user.id, offerer_id=invitation.offerer_id)
        session.add(membership)
    if membership.status != ValidationStatus.VALIDATED:
        membership.status = ValidationStatus.VALIDATED
        membership.created_at = membership.created_at or now
        membership.decided_at = now
        membership.decided_by_id = invitation.invited_by_id
        membership.refusal_reason = None
    invitation.used_at = now
