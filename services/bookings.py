"""Bookings: book, cancel, expire and auto-validate (rules B1–B5, B7, B8, B10, C2–C6)."""

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    Deposit,
    Offer,
    Offerer,
    Role,
    Stock,
    User,
    ValidationAuthor,
    Venue,
)
from services import codes, deposits, notifications, offers, policy
from services.access import check_offerer_access
from services.errors import DomainError, Forbidden, NotFound
from services.formatting import euros, paris_datetime
from services.subcategories import SUBCATEGORIES, Cap, get_subcategory

MAX_CODE_ATTEMPTS = 10
# Markers of the violated unique constraint: its name (PostgreSQL) or columns (SQLite).
_CODE_TAKEN = ("uq_bookings_code", "bookings.code")
_ALREADY_BOOKED = ("uq_bookings_user_offer_active", "bookings.user_id, bookings.offer_id")
_EXPIRABLE_IDS = [s.id for s in SUBCATEGORIES.values() if s.can_expire]
_ACTIVE = (BookingStatus.CONFIRMED, BookingStatus.USED, BookingStatus.REIMBURSED)


def cancellation_limit(booked_at: datetime, beginning_at: datetime | None) -> datetime:
    """Rule B5 (seed 001/002 wording, which wins over pcapi's stricter rule).

    A thing: 48 h after booking. An event booked at least 48 h ahead: the same, but no
    later than 48 h before it starts. A last-minute event booking (less than 48 h ahead):
    until the start.
    """
    after_booking = booked_at + policy.CANCELLATION_DELAY
    if beginning_at is None:
        return after_booking
    if beginning_at - booked_at >= policy.CANCELLATION_BEFORE_EVENT:
        return min(after_booking, beginning_at - policy.CANCELLATION_BEFORE_EVENT)
    return min(after_booking, beginning_at)


def _already_booked() -> DomainError:
    return DomainError(
        "already_booked", "Vous avez déjà une réservation en cours pour cette offre."
    )


def _check_quantity(offer: Offer, quantity: int) -> None:
    """Rule F5: 1 place, or 2 on a duo offer."""
    duo = offer.is_duo and get_subcategory(offer.subcategory_id).can_be_duo
    if quantity == 1 or (duo and quantity == policy.DUO_QUANTITY):
        return
    if quantity == policy.DUO_QUANTITY:
        raise DomainError("duo_not_allowed", "Cette offre ne se réserve pas en duo.")
    raise DomainError("invalid_quantity", "Une réservation compte une ou deux places.")


def _check_credit(balance: deposits.Balance, cap: Cap, amount: int) -> None:
    """Rules C3 and C4."""
    if amount > balance.remaining:
        raise DomainError(
            "insufficient_credit",
            f"Crédit insuffisant : il vous reste {euros(balance.remaining)}.",
        )
    room = {Cap.DIGITAL: balance.digital_remaining, Cap.PHYSICAL: balance.physical_remaining}
    left = room.get(cap)
    if left is not None and amount > left:
        kind = "numériques" if cap == Cap.DIGITAL else "physiques"
        raise DomainError(
            f"{cap}_cap_reached",
            f"Plafond des offres {kind} atteint : il vous reste {euros(max(left, 0))} "
            "pour ce type d'offre.",
        )


def _violates(error: IntegrityError, markers: tuple[str, str]) -> bool:
    diag = getattr(error.orig, "diag", None)
    text = getattr(diag, "constraint_name", None) or str(error.orig)
    return any(marker in text for marker in markers)


def _insert_with_code(session: Session, values: dict[str, Any]) -> Booking:
    """Rule B3: a random unique code; a collision retries in a savepoint.

    The unique index on active bookings is the last guard of rule B1.
    """
    for _ in range(MAX_CODE_ATTEMPTS):
        booking = Booking(code=codes.new_code(), **values)
        try:
            with session.begin_nested():
                session.add(booking)
                session.flush()
        except IntegrityError as error:
            if _violates(error, _CODE_TAKEN):
                continue
            if _violates(error, _ALREADY_BOOKED):
                raise _already_booked() from None
            raise
        return booking
    raise DomainError("code_unavailable", "La réservation n'a pas pu aboutir, réessayez.")


