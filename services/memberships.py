"""Joining a structure (rule O4): a pro's request to join a registered SIREN, accepted or
refused by an admin or by a validated member of that structure; and the structure's team.

Every id from a browser is re-checked here: a request of another structure reads as a
missing one (rule O7). A decision locks its request: of two deciders at once, one decides
and the other is told it was decided already.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Offerer, ProInvitation, Role, User, UserOfferer, ValidationStatus
from services import audit, offerers, pro_notifications
from services.access import check_offerer_access, offerer_ids_of
from services.audit import AuditAction
from services.errors import DomainError, NotFound

PAGE_SIZE = 20
REASON_MAX = 1000
# How the journal names a request's status (details "before" and "after").
_MEMBERSHIP_LABELS = {
    ValidationStatus.PENDING: "En attente",
    ValidationStatus.VALIDATED: "Accepté",
    ValidationStatus.REJECTED: "Refusé",
}


@dataclass(frozen=True)
class JoinRequest:
    id: int
    offerer_id: int
    offerer_name: str
    siren: str
    requester_name: str
    requester_email: str
    created_at: datetime


@dataclass(frozen=True)
class RequestsPage:
    requests: list[JoinRequest]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Member:
    name: str
    email: str
    status: str  # ValidationStatus: validated, or pending (a request)


@dataclass(frozen=True)
class Team:
    members: list[Member]  # validated members, by name
    requests: list[JoinRequest]  # pending requests, oldest first
    invitations: list[tuple[str, datetime]]  # addresses invited, link valid until


@dataclass(frozen=True)
class Decision:
    offerer_name: str
    requester_name: str
    accepted: bool


def _not_found() -> NotFound:
    return NotFound("request_not_found", "Cette demande de rattachement n'existe pas.")


def open_request(
    session: Session, user: User, offerer: Offerer, now: datetime, *, notify: bool = True
) -> UserOfferer:
    """A pending request of `user` to join `offerer` (a refused one may be made again);
    the structure's validated members are told (at sign-up: once the address is
    verified, see `announce_requests`)."""
    membership = session.exec(
        select(UserOfferer).where(
            UserOfferer.user_id == user.id, UserOfferer.offerer_id == offerer.id
        )
    ).first()
    if membership is not None and membership.status == ValidationStatus.VALIDATED:
        raise DomainError("already_member", "Vous êtes déjà membre de cette structure.")
    if membership is not None and membership.status == ValidationStatus.PENDING:
        raise DomainError(
            "request_pending", "Votre demande de rattachement à cette structure est en attente."
        )
    if membership is None:
        membership = UserOfferer(user_id=user.id, offerer_id=offerer.id)
        session.add(membership)
    membership.status = ValidationStatus.PENDING
    membership.created_at = now
    membership.decided_at = membership.decided_by_id = membership.refusal_reason = None
    session.flush()
    if notify:
        _announce(session, user, offerer, now)
    return membership


def announce_requests(session: Session, user: User, now: datetime) -> None:
    """A new pro's address is verified: the structures they asked to join are told."""
    for offerer in session.exec(
        select(Offerer)
        .join(UserOfferer, UserOfferer.offerer_id == Offerer.id)
        .where(UserOfferer.user_id == user.id, UserOfferer.status == ValidationStatus.PENDING)
    ):
        _announce(session, user, offerer, now)


def _announce(session: Session, user: User, offerer: Offerer, now: datetime) -> None:
    requester = f"{user.full_name} ({user.email})"
    pro_notifications.membership_requested(session, offerer.id, offerer.name, requester, now)


def request_to_join(user_id: int, siren: str, *, now: datetime | None = None) -> str:
    """« Rejoindre une autre structure »: a signed-in pro asks to join a registered SIREN;
    returns the structure's name."""
    now = now or clock.utcnow()
    siren = offerers.validate_siren(siren if isinstance(siren, str) else "")
    try:
        with db.transaction() as session:
            user = _pro(session, user_id)
            offerer = session.exec(select(Offerer).where(Offerer.siren == siren)).first()
            if offerer is None:
                raise DomainError(
                    "siren_not_registered",
                    "Aucune structure n'est inscrite avec ce SIREN sur le pass Culture.",
                )
            open_request(session, user, offerer, now)
            return offerer.name
    except IntegrityError:  # the same request sent twice at the same moment
        raise DomainError(
            "request_pending", "Votre demande de rattachement à cette structure est en attente."
        ) from None


def my_requests(user_id: int) -> list[JoinRequest]:
    """The pro's own requests still waiting ("demande de rattachement en attente")."""
    with db.transaction(write=False) as session:
        return _requests(session, UserOfferer.user_id == user_id)


def team(user_id: int, offerer_id: int, *, now: datetime | None = None) -> Team:
    """The « Équipe » section: for a validated member of the structure only (O7)."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        member_of(session, user_id, offerer_id)
        members = session.exec(
            select(User)
            .join(UserOfferer, UserOfferer.user_id == User.id)
            .where(
                UserOfferer.offerer_id == offerer_id,
                UserOfferer.status == ValidationStatus.VALIDATED,
            )
            .order_by(User.last_name, User.first_name, User.id)
        ).all()
        invitations = session.exec(
            select(ProInvitation.email, func.max(ProInvitation.expires_at))
            .where(
                ProInvitation.offerer_id == offerer_id,
                ProInvitation.used_at.is_(None),
                ProInvitation.expires_at > now,
            )
            .group_by(ProInvitation.email)
            .order_by(ProInvitation.email)
        ).all()
        return Team(
            [Member(m.full_name, m.email, ValidationStatus.VALIDATED) for m in members],
            _requests(session, UserOfferer.offerer_id == offerer_id),
            [(email, until) for email, until in invitations],
        )


def decide_as_member(
    user_id: int,
    request_id: int,
    accept: bool,
    reason: str | None = None,
    *,
    now: datetime | None = None,
) -> Decision:
    """A validated member of the request's structure accepts or refuses it (reason
    optional). Another structure's request reads as a missing one (O7)."""
    now = now or clock.utcnow()
    reason = _check_reason(reason, required=False)
    with db.transaction() as session:
        user = session.get(User, user_id)
        request = db.lock_one(session, UserOfferer, request_id)
        if (
            request is None
            or user is None
            or not user.is_active
            or user.role != Role.PRO
            or request.offerer_id not in offerer_ids_of(session, user.id)
        ):
            raise _not_found()
        return _decide(session, request, user, accept is True, reason, now)


