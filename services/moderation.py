"""Offer moderation by admins (rule F12): the queue of offers that review rules sent to
manual review, approving or rejecting them, and deactivating a live offer — each with
the structure told by email and an entry in the audit log, in the same transaction.

Only admins may call these functions (checked here, whichever door calls them).
"""

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Offer, Offerer, OfferReviewMatch, OfferStatus, Stock, Venue
from services import audit, notifications
from services.audit import AuditAction
from services.errors import DomainError, NotFound
from services.formatting import price, thousands
from services.subcategories import SUBCATEGORIES

PAGE_SIZE = 10
SEARCH_LIMIT = 20
REASON_MAX = 1000


@dataclass(frozen=True)
class OfferSummary:
    """An offer as the admin pages show it."""

    id: int
    name: str
    description: str
    offerer_name: str
    venue_name: str
    subcategory: str
    prices: str  # "12,00 €", "8,00 € – 15,00 €", "Sans stock"
    updated_at: datetime
    reasons: list[str]  # pending offers: why the review rules sent them here


@dataclass(frozen=True)
class PendingPage:
    offers: list[OfferSummary]
    total: int
    page: int
    pages: int


def _prices(low: int | None, high: int | None) -> str:
    if low is None:
        return "Sans stock"
    return price(low) if low == high else f"{price(low)} – {price(high)}"


def _summaries(session: Session, query, *, with_reasons: bool) -> list[OfferSummary]:
    rows = session.exec(query).all()
    ids = [offer.id for offer, _venue, _offerer in rows]
    ranges = {
        offer_id: (low, high)
        for offer_id, low, high in session.exec(
            select(Stock.offer_id, func.min(Stock.price), func.max(Stock.price))
            .where(Stock.offer_id.in_(ids), ~Stock.is_soft_deleted)
            .group_by(Stock.offer_id)
        )
    }
    reasons: dict[int, list[str]] = {}
    if with_reasons:
        for match in session.exec(
            select(OfferReviewMatch)
            .where(OfferReviewMatch.offer_id.in_(ids))
            .order_by(OfferReviewMatch.id)
        ):
            reasons.setdefault(match.offer_id, []).append(match.reason)
    return [
        OfferSummary(
            id=offer.id,
            name=offer.name,
            description=offer.description or "",
            offerer_name=offerer.name,
            venue_name=venue.display_name,
            subcategory=SUBCATEGORIES[offer.subcategory_id].label,
            prices=_prices(*ranges.get(offer.id, (None, None))),
            updated_at=offer.updated_at,
            reasons=reasons.get(offer.id, []),
        )
        for offer, venue, offerer in rows
    ]


def _with_place():
    return (
        select(Offer, Venue, Offerer)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Offerer, Offerer.id == Venue.offerer_id)
    )


def pending_count(admin_id: int) -> int:
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        return session.exec(
            select(func.count(Offer.id)).where(Offer.validation_status == OfferStatus.PENDING)
        ).one()


def pending_offers(admin_id: int, page: int = 1, *, page_size: int = PAGE_SIZE) -> PendingPage:
    """Offers waiting for review, the oldest first, with the rules they matched."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        total = session.exec(
            select(func.count(Offer.id)).where(Offer.validation_status == OfferStatus.PENDING)
        ).one()
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        query = (
            _with_place()
            .where(Offer.validation_status == OfferStatus.PENDING)
            .order_by(Offer.updated_at, Offer.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        )
        return PendingPage(_summaries(session, query, with_reasons=True), total, page, pages)


def find_live_offers(admin_id: int, text: str) -> list[OfferSummary]:
    """Approved, active offers whose number is `text` or whose name contains it."""
    text = " ".join((text or "").split())
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        if not text:
            return []
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = [func.lower(Offer.name).like(func.lower(pattern), escape="\\")]
        if text.isdigit():
            found.append(Offer.id == int(text))
        query = (
            _with_place()
            .where(Offer.validation_status == OfferStatus.APPROVED, Offer.is_active, or_(*found))
            .order_by(Offer.name, Offer.id)
            .limit(SEARCH_LIMIT)
        )
        return _summaries(session, query, with_reasons=False)


def _check_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "Indiquez le motif : il sera envoyé à la structure.")
    if len(reason) > REASON_MAX:
        limit = thousands(REASON_MAX)
        raise DomainError("reason_too_long", f"Le motif ne doit pas dépasser {limit} caractères.")
    return reason


def _locked_offer(session: Session, offer_id: int) -> tuple[Offer, Venue]:
    offer = db.lock_one(session, Offer, offer_id)
    if offer is None:
        raise NotFound("offer_not_found", "Cette offre n'existe pas.")
    return offer, session.get(Venue, offer.venue_id)


def _decide(
    admin_id: int,
    offer_id: int,
    action: AuditAction,
    now: datetime | None,
    reason: str | None = None,
) -> Offer:
    """One admin decision: the offer changed, the structure told, the log written."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        if action != AuditAction.OFFER_APPROVED:
            reason = _check_reason(reason)
        offer, venue = _locked_offer(session, offer_id)
        if action == AuditAction.OFFER_DEACTIVATED:
            if offer.validation_status != OfferStatus.APPROVED or not offer.is_active:
                raise DomainError("offer_not_live", "Cette offre n'est pas en ligne.")
            offer.is_active = False
            offer.deactivated_by_admin_at = now
        else:
            if offer.validation_status != OfferStatus.PENDING:
                raise DomainError(
                    "offer_not_pending", "Cette offre n'est plus en attente de validation."
                )
            if action == AuditAction.OFFER_APPROVED:
                offer.validation_status = OfferStatus.APPROVED
            else:
                offer.validation_status = OfferStatus.REJECTED
                offer.rejection_reason = reason
        offer.updated_at = now
        offerer = session.get(Offerer, venue.offerer_id)
        details = {"offre": offer.name, "structure": f"{offerer.name} (n° {offerer.id})"}
        if reason:
            details["motif"] = reason
        audit.record(session, admin, action, "offer", offer.id, details, now)
        notifications.offer_moderated(session, offer, venue.offerer_id, action, now, reason)
    return offer


def approve_offer(admin_id: int, offer_id: int, *, now: datetime | None = None) -> Offer:
    """The offer goes live (F9: once its structure is validated and it has a stock)."""
    return _decide(admin_id, offer_id, AuditAction.OFFER_APPROVED, now)


def reject_offer(
    admin_id: int, offer_id: int, reason: str, *, now: datetime | None = None
) -> Offer:
    """Never shown to young users (F9); the reason goes to the structure."""
    return _decide(admin_id, offer_id, AuditAction.OFFER_REJECTED, now, reason)


def deactivate_offer(
    admin_id: int, offer_id: int, reason: str, *, now: datetime | None = None
) -> Offer:
    """A live offer hidden from young users (F9); bookings already made stay valid."""
    return _decide(admin_id, offer_id, AuditAction.OFFER_DEACTIVATED, now, reason)