# What booking reads before its locks, in one round trip: the user, their deposit's id
# and expiry, the stock's offer, venue and structure, and whether the user already has
# an active booking of the offer (rule B1). Missing rows read as None; the deposit and
# the stock themselves are loaded by their locks.
_READ_FOR_BOOKING = (
    select(
        User,
        Deposit.id,
        Deposit.expires_at,
        Offer,
        Venue,
        Offerer,
        select(Booking.id)
        .where(
            Booking.user_id == User.id,
            Booking.offer_id == Offer.id,
            Booking.status.in_(_ACTIVE),
        )
        .exists(),
    )
    .select_from(User)
    .outerjoin(Deposit, Deposit.user_id == User.id)
    .outerjoin(Stock, Stock.id == bindparam("stock_id"))
    .outerjoin(Offer, Offer.id == Stock.offer_id)
    .outerjoin(Venue, Venue.id == Offer.venue_id)
    .outerjoin(Offerer, Offerer.id == Venue.offerer_id)
    .where(User.id == bindparam("user_id"))
)


def book(user_id: int, stock_id: int, quantity: int = 1, *, now: datetime | None = None) -> Booking:
    """Rules B1–B5, C2–C5, F5, F9, in one transaction that locks deposit then stock (B2)."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        params = {"user_id": user_id, "stock_id": stock_id}
        row = session.execute(_READ_FOR_BOOKING, params).first() or (None,) * 7
        user, deposit_id, expires_at, offer, venue, offerer, has_active = row
        if user is None or user.role != Role.BENEFICIARY or not user.is_active:
            raise Forbidden("not_beneficiary", "Seuls les jeunes bénéficiaires peuvent réserver.")
        if deposit_id is None:
            raise NotFound("no_deposit", "Ce compte n'a pas de crédit pass Culture.")
        if now >= expires_at:  # rule C5
            raise DomainError(
                "deposit_expired",
                f"Votre crédit pass Culture a expiré le {paris_datetime(expires_at)}.",
            )
        if offer is None:
            raise NotFound("offer_unavailable", "Cette offre n'est pas disponible.")
        _check_quantity(offer, quantity)
        if has_active:  # rule B1 (a concurrent twin is stopped by the unique index)
            raise _already_booked()

        # Lock late, deposit then stock; what follows is read under the locks.
        deposit = db.lock_one(session, Deposit, deposit_id)
        stock = db.lock_one(session, Stock, stock_id)
        offers.check_bookable(offer, offerer, stock, now, quantity)
        amount = stock.price * quantity  # rule C2
        _check_credit(
            deposits.balance_in(session, deposit, now=now),
            deposits.cap_of(offer),
            amount,
        )
        booking = _insert_with_code(
            session,
            {
                "user_id": user_id,
                "deposit_id": deposit.id,
                "stock_id": stock.id,
                "offer_id": offer.id,
                "venue_id": venue.id,
                "offerer_id": offerer.id,
                "quantity": quantity,
                "amount": amount,
                "created_at": now,
                "cancellation_limit_at": cancellation_limit(now, stock.beginning_at),
            },
        )
        # Changed after the booking's savepoint, which a code retry may roll back.
        stock.booked_quantity += quantity
        notifications.booking_confirmed(session, booking, now)
    return booking


def _lock_for_change(session: Session, booking: Booking) -> tuple[Booking, Stock]:
    """Stock then booking, in the global lock order (the deposit needs no lock: giving
    credit back can never overspend it)."""
    stock = db.lock_one(session, Stock, booking.stock_id)
    return db.lock_one(session, Booking, booking.id), stock


def _check_unused(booking: Booking) -> None:
    if booking.status == BookingStatus.CANCELLED:
        raise DomainError("already_cancelled", "Cette réservation est déjà annulée.")
    if booking.status == BookingStatus.REIMBURSED:
        raise DomainError("already_reimbursed", "Cette réservation a déjà été remboursée.")
    if booking.status == BookingStatus.USED:
        raise DomainError(
            "already_used",
            f"Cette réservation a été utilisée le {paris_datetime(booking.used_at)} : "
            "elle ne peut plus être annulée.",
        )


def _cancel(
    session: Session,
    booking: Booking,
    stock: Stock,
    reason: CancellationReason,
    now: datetime,
    comment: str | None = None,
) -> None:
    """The place goes back to the stock and the amount to the credit at once (rule C6)."""
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancellation_reason = reason
    booking.cancellation_comment = comment
    stock.booked_quantity -= booking.quantity
    notifications.booking_cancelled(session, booking, now)


def cancel_by_beneficiary(user_id: int, booking_id: int, *, now: datetime | None = None) -> Booking:
    """Rule B5: until the limit computed at booking time; rule C6: credit back at once."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        booking = session.get(Booking, booking_id)
        if booking is None or booking.user_id != user_id:
            raise NotFound("booking_not_found", "Cette réservation n'existe pas.")
        booking, stock = _lock_for_change(session, booking)
        _check_unused(booking)
        limit = booking.cancellation_limit_at or cancellation_limit(
            booking.created_at, stock.beginning_at
        )
        if now > limit:
            raise DomainError(
                "cancellation_too_late",
                f"Le délai d'annulation a pris fin le {paris_datetime(limit)} : "
                "la réservation est ferme.",
            )
        _cancel(session, booking, stock, CancellationReason.BENEFICIARY, now)
    return booking


