"""Bookings: book, cancel, expire and auto-validate (rules B1–B5, B7, B8, B10, C2–C6)."""

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, text, update
from sqlalchemy.dialects import postgresql, sqlite
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
from pass_culture.models.bookings import ACTIVE_BOOKING
from services import codes, deposits, notifications, offers, policy
from services.access import check_offerer_access
from services.errors import DomainError, Forbidden, NotFound
from services.formatting import euros, paris_datetime
from services.subcategories import SUBCATEGORIES, Cap, get_subcategory

MAX_CODE_ATTEMPTS = 10
# Marker of the violated unique index: its name (PostgreSQL) or columns (SQLite).
_ALREADY_BOOKED = ("uq_bookings_user_offer_active", "bookings.user_id, bookings.offer_id")
_EXPIRABLE_IDS = [s.id for s in SUBCATEGORIES.values() if s.can_expire]


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


def cancellation_deadline(booking: Booking, beginning_at: datetime | None) -> datetime:
    """Rule B5 for a booking made: the limit computed when it was booked."""
    return booking.cancellation_limit_at or cancellation_limit(booking.created_at, beginning_at)


def can_cancel(booking: Booking, beginning_at: datetime | None, now: datetime) -> bool:
    """Rule B5: the young user may still cancel (an unused booking, up to the limit)."""
    return booking.status == BookingStatus.CONFIRMED and now <= cancellation_deadline(
        booking, beginning_at
    )


def _already_booked() -> DomainError:
    return DomainError("already_booked", "Tu as déjà une réservation en cours pour cette offre.")


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
            f"Crédit insuffisant : il te reste {euros(balance.remaining)}.",
        )
    room = {Cap.DIGITAL: balance.digital_remaining, Cap.PHYSICAL: balance.physical_remaining}
    left = room.get(cap)
    if left is not None and amount > left:
        kind = "numériques" if cap == Cap.DIGITAL else "physiques"
        raise DomainError(
            f"{cap}_cap_reached",
            f"Plafond des offres {kind} atteint : il te reste {euros(max(left, 0))} "
            "pour ce type d'offre.",
        )


def _violates(error: IntegrityError, markers: tuple[str, str]) -> bool:
    diag = getattr(error.orig, "diag", None)
    text = getattr(diag, "constraint_name", None) or str(error.orig)
    return any(marker in text for marker in markers)


# Booking is the hot path: it runs on a bare connection, its queries read only the
# columns it needs, as rows rather than ORM objects, and it writes with plain statements.

