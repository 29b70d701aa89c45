"""Structures waiting for an admin (rule O2, pcapi's « validation des entités juridiques »):
the queue by status with its counts, and validating, putting on hold or rejecting them —
one by one or in batch — with the members told by email and every change in the audit
log, in the same transaction.

A decision applies only to a structure still waiting (new or on hold): two admins
deciding the same structure at once lock it in turn, and the second one reads « déjà
validée » (or rejetée). Only admins may call these functions, whichever door calls them.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import AdminAuditLog, Offerer, User, UserOfferer, ValidationStatus, Venue
from services import audit, offerer_emails
from services.audit import AuditAction
from services.errors import DomainError, NotFound
from services.formatting import thousands
from services.offerer_statuses import REJECTION_REASONS, STATUS_ADJECTIVES, STATUS_LABELS
from services.text_match import contains, number_or_words

PAGE_SIZE = 20
BATCH_MAX = 100
COMMENT_MAX = 1000
WAITING = (ValidationStatus.PENDING, ValidationStatus.ON_HOLD)


@dataclass(frozen=True)
class Decision:
    """What an admin does to a waiting structure."""

    action: AuditAction
    after: ValidationStatus
    done: str  # « La structure X a été validée »


DECISIONS = {
    "validate": Decision(AuditAction.OFFERER_VALIDATED, ValidationStatus.VALIDATED, "validée"),
    "hold": Decision(AuditAction.OFFERER_ON_HOLD, ValidationStatus.ON_HOLD, "mise en attente"),
    "reject": Decision(AuditAction.OFFERER_REJECTED, ValidationStatus.REJECTED, "rejetée"),
}


@dataclass(frozen=True)
class StructureRow:
    id: int
    name: str
    siren: str
    postal_code: str
    city: str
    created_at: datetime
    status: str
    member_emails: list[str]
    venues: int
    last_comment: str


@dataclass(frozen=True)
class QueuePage:
    rows: list[StructureRow]
    counts: dict[str, int]  # per status, with the text filter applied
    total: int  # of the status shown
    page: int
    pages: int


@dataclass(frozen=True)
class Outcome:
    """One structure of a decision: done, or refused with the reason why."""

    offerer_id: int
    ok: bool
    message: str


def _text_filter(text: str | None) -> list:
    """A number: the start of the SIREN or of the postal code. Words: each one in the
    name, postal code, city or a member's email."""
    number, typed = number_or_words(text)
    if number:
        return [or_(Offerer.siren.startswith(number), Offerer.postal_code.startswith(number))]
    conditions = []
    for word in typed:
        member = (
            exists()
            .where(UserOfferer.offerer_id == Offerer.id, UserOfferer.user_id == User.id)
            .where(contains(User.email, word))
        )
        conditions.append(
            or_(
                contains(Offerer.name, word),
                Offerer.postal_code.startswith(word),
                contains(Offerer.city, word),
                member,
            )
        )
    return conditions


def status_counts(session: Session, text: str | None = None) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    query = select(Offerer.validation_status, func.count(Offerer.id)).where(*_text_filter(text))
    counts.update(session.exec(query.group_by(Offerer.validation_status)).all())
    return counts


def _members(session: Session, ids: list[int]) -> dict[int, list[str]]:
    members: dict[int, list[str]] = {}
    for offerer_id, email in session.exec(
        select(UserOfferer.offerer_id, User.email)
        .join(User, User.id == UserOfferer.user_id)
        .where(UserOfferer.offerer_id.in_(ids), UserOfferer.status == ValidationStatus.VALIDATED)
        .order_by(User.email)
    ):
        members.setdefault(offerer_id, []).append(email)
    return members


def _last_comments(session: Session, ids: list[int]) -> dict[int, str]:
    """The latest comment the log holds for each structure (a decision's or a lone one)."""
    comments: dict[int, str] = {}
    for target_id, details in session.exec(
        select(AdminAuditLog.target_id, AdminAuditLog.details)
        .where(AdminAuditLog.target_type == "offerer", AdminAuditLog.target_id.in_(ids))
        .order_by(AdminAuditLog.id)
    ):
        if details.get("comment"):
            comments[target_id] = details["comment"]
    return comments