def cancel_by_offerer(
    pro_user_id: int, booking_id: int, comment: str, *, now: datetime | None = None
) -> Booking:
    """Rule B10: an unused booking, with a reason; rules O7 (own structure only), C6."""
    now = now or clock.utcnow()
    comment = comment.strip()
    if not comment:
        raise DomainError("reason_required", "Indiquez le motif de l'annulation.")
    with db.transaction() as session:
        booking = session.get(Booking, booking_id)
        if booking is None:
            raise NotFound("booking_not_found", "Cette réservation n'existe pas.")
        check_offerer_access(session, session.get(User, pro_user_id), booking.offerer_id)
        booking, stock = _lock_for_change(session, booking)
        _check_unused(booking)
        _cancel(session, booking, stock, CancellationReason.OFFERER, now, comment)
    return booking


def mark_used(
    booking: Booking, now: datetime, author: ValidationAuthor, by_user_id: int | None = None
) -> None:
    """Rule B6/B7: the booking is used (and becomes reimbursable, P1)."""
    booking.status = BookingStatus.USED
    booking.used_at = now
    booking.validation_author = author
    booking.validated_by_user_id = by_user_id


def expire_unpicked_bookings(*, now: datetime | None = None) -> int:
    """Rule B8: goods not picked up within 30 days are cancelled as expired (C6).

    One short transaction per booking, so the counter is never kept waiting.
    """
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        ids = list(
            session.exec(
                select(Booking.id)
                .join(Offer, Offer.id == Booking.offer_id)
                .where(
                    Booking.status == BookingStatus.CONFIRMED,
                    Offer.subcategory_id.in_(_EXPIRABLE_IDS),
                    Booking.created_at <= now - policy.PICKUP_DELAY,
                )
                .order_by(Booking.id)
            )
        )
    expired = 0
    for booking_id in ids:
        with db.transaction() as session:
            booking, stock = _lock_for_change(session, session.get(Booking, booking_id))
            if booking.status == BookingStatus.CONFIRMED:  # not validated meanwhile
                _cancel(session, booking, stock, CancellationReason.EXPIRED, now)
                expired += 1
    return expired


def send_expiry_reminders(*, now: datetime | None = None) -> int:
    """Rule B8: one reminder 7 days before a good not picked up expires."""
    now = now or clock.utcnow()
    remind_after = policy.PICKUP_DELAY - policy.PICKUP_REMINDER_BEFORE
    with db.transaction() as session:
        ids = session.exec(
            select(Booking.id)
            .join(Offer, Offer.id == Booking.offer_id)
            .where(
                Booking.status == BookingStatus.CONFIRMED,
                Offer.subcategory_id.in_(_EXPIRABLE_IDS),
                Booking.expiry_reminder_sent_at.is_(None),
                Booking.created_at <= now - remind_after,
                Booking.created_at > now - policy.PICKUP_DELAY,
            )
        )
        reminded = 0
        for booking in db.lock(session, Booking, list(ids)):
            if booking.status == BookingStatus.CONFIRMED and not booking.expiry_reminder_sent_at:
                notifications.expiry_reminder(session, booking, now)
                booking.expiry_reminder_sent_at = now
                reminded += 1
    return reminded


def auto_validate_past_events(*, now: datetime | None = None) -> int:
    """Rule B7: event bookings are used 48 h after the event starts, author automatic."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        ids = session.exec(
            select(Booking.id)
            .join(Stock, Stock.id == Booking.stock_id)
            .where(
                Booking.status == BookingStatus.CONFIRMED,
                Stock.beginning_at <= now - policy.AUTO_VALIDATION_DELAY,
            )
        )
        validated = 0
        for booking in db.lock(session, Booking, list(ids)):
            if booking.status == BookingStatus.CONFIRMED:
                mark_used(booking, now, ValidationAuthor.AUTO)
                validated += 1
    return validated
