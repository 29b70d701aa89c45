"""The admins' identity queue (/admin/identites): the documents waiting, approving one
(the credit of rule C1, in the same transaction) or rejecting it with a reason emailed to
the young user — each decision in the audit log, with the status before and after.

Only admins may call these functions (checked here, whichever door calls them).
"""

import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import IdentityCheck, IdentityStatus, User
from services import audit, identity_checks, identity_notifications
from services.audit import AuditAction
from services.credit_activation import activate_credit
from services.deposits import age_on
from services.errors import DomainError, NotFound
from services.formatting import euros

PAGE_SIZE = 10
OTHER = "autre"
# The reasons an admin picks from; « Autre » needs a text of its own.
REJECTION_REASONS = {
    "illisible": "Document illisible",
    "expire": "Document expiré",
    "nom": "Le nom ne correspond pas",
    "date_naissance": "La date de naissance ne correspond pas",
    "pas_une_piece": "Ce n'est pas une pièce d'identité",
    OTHER: "Autre",
}
OTHER_MAX = 500
STATUS_LABELS = {
    IdentityStatus.PENDING: "en attente",
    IdentityStatus.APPROVED: "validée",
    IdentityStatus.REJECTED: "refusée",
}


@dataclass(frozen=True)
class PendingCheck:
    id: int
    user_id: int
    full_name: str
    email: str
    birth_date: date | None
    age: int | None  # today, in Paris
    department_code: str
    sent_at: datetime
    media_type: str
    original_file_name: str


@dataclass(frozen=True)
class PendingPage:
    checks: list[PendingCheck]
    total: int
    page: int
    pages: int


def pending_total(session: Session) -> int:
    return session.exec(
        select(func.count(IdentityCheck.id)).where(IdentityCheck.status == IdentityStatus.PENDING)
    ).one()


def pending_identity_checks_count(admin_id: int) -> int:
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        return pending_total(session)


def pending_checks(
    admin_id: int, page: int = 1, *, page_size: int = PAGE_SIZE, now: datetime | None = None
) -> PendingPage:
    """Documents waiting, the oldest first."""
    today = clock.to_paris(now or clock.utcnow()).date()
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        total = pending_total(session)
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        rows = session.exec(
            select(IdentityCheck, User)
            .join(User, User.id == IdentityCheck.user_id)
            .where(IdentityCheck.status == IdentityStatus.PENDING)
            .order_by(IdentityCheck.created_at, IdentityCheck.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    checks = [
        PendingCheck(
            id=check.id,
            user_id=user.id,
            full_name=user.full_name,
            email=user.email,
            birth_date=user.birth_date,
            age=age_on(user.birth_date, today) if user.birth_date else None,
            department_code=user.department_code or "",
            sent_at=check.created_at,
            media_type=check.media_type or "",
            original_file_name=check.original_file_name or "",
        )
        for check, user in rows
    ]
    return PendingPage(checks, total, page, pages)


def document_for_admin(admin_id: int, check_id: int) -> tuple[Path, str]:
    """Any check's document (file, media type), for an admin."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        check = session.get(IdentityCheck, check_id)
        if check is None:
            raise identity_checks.document_not_found()
        return identity_checks.document_file(check)


def rejection_reason(code: str, other: str = "") -> str:
    """The reason's words as the young user reads them, or why the choice is refused."""
    if code not in REJECTION_REASONS:
        raise DomainError("reason_required", "Choisissez le motif du refus.")
    if code != OTHER:
        return REJECTION_REASONS[code]
    other = " ".join((other if isinstance(other, str) else "").split())
    if not other:
        raise DomainError("reason_required", "Précisez le motif : il sera envoyé au jeune.")
    if len(other) > OTHER_MAX:
        raise DomainError(
            "reason_too_long", f"Le motif ne doit pas dépasser {OTHER_MAX} caractères."
        )
    return other


def approve(admin_id: int, check_id: int, *, now: datetime | None = None) -> IdentityCheck:
    """The identity is checked: the credit (its refusal, e.g. too old now, is raised and
    nothing changes) and the status, together."""
    return _decide(admin_id, check_id, AuditAction.IDENTITY_APPROVED, now)


def reject(
    admin_id: int, check_id: int, reason_code: str, other: str = "", *, now: datetime | None = None
) -> IdentityCheck:
    """The young user gets the reason by email and may send another document."""
    reason = rejection_reason(reason_code, other)
    return _decide(admin_id, check_id, AuditAction.IDENTITY_REJECTED, now, reason)


def _decide(
    admin_id: int,
    check_id: int,
    action: AuditAction,
    now: datetime | None,
    reason: str | None = None,
) -> IdentityCheck:
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        # Locked: of two admins deciding at once, the second finds it decided.
        check = db.lock_one(session, IdentityCheck, check_id)
        if check is None:
            raise NotFound("identity_check_not_found", "Cette vérification n'existe pas.")
        if check.status != IdentityStatus.PENDING:
            raise DomainError("identity_already_decided", "Cette vérification a déjà été traitée.")
        user = session.get(User, check.user_id)
        details = {
            "jeune": f"{user.full_name} (n° {user.id})",
            "before": STATUS_LABELS[check.status],
        }
        if action == AuditAction.IDENTITY_APPROVED:
            deposit = activate_credit(session, user.id, now)
            check.status = IdentityStatus.APPROVED
            details["crédit"] = euros(deposit.amount)
        else:
            check.status = IdentityStatus.REJECTED
            check.rejection_reason = reason
            details["reason"] = reason
            identity_notifications.identity_rejected(session, user, reason, now)
        details["after"] = STATUS_LABELS[check.status]
        check.decided_by_id, check.decided_at = admin.id, now
        session.add(check)
        audit.record(session, admin, action, "identity_check", check.id, details, now)
        session.flush()
        session.refresh(check)
        return check
