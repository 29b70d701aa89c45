"""What was sent to whom: the outbox as the admins read it (admins only)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, func, select

from pass_culture import clock, db
from pass_culture.models import EmailOutbox, Role, User
from services.errors import Forbidden, NotFound
from services.formatting import paris_datetime

PAGE_SIZE = 20
TEMPLATE_LABELS = {
    "booking_confirmation": "Réservation confirmée (jeune)",
    "booking_new_pro": "Nouvelle réservation (pro)",
    "booking_cancelled": "Réservation annulée (jeune)",
    "booking_cancelled_pro": "Réservation annulée (pro)",
    "booking_expiry_reminder": "Rappel avant annulation (jeune)",
    "offerer_validated_pro": "Structure validée (pro)",
    "offerer_rejected_pro": "Structure rejetée (pro)",
}


class MailStatus(StrEnum):
    SENT = "sent"
    WAITING = "waiting"
    RETRYING = "retrying"
    FAILED = "failed"


@dataclass(frozen=True)
class MailRow:
    id: int
    created_at: datetime
    to_address: str
    subject: str
    template: str
    status: MailStatus
    status_label: str


@dataclass(frozen=True)
class MailDetail(MailRow):
    body_text: str
    attempts: int


@dataclass(frozen=True)
class MailPage:
    rows: list[MailRow]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


def template_label(template: str) -> str:
    return TEMPLATE_LABELS.get(template, template)


def status_of(row: EmailOutbox, now: datetime) -> tuple[MailStatus, str]:
    """The state of a row and its French words: « envoyé le … », « en attente »,
    « nouvel essai le … », « échec : … »."""
    if row.sent_at is not None:
        return MailStatus.SENT, f"envoyé le {paris_datetime(row.sent_at)}"
    if row.failed_at is not None:
        return MailStatus.FAILED, f"échec : {row.last_error or 'raison inconnue'}"
    if row.next_attempt_at is not None and row.next_attempt_at > now:
        return MailStatus.RETRYING, f"nouvel essai le {paris_datetime(row.next_attempt_at)}"
    return MailStatus.WAITING, "en attente"


def _check_admin(session: Session, user_id: int) -> None:
    user = session.get(User, user_id)
    if user is None or not user.is_active or user.role != Role.ADMIN:
        raise Forbidden("admin_only", "Cette page est réservée aux administrateurs.")


def _row(row: EmailOutbox, now: datetime) -> MailRow:
    status, label = status_of(row, now)
    return MailRow(row.id, row.created_at, row.to_address, row.subject, row.template, status, label)


def list_emails(
    admin_id: int,
    *,
    recipient: str = "",
    template: str = "",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    now: datetime | None = None,
) -> MailPage:
    """The outbox, most recent first; `recipient` is a part of the address (any case),
    `template` a template name."""
    now = now or clock.utcnow()
    page_size = min(max(page_size, 1), 100)
    conditions = []
    if recipient.strip():
        conditions.append(col(EmailOutbox.to_address).icontains(recipient.strip(), autoescape=True))
    if template:
        conditions.append(col(EmailOutbox.template) == template)
    with db.transaction(write=False) as session:
        _check_admin(session, admin_id)
        total = session.exec(select(func.count()).select_from(EmailOutbox).where(*conditions)).one()
        page = min(max(page, 1), max(1, -(-total // page_size)))
        rows = session.exec(
            select(EmailOutbox)
            .where(*conditions)
            .order_by(col(EmailOutbox.id).desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    return MailPage([_row(row, now) for row in rows], total, page, page_size)


def templates_in_use(admin_id: int) -> list[str]:
    """The templates the outbox holds, for the filter."""
    with db.transaction(write=False) as session:
        _check_admin(session, admin_id)
        found = session.exec(select(EmailOutbox.template).distinct()).all()
    return sorted(found, key=template_label)


def email_detail(admin_id: int, email_id: int, *, now: datetime | None = None) -> MailDetail:
    """One message with its text."""
    with db.transaction(write=False) as session:
        _check_admin(session, admin_id)
        row = session.get(EmailOutbox, email_id)
        if row is None:
            raise NotFound("email_not_found", "Cet email n'existe pas.")
    listed = _row(row, now or clock.utcnow())
    return MailDetail(**vars(listed), body_text=row.body_text, attempts=row.attempts)