# Rule B3: a taken code inserts nothing (no id comes back) instead of failing, so a
# collision is retried without a savepoint; any other unique violation still raises.
_INSERT_UNLESS_CODE_TAKEN = {
    name: dialect.insert(Booking.__table__)
    .on_conflict_do_nothing(index_elements=["code"])
    .returning(Booking.__table__.c.id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def _insert_with_code(connection: db.Executor, values: dict[str, Any]) -> Booking:
    """Rule B3: a random unique code, drawn again while it is taken.

    The unique index on active bookings is the last guard of rule B1.
    """
    insert = _INSERT_UNLESS_CODE_TAKEN[db.get_engine().dialect.name]
    for _ in range(MAX_CODE_ATTEMPTS):
        code = codes.new_code()
        try:
            booking_id = connection.execute(insert, {**values, "code": code}).scalar()
        except IntegrityError as error:
            if _violates(error, _ALREADY_BOOKED):
                raise _already_booked() from None
            raise
        if booking_id is not None:
            return Booking(id=booking_id, code=code, **values)
    raise DomainError("code_unavailable", "La réservation n'a pas pu aboutir, réessayez.")


# What booking reads, in one statement that also locks the deposit and the stock: the
# user, the deposit's terms and the stock (under the names `Deposit` and `Stock` give
# them: the row stands for both in the credit and stock checks), the offer and its
# structure, what the booking emails speak of (rule B4), and whether the user already
# has an active booking of the offer (rule B1). No row: no credit, or no such stock.
_READ_AND_LOCK = (
    select(
        User.role.label("young_role"),
        User.is_active.label("young_is_active"),
        Deposit.id,
        Deposit.amount,
        Deposit.digital_cap,
        Deposit.physical_cap,
        Deposit.expires_at,
        Stock.price,
        Stock.quantity,
        Stock.booked_quantity,
        Stock.beginning_at,
        Stock.booking_limit_at,
        Stock.is_active,
        Stock.is_soft_deleted,
        Offer.id.label("offer_id"),
        Offer.venue_id,
        Offer.subcategory_id,
        Offer.url,
        Offer.is_duo,
        Offer.is_active.label("offer_is_active"),
        Offer.validation_status.label("offer_validation_status"),
        Offerer.validation_status.label("offerer_validation_status"),
        *notifications.DETAILS_COLUMNS,
        # The unique index's own predicate: plain SQL that PostgreSQL answers from it.
        select(Booking.id)
        .where(Booking.user_id == User.id, Booking.offer_id == Offer.id, text(ACTIVE_BOOKING))
        .exists()
        .label("has_active"),
    )
    .select_from(Deposit)
    .join(Stock, Stock.id == bindparam("stock_id"))
    .join(User, User.id == Deposit.user_id)
    .join(Offer, Offer.id == Stock.offer_id)
    .join(Venue, Venue.id == Offer.venue_id)
    .join(Offerer, Offerer.id == Venue.offerer_id)
    .where(Deposit.user_id == bindparam("user_id"))
)
# PostgreSQL locks them in this order (the global order of db.py).
_LOCKED = (Deposit, Stock)
# Why there was no row: the user and their credit, if any.
_READ_YOUNG = (
    select(
        User.role.label("young_role"),
        User.is_active.label("young_is_active"),
        Deposit.id,
        Deposit.expires_at,
    )
    .outerjoin(Deposit, Deposit.user_id == User.id)
    .where(User.id == bindparam("user_id"))
)


class _OfferTerms(NamedTuple):
    """The offer as the checks read it (rules F5, C4, O3)."""

    subcategory_id: str
    url: str | None
    is_duo: bool
    is_active: bool
    validation_status: str


class _OffererStatus(NamedTuple):
    """The structure as the visibility check reads it (rule O3)."""

    validation_status: str


_STOCKS = Stock.__table__
# An increment, not the value read: with the locks switched off (tests) a stale read
# cannot lose an update, and the CHECK constraint refuses an oversell (rule F8).
_TAKE_PLACES = (
    update(_STOCKS)
    .where(_STOCKS.c.id == bindparam("stock_id"))
    .values(booked_quantity=_STOCKS.c.booked_quantity + bindparam("places"))
)


def _check_young(row: Any, now: datetime) -> None:
    """A young beneficiary with a credit still valid (rules B1, C5)."""
    if row is None or row.young_role != Role.BENEFICIARY or not row.young_is_active:
        raise Forbidden("not_beneficiary", "Seuls les jeunes bénéficiaires peuvent réserver.")
    if row.id is None:
        raise NotFound("no_deposit", "Ce compte n'a pas de crédit pass Culture.")
    if now >= row.expires_at:  # rule C5
        raise DomainError(
            "deposit_expired",
            f"Ton crédit pass Culture a expiré le {paris_datetime(row.expires_at)}.",
        )


def book(user_id: int, stock_id: int, quantity: int = 1, *, now: datetime | None = None) -> Booking:
    """Rules B1–B5, C2–C5, F5, F9, in one transaction that locks deposit then stock (B2).

    The first statement reads and locks at once: every decision follows it, so the locks
    are held no longer than if they were taken after a separate read.
    """
    now = now or clock.utcnow()
    params = {"user_id": user_id, "stock_id": stock_id}
    with db.sql_transaction() as connection:
        row = connection.execute(db.locked(_READ_AND_LOCK, of=_LOCKED), params).first()
        if row is None:
            _check_young(connection.execute(_READ_YOUNG, params).first(), now)
            raise NotFound("offer_unavailable", "Cette offre n'est pas disponible.")
        _check_young(row, now)
        offer = _OfferTerms(
            row.subcategory_id,
            row.url,
            row.is_duo,
            row.offer_is_active,
            row.offer_validation_status,
        )
        _check_quantity(offer, quantity)
        if row.has_active:  # rule B1 (a concurrent twin is stopped by the unique index)
            raise _already_booked()
        offers.check_bookable(
            offer, _OffererStatus(row.offerer_validation_status), row, now, quantity
        )
        amount = row.price * quantity  # rule C2
        _check_credit(deposits.balance_in(connection, row, now=now), deposits.cap_of(offer), amount)
        booking = _insert_with_code(
            connection,
            {
                "user_id": user_id,
                "deposit_id": row.id,
                "stock_id": stock_id,
                "offer_id": row.offer_id,
                "venue_id": row.venue_id,
                "offerer_id": row.offerer_id,
                "quantity": quantity,
                "amount": amount,
                "status": BookingStatus.CONFIRMED,
                "created_at": now,
                "cancellation_limit_at": cancellation_limit(now, row.beginning_at),
            },
        )
        connection.execute(_TAKE_PLACES, {"stock_id": stock_id, "places": quantity})
        details = notifications.BookingDetails.of(row)
        notifications.booking_confirmed(connection, booking, details, now)
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
        limit = cancellation_deadline(booking, stock.beginning_at)
        if not can_cancel(booking, stock.beginning_at, now):
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
        missing = NotFound("booking_not_found", "Cette réservation n'existe pas.")
        booking = session.get(Booking, booking_id)
        if booking is None:
            raise missing
        try:
            check_offerer_access(session, session.get(User, pro_user_id), booking.offerer_id)
        except NotFound:
            raise missing from None  # another structure's booking reads as a missing one (O7)
        booking, stock = _lock_for_change(session, booking)
        _check_unused(booking)
        _cancel(session, booking, stock, CancellationReason.OFFERER, now, comment)
    return booking


def cancel_unused_bookings_of_stock(
    session: Session, stock: Stock, comment: str, now: datetime
) -> int:
    """Rule B10 for a stock the pro deletes (its lock held by the caller): every unused
    booking is cancelled by the offerer, credit back (C6) and both sides emailed (B4)."""
    ids = session.exec(
        select(Booking.id).where(
            Booking.stock_id == stock.id, Booking.status == BookingStatus.CONFIRMED
        )
    ).all()
    cancelled = 0
    for booking in db.lock(session, Booking, list(ids)):
        if booking.status == BookingStatus.CONFIRMED:
            _cancel(session, booking, stock, CancellationReason.OFFERER, now, comment)
            cancelled += 1
    return cancelled


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
