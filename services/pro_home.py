"""The pro portal's frame and home: the structures and venues a pro switches between,
their validation status (rule O3), and what needs attention today.

Every id given by the caller is re-checked (rule O7): another structure's id is refused
as unknown.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    Offer,
    Offerer,
    OfferStatus,
    Stock,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
)
from services.access import check_offerer_access
from services.errors import NotFound
from services.offers import bookable_stock_clause

LISTED = 5  # today's events and offers without stock shown by name on the home


@dataclass(frozen=True)
class VenueChoice:
    id: int
    name: str


@dataclass(frozen=True)
class StructureChoice:
    id: int
    name: str
    status: str  # ValidationStatus of the structure (O3)
    venues: tuple[VenueChoice, ...]


def structures_of(user_id: int) -> list[StructureChoice]:
    """The structures the pro is a validated member of, by name, each with its venues."""
    with db.transaction(write=False) as session:
        offerers = session.exec(
            select(Offerer)
            .join(UserOfferer, UserOfferer.offerer_id == Offerer.id)
            .where(
                UserOfferer.user_id == user_id,
                UserOfferer.status == ValidationStatus.VALIDATED,
            )
            .order_by(Offerer.name, Offerer.id)
        ).all()
        venues = session.exec(
            select(Venue)
            .where(Venue.offerer_id.in_([offerer.id for offerer in offerers]))
            .order_by(Venue.name, Venue.id)
        ).all()
    return [
        StructureChoice(
            offerer.id,
            offerer.name,
            offerer.validation_status,
            tuple(
                VenueChoice(venue.id, venue.display_name)
                for venue in venues
                if venue.offerer_id == offerer.id
            ),
        )
        for offerer in offerers
    ]


@dataclass(frozen=True)
class TodayEvent:
    offer_id: int
    offer_name: str
    venue_name: str
    beginning_at: datetime
    booked: int
    quantity: int | None  # None: unlimited


@dataclass(frozen=True)
class OfferWithoutStock:
    id: int
    name: str


@dataclass(frozen=True)
class Attention:
    events_today: list[TodayEvent]
    events_today_count: int
    # Unused bookings staff should validate now: things waiting to be picked up and
    # events that start today or have started (before the automatic validation, B7).
    to_validate: int
    offers_without_stock: list[OfferWithoutStock]
    offers_without_stock_count: int


def _venue_ids(session: Session, user_id: int, offerer_id: int, venue_id: int | None) -> list[int]:
    check_offerer_access(session, session.get(User, user_id), offerer_id)
    ids = list(session.exec(select(Venue.id).where(Venue.offerer_id == offerer_id)))
    if venue_id is None:
        return ids
    if venue_id not in ids:
        raise NotFound("venue_not_found", "Ce lieu n'existe pas.")
    return [venue_id]


def _today(now: datetime) -> tuple[datetime, datetime]:
    """Today's midnights, Paris time."""
    today = clock.to_paris(now).date()
    start = datetime.combine(today, time(0), clock.PARIS)
    return start, datetime.combine(today + timedelta(days=1), time(0), clock.PARIS)


def attention(
    user_id: int, offerer_id: int, venue_id: int | None = None, *, now: datetime | None = None
) -> Attention:
    """What the home shows for one structure (or one of its venues)."""
    now = now or clock.utcnow()
    start_of_day, end_of_day = _today(now)
    with db.transaction(write=False) as session:
        venue_ids = _venue_ids(session, user_id, offerer_id, venue_id)
        live_stock = and_(Stock.offer_id == Offer.id, ~Stock.is_soft_deleted)
        today = (
            select(
                Offer.id,
                Offer.name,
                Venue.public_name,
                Venue.name,
                Stock.beginning_at,
                Stock.booked_quantity,
                Stock.quantity,
            )
            .join(Stock, live_stock)
            .join(Venue, Venue.id == Offer.venue_id)
            .where(
                Offer.venue_id.in_(venue_ids),
                Stock.beginning_at >= start_of_day,
                Stock.beginning_at < end_of_day,
            )
        )
        events = session.exec(today.order_by(Stock.beginning_at, Offer.id).limit(LISTED)).all()
        events_count = session.exec(select(func.count()).select_from(today.subquery())).one()
        to_validate = session.exec(
            select(func.count(Booking.id))
            .join(Stock, Stock.id == Booking.stock_id)
            .where(
                Booking.venue_id.in_(venue_ids),
                Booking.status == BookingStatus.CONFIRMED,
                or_(Stock.beginning_at.is_(None), Stock.beginning_at < end_of_day),
            )
        ).one()
        without_stock = select(Offer.id, Offer.name).where(
            Offer.venue_id.in_(venue_ids),
            Offer.is_active,
            Offer.validation_status == OfferStatus.APPROVED,
            ~exists().where(live_stock, *bookable_stock_clause(now)),
        )
        offers = session.exec(without_stock.order_by(Offer.id).limit(LISTED)).all()
        offers_count = session.exec(
            select(func.count()).select_from(without_stock.subquery())
        ).one()
    return Attention(
        events_today=[
            TodayEvent(offer, name, public_name or venue, start, booked, quantity)
            for offer, name, public_name, venue, start, booked, quantity in events
        ],
        events_today_count=events_count,
        to_validate=to_validate,
        offers_without_stock=[OfferWithoutStock(*row) for row in offers],
        offers_without_stock_count=offers_count,
    )
