"""Reading and purging the bookings' change log (pass_culture/models/booking_events.py),
which database triggers write (and the payment run, for reimbursements): what the live
listener (state/pro/live.py) polls."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, func, insert, literal, or_, select
from sqlmodel import Session

from pass_culture import clock, db
from pass_culture.models import Booking, BookingEvent, BookingEventKind

RETENTION = timedelta(days=1)
MAX_BATCH = 2000  # events read per poll; the next poll reads the rest


@dataclass(frozen=True)
class Event:
    id: int
    offerer_id: int
    booking_id: int
    kind: str


def latest_event_id() -> int:
    """Where a new listener starts: the log's end (0 when empty)."""
    with db.sql_transaction(write=False) as connection:
        return connection.execute(select(func.max(BookingEvent.id))).scalar() or 0


def events_after(last_id: int, also: Iterable[int] = ()) -> list[Event]:
    """Events with an id above `last_id`, plus those of `also` (ids skipped so far, which
    a transaction still running may commit later), in id order."""
    missing = sorted(set(also))
    condition = BookingEvent.id > last_id
    if missing:
        condition = or_(condition, BookingEvent.id.in_(missing))
    query = (
        select(BookingEvent.id, BookingEvent.offerer_id, BookingEvent.booking_id, BookingEvent.kind)
        .where(condition)
        .order_by(BookingEvent.id)
        .limit(MAX_BATCH)
    )
    with db.sql_transaction(write=False) as connection:
        return [Event(*row) for row in connection.execute(query)]


def purge_events(*, now: datetime | None = None) -> int:
    """Delete the events older than the retention; returns how many."""
    cutoff = (now or clock.utcnow()) - RETENTION
    with db.sql_transaction() as connection:
        return connection.execute(delete(BookingEvent).where(BookingEvent.at < cutoff)).rowcount


def log_reimbursed(session: Session, booking_ids: Select, now: datetime) -> None:
    """The payment run's entries, one « reimbursed » event per payment, on one of its
    bookings (the trigger leaves reimbursements out, migration 0021): the structure's
    open pages re-read their rows on it. `booking_ids`: a query of one id per payment."""
    session.exec(
        insert(BookingEvent).from_select(
            ["offerer_id", "venue_id", "booking_id", "kind", "at"],
            select(
                Booking.offerer_id,
                Booking.venue_id,
                Booking.id,
                literal(BookingEventKind.REIMBURSED.value),
                literal(now, BookingEvent.__table__.c.at.type),
            ).where(Booking.id.in_(booking_ids)),
        )
    )
