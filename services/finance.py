"""Reimbursement pricing: what each used booking pays back to its establishment (P1–P3, P5).

Establishment ("pricing point", P2): a venue with a SIRET is its own; a SIRET-less venue
counts with the SIRET venue of its structure it is attached to (`Venue.pricing_point_id`).
Bookings of a SIRET-less venue that has none wait, unpriced, until it is attached.

Undoing a used booking before payment (`cancel_pricing`) cancels its pricing and deletes the
later unpaid pricings of the same establishment in the same year: their rate was computed on
a revenue that counted the undone booking, so the next pricing run prices them again, in order
of use, without it (as pcapi does). Paid pricings never change (P5).

Lock order with the payment run (services/payouts.py, which documents it in full): the
pricing job takes establishment → bookings (skip locked); the undo booking → establishment
→ pricing; the run establishment → bookings (skip locked) → pricings.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, case, exists, func, or_
from sqlmodel import Session, delete, select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, Offer, Pricing, PricingStatus, Venue
from services import policy
from services.errors import DomainError
from services.subcategories import Reimbursement, get_subcategory

FULL_RATE_BP = 10_000
# Pricing.rule of free bookings and digital offers (P1, F10).
NOT_REIMBURSED_RULE = "non_rembourse"

# The establishment whose revenue a booking of this venue counts in (P2).
_PRICING_POINT = case((Venue.siret.is_not(None), Venue.id), else_=Venue.pricing_point_id)


@dataclass(frozen=True)
class Rate:
    rate_bp: int  # basis points: 9500 = 95 %
    rule: str  # which rule set, column and bracket applied, e.g. "bareme_2018:livre:3"


def rule_set_at(
    moment: datetime, rule_sets: tuple[policy.ReimbursementRuleSet, ...] | None = None
) -> policy.ReimbursementRuleSet:
    """Rule P2: the scale in force at `moment` (a booking's use date)."""
    for rule_set in policy.REIMBURSEMENT_RULE_SETS if rule_sets is None else rule_sets:
        if rule_set.valid_from <= moment and (
            rule_set.valid_until is None or moment < rule_set.valid_until
        ):
            return rule_set
    raise LookupError(f"no reimbursement scale in force on {moment.isoformat()}")


def rate_for(
    reimbursement: Reimbursement,
    revenue: int,
    used_at: datetime,
    rule_sets: tuple[policy.ReimbursementRuleSet, ...] | None = None,
) -> Rate:
    """Rules P2, P3: the rate of the bracket that the yearly revenue, this booking
    included, falls in (a bound belongs to the bracket below it); books use their column."""
    if reimbursement == Reimbursement.NOT_REIMBURSED:
        return Rate(0, NOT_REIMBURSED_RULE)
    rule_set = rule_set_at(used_at, rule_sets)
    number, bracket = next(
        (number, bracket)
        for number, bracket in enumerate(rule_set.brackets, start=1)
        if bracket.upper_bound is None or revenue <= bracket.upper_bound
    )
    if reimbursement == Reimbursement.BOOK:
        return Rate(bracket.book_rate_bp, f"{rule_set.code}:livre:{number}")
    return Rate(bracket.rate_bp, f"{rule_set.code}:standard:{number}")


def reimbursed_amount(amount: int, rate_bp: int) -> int:
    """`amount` × rate in cents, rounded half up, in integers only."""
    return (amount * rate_bp + FULL_RATE_BP // 2) // FULL_RATE_BP


def pricing_point_of(venue: Venue) -> int | None:
    """Rule P2: the establishment a venue's bookings count with (None: not attached yet)."""
    return venue.id if venue.siret else venue.pricing_point_id


def _paris_year(year: int) -> tuple[datetime, datetime]:
    """The calendar year in Europe/Paris time, as a half-open UTC interval."""
    start = datetime(year, 1, 1, tzinfo=clock.PARIS)
    return start.astimezone(UTC), start.replace(year=year + 1).astimezone(UTC)


def establishment_revenue(session: Session, pricing_point_id: int, year: int) -> int:
    """Rule P2: Σ booking amounts of the establishment's live pricings of bookings used in
    this calendar year (Paris time), in cents; pricings at 0 % (F10) count too."""
    start, end = _paris_year(year)
    return session.exec(
        select(func.coalesce(func.sum(Pricing.booking_amount), 0)).where(
            Pricing.pricing_point_id == pricing_point_id,
            Pricing.status != PricingStatus.CANCELLED,
            Pricing.value_date >= start,
            Pricing.value_date < end,
        )
    ).one()


def _is_unpriced_used_booking(now: datetime):
    """Used (P1) and without a live pricing."""
    live_pricing = exists().where(
        Pricing.booking_id == Booking.id, Pricing.status != PricingStatus.CANCELLED
    )
    return and_(Booking.status == BookingStatus.USED, Booking.used_at <= now, ~live_pricing)


def price_used_bookings(*, now: datetime | None = None) -> int:
    """Rules P1–P3: price every used, unpriced booking; returns how many were priced.

    One transaction per establishment, holding the lock of its venue row: two pricers never
    extend the same revenue at once, and a booking priced by one is skipped by the other.
    Re-running prices nothing new (P5; the unique index `uq_pricings_booking_live` is the
    last guard).
    """
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        points = session.exec(
            select(_PRICING_POINT)
            .select_from(Booking)
            .join(Venue, Venue.id == Booking.venue_id)
            .where(_is_unpriced_used_booking(now), _PRICING_POINT.is_not(None))
            .distinct()
        ).all()
    priced = 0
    for point_id in sorted(points):
        with db.transaction() as session:
            priced += _price_establishment(session, point_id, now)
    return priced


def _price_establishment(session: Session, point_id: int, now: datetime) -> int:
    db.lock_one(session, Venue, point_id)
    # Read under the lock: what another pricer did before is committed and seen here.
    query = (
        select(Booking, Offer.subcategory_id)
        .join(Venue, Venue.id == Booking.venue_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .where(_is_unpriced_used_booking(now), _PRICING_POINT == point_id)
        .order_by(Booking.used_at, Booking.id)  # P3: in order of use
    )
    if db.locking_enabled:
        # A booking locked by the counter's undo is skipped, not waited for: the undo waits
        # for this establishment's lock (cancel_pricing), so waiting would deadlock.
        query = query.with_for_update(of=Booking, skip_locked=True)
    rows = session.exec(query).all()
    revenues: dict[int, int] = {}  # by Paris calendar year
    for booking, subcategory_id in rows:
        year = clock.to_paris(booking.used_at).year
        if year not in revenues:
            revenues[year] = establishment_revenue(session, point_id, year)
        revenues[year] += booking.amount
        # P1, F10: free bookings and digital offers pay nothing, but are priced all the same
        # so that they are not picked up again.
        reimbursement = (
            get_subcategory(subcategory_id).reimbursement
            if booking.amount
            else Reimbursement.NOT_REIMBURSED
        )
        rate = rate_for(reimbursement, revenues[year], booking.used_at)
        session.add(
            Pricing(
                booking_id=booking.id,
                pricing_point_id=point_id,
                venue_id=booking.venue_id,
                booking_amount=booking.amount,
                amount=reimbursed_amount(booking.amount, rate.rate_bp),
                rate_bp=rate.rate_bp,
                rule=rate.rule,
                value_date=booking.used_at,
                revenue_after=revenues[year],
            )
        )
    return len(rows)


def cancel_pricing(session: Session, booking_id: int) -> None:
    """Rule P5, for the counter's undo, inside its transaction (the booking is locked).

    Cancels the booking's pricing unless it is paid (`already_reimbursed`), and deletes the
    later unpaid pricings of its establishment in the same year so they are priced again
    (see the module docstring). A booking never priced needs nothing.
    """
    booking = session.get(Booking, booking_id)
    point_id = pricing_point_of(session.get(Venue, booking.venue_id))
    if point_id is None:
        return
    # Lock order: booking (caller), then establishment. Waiting here for a pricer at work
    # on this establishment means its pricings, this booking's included, are seen below.
    db.lock_one(session, Venue, point_id)
    pricing_id = session.exec(
        select(Pricing.id).where(
            Pricing.booking_id == booking_id, Pricing.status != PricingStatus.CANCELLED
        )
    ).first()
    if pricing_id is None:
        return
    pricing = db.lock_one(session, Pricing, pricing_id)
    if pricing.status == PricingStatus.PAID or pricing.payment_id is not None:
        raise DomainError(
            "already_reimbursed",
            "Cette réservation a déjà été remboursée : la validation ne peut plus être annulée.",
        )
    pricing.status = PricingStatus.CANCELLED
    _, end_of_year = _paris_year(clock.to_paris(pricing.value_date).year)
    session.exec(
        delete(Pricing).where(
            Pricing.pricing_point_id == pricing.pricing_point_id,
            Pricing.status == PricingStatus.VALIDATED,
            Pricing.payment_id.is_(None),
            Pricing.value_date < end_of_year,
            or_(
                Pricing.value_date > pricing.value_date,
                and_(
                    Pricing.value_date == pricing.value_date,
                    Pricing.booking_id > pricing.booking_id,
                ),
            ),
        )
    )
