"""The bookings' change log written by database triggers (migration 0014): every insert
and status change, whichever path made it, for the live bookings pages; its purge. (The
payment run logs reimbursements itself, one per payment: tests/services/test_payouts.py.)"""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from jobs.registry import load_jobs, run_job
from pass_culture import clock, db
from pass_culture.models import BookingEvent, BookingEventKind
from services import booking_events, bookings, counter
from tests.factories import (
    DAY,
    make_beneficiary,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)


@pytest.fixture
def shop(database):
    """A young user, a pro and a stock of a book at the pro's venue."""
    young, _deposit = make_beneficiary(granted_at=clock.utcnow() - 10 * DAY)
    offerer = make_offerer()
    venue = make_venue(offerer)
    return young, make_pro(offerer), make_stock(make_offer(venue), price=8_00)


def _log() -> list[BookingEvent]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(BookingEvent).order_by(BookingEvent.id)))


def _kinds(booking_id: int) -> list[str]:
    return [event.kind for event in _log() if event.booking_id == booking_id]


def test_a_booking_its_use_and_its_undo_are_logged_for_its_structure(shop):  # rule B6
    young, pro, stock = shop
    before = clock.utcnow() - timedelta(seconds=1)
    booking = bookings.book(young.id, stock.id)
    counter.validate(pro.id, booking.code)
    counter.undo_validation(pro.id, booking.code)
    assert _kinds(booking.id) == ["created", "used", "confirmed"]
    events = _log()
    assert {(e.offerer_id, e.venue_id) for e in events} == {(booking.offerer_id, booking.venue_id)}
    assert all(before <= e.at <= clock.utcnow() + timedelta(seconds=1) for e in events)
    assert [e.id for e in events] == sorted(e.id for e in events)


def test_cancellations_by_the_young_user_and_the_pro_are_logged(shop):  # rules B5, B10
    young, pro, stock = shop
    first = bookings.book(young.id, stock.id)
    bookings.cancel_by_beneficiary(young.id, first.id)
    second = bookings.book(young.id, stock.id)
    bookings.cancel_by_offerer(pro.id, second.id, "Séance annulée")
    assert _kinds(first.id) == ["created", "cancelled"]
    assert _kinds(second.id) == ["created", "cancelled"]


def test_the_expiry_job_is_logged(shop):  # rule B8
    young, _pro, stock = shop
    booking = bookings.book(young.id, stock.id)
    assert bookings.expire_unpicked_bookings(now=clock.utcnow() + 31 * DAY) == 1
    assert _kinds(booking.id) == [BookingEventKind.CREATED, BookingEventKind.CANCELLED]


def test_raw_sql_is_logged_too_but_not_a_change_that_keeps_the_status(shop):
    young, _pro, stock = shop
    booking = bookings.book(young.id, stock.id)
    with db.get_engine().begin() as connection:
        connection.execute(
            text("UPDATE bookings SET cancellation_comment = 'note' WHERE id = :id"),
            {"id": booking.id},
        )
        connection.execute(
            text("UPDATE bookings SET status = 'used', used_at = created_at WHERE id = :id"),
            {"id": booking.id},
        )
    assert _kinds(booking.id) == ["created", "used"]


def test_the_listener_reads_what_follows_its_position(shop):
    young, pro, stock = shop
    start = booking_events.latest_event_id()
    booking = bookings.book(young.id, stock.id)
    counter.validate(pro.id, booking.code)
    events = booking_events.events_after(start)
    assert [e.kind for e in events] == ["created", "used"]
    assert {e.offerer_id for e in events} == {booking.offerer_id}
    assert booking_events.events_after(events[-1].id) == []
    # An id skipped earlier is read again with the new ones.
    assert [e.id for e in booking_events.events_after(events[-1].id, [events[0].id])] == [
        events[0].id
    ]
    assert booking_events.latest_event_id() == events[-1].id


def test_the_purge_keeps_one_day_and_ids_are_never_reused(shop):
    young, _pro, stock = shop
    booking = bookings.book(young.id, stock.id)
    last = booking_events.latest_event_id()
    assert booking_events.purge_events(now=clock.utcnow() + 23 * timedelta(hours=1)) == 0
    assert booking_events.purge_events(now=clock.utcnow() + DAY + timedelta(minutes=1)) == 1
    assert _log() == []
    bookings.cancel_by_beneficiary(young.id, booking.id)
    # An emptied log goes on after the last id: a listener positioned there sees it.
    assert [e.id > last for e in booking_events.events_after(last)] == [True]


def test_the_purge_job_is_registered_and_reports_in_french(shop):
    load_jobs()
    run = run_job("purge_booking_events", holder="test")
    assert run.status == "success"
    assert run.detail == "Évènements de réservation de plus d'un jour supprimés : 0."