def queue(
    admin_id: int,
    status: str = ValidationStatus.PENDING,
    text: str | None = None,
    page: int = 1,
    *,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """Structures of one status matching `text`, the oldest first (first come, first
    served), with the counts of every status for the same text."""
    if status not in STATUS_LABELS:
        status = ValidationStatus.PENDING
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        counts = status_counts(session, text)
        total = counts[status]
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        offerers = session.exec(
            select(Offerer)
            .where(Offerer.validation_status == status, *_text_filter(text))
            .order_by(Offerer.created_at, Offerer.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        ids = [offerer.id for offerer in offerers]
        members = _members(session, ids)
        comments = _last_comments(session, ids)
        venues = dict(
            session.exec(
                select(Venue.offerer_id, func.count(Venue.id))
                .where(Venue.offerer_id.in_(ids))
                .group_by(Venue.offerer_id)
            ).all()
        )
    rows = [
        StructureRow(
            id=offerer.id,
            name=offerer.name,
            siren=offerer.siren,
            postal_code=offerer.postal_code or "",
            city=offerer.city or "",
            created_at=offerer.created_at,
            status=offerer.validation_status,
            member_emails=members.get(offerer.id, []),
            venues=venues.get(offerer.id, 0),
            last_comment=comments.get(offerer.id, ""),
        )
        for offerer in offerers
    ]
    return QueuePage(rows, counts, total, page, pages)


def check_comment(comment: str | None, *, required: bool = False) -> str:
    comment = (comment or "").strip()
    if required and not comment:
        raise DomainError("comment_required", "Écrivez le commentaire.")
    if len(comment) > COMMENT_MAX:
        limit = thousands(COMMENT_MAX)
        raise DomainError(
            "comment_too_long", f"Le commentaire ne doit pas dépasser {limit} caractères."
        )
    return comment


def _check_decision(kind: str, reason: str | None, comment: str | None) -> tuple[Decision, str]:
    decision = DECISIONS.get(kind)
    if decision is None:
        raise DomainError("unknown_decision", "Cette action n'existe pas.")
    if kind == "reject" and reason not in REJECTION_REASONS:
        raise DomainError("reason_required", "Choisissez le motif du rejet.")
    return decision, check_comment(comment, required=kind == "hold")


def _check_ids(offerer_ids: Sequence[int]) -> list[int]:
    ids = sorted({int(offerer_id) for offerer_id in offerer_ids})
    if not ids:
        raise DomainError("nothing_selected", "Cochez au moins une structure.")
    if len(ids) > BATCH_MAX:
        raise DomainError("too_many_selected", f"Cochez au plus {BATCH_MAX} structures à la fois.")
    return ids


def decide(
    admin_id: int,
    offerer_ids: Sequence[int],
    kind: str,
    *,
    reason: str | None = None,
    comment: str | None = None,
    now: datetime | None = None,
) -> list[Outcome]:
    """Validate, put on hold or reject structures (`kind`: a key of DECISIONS), in one
    transaction: each waiting one changes (log and emails included), each other one gets
    its reason why not. A wrong input (no reason, too long a comment) changes nothing."""
    decision, comment = _check_decision(kind, reason, comment)
    ids = _check_ids(offerer_ids)
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        found = {offerer.id: offerer for offerer in db.lock(session, Offerer, ids)}
        outcomes = []
        for offerer_id in ids:
            offerer = found.get(offerer_id)
            if offerer is None:
                outcomes.append(
                    Outcome(offerer_id, False, f"La structure n° {offerer_id} n'existe pas.")
                )
                continue
            before = offerer.validation_status
            if before not in WAITING or before == decision.after:
                already = STATUS_ADJECTIVES[before]
                outcomes.append(
                    Outcome(offerer_id, False, f"La structure {offerer.name} est déjà {already}.")
                )
                continue
            offerer.validation_status = decision.after
            if decision.after == ValidationStatus.VALIDATED:
                offerer.validated_at = now
            details = {
                "structure": offerer.name,
                "before": before,
                "after": decision.after,
                "reason": reason if kind == "reject" else "",
                "comment": comment,
            }
            details = {key: value for key, value in details.items() if value}
            audit.record(session, admin, decision.action, "offerer", offerer.id, details, now)
            if decision.after == ValidationStatus.VALIDATED:
                offerer_emails.offerer_validated(session, offerer, now)
            elif decision.after == ValidationStatus.REJECTED:
                offerer_emails.offerer_rejected(session, offerer, reason, now)
            outcomes.append(
                Outcome(offerer_id, True, f"La structure {offerer.name} a été {decision.done}.")
            )
    return outcomes


def add_comment(
    admin_id: int, offerer_id: int, comment: str, *, now: datetime | None = None
) -> None:
    """A comment alone in the structure's history (pcapi's COMMENT action)."""
    comment = check_comment(comment, required=True)
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        offerer = session.get(Offerer, offerer_id)
        if offerer is None:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        details = {"structure": offerer.name, "comment": comment}
        audit.record(session, admin, AuditAction.COMMENT, "offerer", offerer.id, details, now)
