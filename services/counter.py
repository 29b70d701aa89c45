"""The counter ("guichet", rule B6): staff look up a code, validate it or undo it."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    Offer,
    Stock,
    User,
    ValidationAuthor,
    Venue,
)
from services import bookings, codes, finance
from services.access import check_offerer_access
from services.errors import DomainError, NotFound
from services.formatting import paris_datetime


@dataclass(frozen=True)
class CounterView:
    """What staff see before validating (the UI adds the "check the ID" reminder)."""

    booking_id: int
    code: str
    status: str
    offer_name: str
    venue_name: str
    beneficiary_name: str
    quantity: int
    unit_price: int  # cents
    amount: int  # cents
    beginning_at: datetime | None
    booked_at: datetime
    used_at: datetime | None
    refusal_code: str | None  # why "Valider" would be refused now, if it would
    refusal: str | None


def _unknown_code() -> NotFound:
    # One message for a code that does not exist and for another structure's code:
    # no oracle (rules B6, O7).
    return NotFound(
        "unknown_code",
        "Cette contremarque n'existe pas ou ne correspond à aucune de vos offres.",
    )


def _find(session: Session, pro_user_id: int, typed: str) -> Booking:
    code = codes.code_from_qr(typed)
    booking = session.exec(select(Booking).where(Booking.code == code)).first()
    if booking is None:
        raise _unknown_code()
    try:
        check_offerer_access(session, session.get(User, pro_user_id), booking.offerer_id)
    except NotFound:
        raise _unknown_code() from None
    return booking


def _refusal(booking: Booking, stock: Stock, now: datetime) -> DomainError | None:
    """Rule B6: why this booking cannot be validated now, each with its own message."""
    if booking.status == BookingStatus.CANCELLED:
        if booking.cancellation_reason == CancellationReason.EXPIRED:
            return DomainError(
                "expired", "Cette réservation a expiré : elle n'a pas été retirée à temps."
            )
        return DomainError("cancelled", "Cette réservation a été annulée.")
    if booking.status == BookingStatus.REIMBURSED:
        return DomainError("reimbursed", "Cette réservation a déjà été remboursée.")
    if booking.status == BookingStatus.USED:
        return DomainError(
            "already_used",
            f"Cette contremarque a déjà été validée le {paris_datetime(booking.used_at)}.",
        )
    limit = booking.cancellation_limit_at
    # An event booking is validable once the young user can no longer cancel it (pcapi).
    # A last-minute booking stays cancellable until the start, when staff must already
    # have validated it (B11): the counter does not wait for it.
    if stock.beginning_at is not None and limit is not None and now < limit < stock.beginning_at:
        return DomainError(
            "too_early", f"Cette réservation est validable à partir du {paris_datetime(limit)}."
        )
    return None


def find_booking(pro_user_id: int, code: str, *, now: datetime | None = None) -> CounterView:
    """Typed or scanned code (rule B3: case and spaces ignored) → what staff see."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        booking = _find(session, pro_user_id, code)
        stock = session.get(Stock, booking.stock_id)
        young = session.get(User, booking.user_id)
        offer = session.get(Offer, booking.offer_id)
        venue = session.get(Venue, booking.venue_id)
        refusal = _refusal(booking, stock, now)
        return CounterView(
            booking_id=booking.id,
            code=booking.code,
            status=booking.status,
            offer_name=offer.name,
            venue_name=venue.display_name,
            beneficiary_name=young.full_name,
            quantity=booking.quantity,
            unit_price=stock.price,
            amount=booking.amount,
            beginning_at=stock.beginning_at,
            booked_at=booking.created_at,
            used_at=booking.used_at,
            refusal_code=refusal.code if refusal else None,
            refusal=refusal.message if refusal else None,
        )


def validate(pro_user_id: int, code: str, *, now: datetime | None = None) -> Booking:
    """Rule B6: "Valider" marks the booking used; of two simultaneous scans one wins."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        booking = db.lock_one(session, Booking, _find(session, pro_user_id, code).id)
        refusal = _refusal(booking, session.get(Stock, booking.stock_id), now)
        if refusal:
            raise refusal
        bookings.mark_used(booking, now, ValidationAuthor.PRO, pro_user_id)
    return booking


def undo_validation(pro_user_id: int, code: str, *, now: datetime | None = None) -> Booking:
    """Rule B6 "invalider": back to confirmed, until reimbursed (P5: never paid twice)."""
    with db.transaction() as session:
        booking = db.lock_one(session, Booking, _find(session, pro_user_id, code).id)
        if booking.status == BookingStatus.REIMBURSED:
            raise DomainError("already_reimbursed", "Cette réservation a déjà été remboursée.")
        if booking.status != BookingStatus.USED:
            raise DomainError("not_used", "Cette contremarque n'a pas été validée.")
        finance.cancel_pricing(session, booking.id)
        booking.status = BookingStatus.CONFIRMED
        booking.used_at = None
        booking.validation_author = None
        booking.validated_by_user_id = None
    return booking
