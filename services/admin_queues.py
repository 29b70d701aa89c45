"""The back-office home's queues: what waits for an admin, with its count and its page.

Each queue is one line of QUEUES; a new queue (identities, membership requests, bank
details…) adds its (label, href, count) there and the home shows it."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from pass_culture import db
from pass_culture.models import Offer, Offerer, OfferStatus, ValidationStatus
from services import audit, bank_accounts, identity_review, memberships


@dataclass(frozen=True)
class Queue:
    label: str
    href: str
    count: Callable[[Session], int]


def _offers_to_review(session: Session) -> int:
    query = select(func.count(Offer.id)).where(Offer.validation_status == OfferStatus.PENDING)
    return session.exec(query).one()


def _structures(status: ValidationStatus) -> Callable[[Session], int]:
    def count(session: Session) -> int:
        query = select(func.count(Offerer.id)).where(Offerer.validation_status == status)
        return session.exec(query).one()

    return count


QUEUES = (
    Queue("Offres à valider", "/admin/offres", _offers_to_review),
    Queue(
        "Nouvelles structures",
        "/admin/structures?statut=pending",
        _structures(ValidationStatus.PENDING),
    ),
    Queue(
        "Structures en attente",
        "/admin/structures?statut=on_hold",
        _structures(ValidationStatus.ON_HOLD),
    ),
    Queue("Identités à vérifier", "/admin/identites", identity_review.pending_total),
    Queue("Demandes de rattachement", "/admin/rattachements", memberships.pending_count),
    Queue(
        "Coordonnées bancaires à valider",
        "/admin/coordonnees-bancaires",
        bank_accounts.pending_total,
    ),
)


@dataclass(frozen=True)
class QueueCount:
    label: str
    count: int
    href: str


def queue_counts(admin_id: int) -> list[QueueCount]:
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        return [QueueCount(queue.label, queue.count(session), queue.href) for queue in QUEUES]