def decide_as_admin(
    admin_id: int,
    request_id: int,
    accept: bool,
    reason: str | None = None,
    *,
    now: datetime | None = None,
) -> Decision:
    """An admin accepts a request, or refuses it with a reason sent to the requester;
    written to the audit log in the same transaction."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        if accept is not True:
            reason = _check_reason(reason, required=True)
        request = db.lock_one(session, UserOfferer, request_id)
        if request is None:
            raise _not_found()
        decision = _decide(session, request, admin, accept is True, reason, now)
        requester = session.get(User, request.user_id)
        details = {
            "structure": f"{decision.offerer_name} (n° {request.offerer_id})",
            "demandeur": f"{requester.full_name} ({requester.email})",
            "before": _MEMBERSHIP_LABELS[ValidationStatus.PENDING],
            "after": _MEMBERSHIP_LABELS[request.status],
        }
        if reason:
            details["reason"] = reason
        action = (
            AuditAction.MEMBERSHIP_ACCEPTED if accept is True else AuditAction.MEMBERSHIP_REFUSED
        )
        audit.record(session, admin, action, "user_offerer", request.id, details, now)
        return decision


def decide_many_as_admin(
    admin_id: int,
    request_ids: list[int],
    accept: bool,
    reason: str | None = None,
    *,
    now: datetime | None = None,
) -> tuple[list[Decision], list[str]]:
    """The batch: each request decided in its own transaction; returns the decisions and
    the refusals (a request decided meanwhile is one, the others still go through)."""
    decisions, refusals = [], []
    for request_id in dict.fromkeys(request_ids):
        try:
            decisions.append(decide_as_admin(admin_id, request_id, accept, reason, now=now))
        except DomainError as refusal:
            if refusal.code in ("admin_only", "reason_required", "reason_too_long"):
                raise
            refusals.append(refusal.message)
    return decisions, refusals


def pending_memberships_count(admin_id: int) -> int:
    """The admin home's counter: requests waiting for a decision."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        return pending_count(session)


def pending_requests(admin_id: int, page: int = 1, *, page_size: int = PAGE_SIZE) -> RequestsPage:
    """The admin queue (/admin/rattachements), oldest first."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        total = pending_count(session)
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        requests = _requests(session, offset=(page - 1) * page_size, limit=page_size)
        return RequestsPage(requests, total, page, pages)


# --- Helpers ---------------------------------------------------------------------------


def _pro(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or not user.is_active or user.role != Role.PRO:
        raise NotFound("user_not_found", "Ce compte professionnel n'existe pas.")
    return user


def member_of(session: Session, user_id: int, offerer_id: int) -> User:
    """A validated member of the structure (admins have their own pages)."""
    user = _pro(session, user_id)
    check_offerer_access(session, user, offerer_id)
    return user


# A request counts once its author's address is verified (a sign-up never confirmed
# bothers nobody).
_SHOWN = (UserOfferer.status == ValidationStatus.PENDING, User.email_validated_at.is_not(None))


def pending_count(session: Session) -> int:
    return session.exec(
        select(func.count(UserOfferer.id)).join(User, User.id == UserOfferer.user_id).where(*_SHOWN)
    ).one()


def _requests(session: Session, *where, offset: int = 0, limit: int | None = None):
    rows = session.exec(
        select(UserOfferer, User, Offerer)
        .join(User, User.id == UserOfferer.user_id)
        .join(Offerer, Offerer.id == UserOfferer.offerer_id)
        .where(*_SHOWN, *where)
        .order_by(UserOfferer.created_at, UserOfferer.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return [
        JoinRequest(
            request.id,
            offerer.id,
            offerer.name,
            offerer.siren,
            user.full_name,
            user.email,
            request.created_at,
        )
        for request, user, offerer in rows
    ]


def _check_reason(reason: str | None, *, required: bool) -> str | None:
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason and required:
        raise DomainError(
            "reason_required", "Indiquez le motif du refus : il sera envoyé au demandeur."
        )
    if len(reason) > REASON_MAX:
        raise DomainError(
            "reason_too_long", f"Le motif ne doit pas dépasser {REASON_MAX} caractères."
        )
    return reason or None


def _decide(
    session: Session,
    request: UserOfferer,
    decider: User,
    accept: bool,
    reason: str | None,
    now: datetime,
) -> Decision:
    if request.status != ValidationStatus.PENDING:
        raise DomainError(
            "request_already_decided",
            "Cette demande de rattachement a déjà été traitée par quelqu'un d'autre.",
        )
    request.status = ValidationStatus.VALIDATED if accept else ValidationStatus.REJECTED
    request.decided_at = now
    request.decided_by_id = decider.id
    request.refusal_reason = None if accept else reason
    offerer = session.get(Offerer, request.offerer_id)
    requester = session.get(User, request.user_id)
    pro_notifications.membership_decided(
        session, requester.email, offerer.name, accept, request.refusal_reason, now
    )
    return Decision(offerer.name, requester.full_name, accept)
