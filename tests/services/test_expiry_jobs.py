"""Time-driven rules and their jobs: auto-validation (B7), expiry and reminder (B8)."""

from datetime import timedelta

import pytest
from sqlmodel import select

from jobs import auto_validate_bookings, expire_bookings
from jobs.registry import JOBS
from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    EmailOutbox,
    Stock,
    ValidationAuthor,
)
from services import bookings, counter, deposits
from tests.factories import (
    DAY,
    MINUTE,
    NOW,
    make_beneficiary,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)


@pytest.fixture
def young(database):
    user, _deposit = make_beneficiary(granted_at=NOW - DAY)
    return user


def _booking(booking_id: int) -> Booking:
    with db.transaction(write=False) as session:
        return session.get(Booking, booking_id)


def _reminders() -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        query = select(EmailOutbox).where(EmailOutbox.template == "booking_expiry_reminder")
        return list(session.exec(query))


# --- Rule B7 ------------------------------------------------------------------------


def test_event_bookings_are_used_48_hours_after_the_start(young):  # rule B7
    start = NOW + 3 * DAY
    stock = make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=start)
    booking = bookings.book(young.id, stock.id, now=NOW)
    limit = start + timedelta(hours=48)
    assert bookings.auto_validate_past_events(now=limit - MINUTE) == 0
    assert _booking(booking.id).status == BookingStatus.CONFIRMED
    assert bookings.auto_validate_past_events(now=limit + MINUTE) == 1
    used = _booking(booking.id)
    assert (used.status, used.used_at) == (BookingStatus.USED, limit + MINUTE)
    assert (used.validation_author, used.validated_by_user_id) == (ValidationAuthor.AUTO, None)
    assert bookings.auto_validate_past_events(now=limit + 2 * MINUTE) == 0  # idempotent


def test_auto_validation_leaves_things_and_cancelled_bookings_alone(young):  # rule B7
    thing = bookings.book(young.id, make_stock().id, now=NOW)
    event = make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=NOW + 3 * DAY)
    cancelled = bookings.book(young.id, event.id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, cancelled.id, now=NOW)
    assert bookings.auto_validate_past_events(now=NOW + 60 * DAY) == 0
    assert _booking(thing.id).status == BookingStatus.CONFIRMED
    assert _booking(cancelled.id).status == BookingStatus.CANCELLED


# --- Rule B8 ------------------------------------------------------------------------


def test_goods_not_picked_up_expire_after_30_days(young):  # rules B8, C6
    stock = make_stock(price=18_00, quantity=3)
    booking = bookings.book(young.id, stock.id, now=NOW)
    limit = NOW + 30 * DAY
    assert bookings.expire_unpicked_bookings(now=limit - MINUTE) == 0
    assert bookings.expire_unpicked_bookings(now=limit + MINUTE) == 1
    expired = _booking(booking.id)
    assert (expired.status, expired.cancellation_reason) == (
        BookingStatus.CANCELLED,
        CancellationReason.EXPIRED,
    )
    assert expired.cancelled_at == limit + MINUTE
    assert deposits.get_balance(young.id, now=limit).remaining == 300_00
    with db.transaction(write=False) as session:
        assert session.get(Stock, stock.id).booked_quantity == 0
    assert bookings.expire_unpicked_bookings(now=limit + 2 * MINUTE) == 0  # idempotent


def test_only_unused_goods_that_can_expire_do(young):  # rule B8
    offerer = make_offerer()
    pro = make_pro(offerer)
    picked_up = bookings.book(young.id, make_stock(make_offer(make_venue(offerer))).id, now=NOW)
    counter.validate(pro.id, picked_up.code, now=NOW + DAY)
    vod = make_offer(subcategory_id="VOD", url="https://video.example.fr")
    digital = bookings.book(young.id, make_stock(vod).id, now=NOW)
    event = make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=NOW + 90 * DAY)
    ticket = bookings.book(young.id, event.id, now=NOW)
    assert bookings.expire_unpicked_bookings(now=NOW + 31 * DAY) == 0
    for booking in (picked_up, digital, ticket):
        assert _booking(booking.id).status != BookingStatus.CANCELLED


def test_expiry_emails_the_young_user(young):  # rules B4, B8
    booking = bookings.book(young.id, make_stock(make_offer(name="Dune")).id, now=NOW)
    bookings.expire_unpicked_bookings(now=NOW + 31 * DAY)
    with db.transaction(write=False) as session:
        mail = session.exec(
            select(EmailOutbox).where(
                EmailOutbox.to_address == young.email, EmailOutbox.template == "booking_cancelled"
            )
        ).one()
    assert "30 jours" in mail.body_text and "Dune" in mail.body_text
    assert _booking(booking.id).status == BookingStatus.CANCELLED


def test_reminder_goes_out_once_seven_days_before_expiry(young):  # rule B8
    booking = bookings.book(young.id, make_stock().id, now=NOW)
    at = NOW + 23 * DAY
    assert bookings.send_expiry_reminders(now=at - MINUTE) == 0
    assert bookings.send_expiry_reminders(now=at + MINUTE) == 1
    assert bookings.send_expiry_reminders(now=at + DAY) == 0  # once
    [mail] = _reminders()
    assert mail.to_address == young.email
    assert booking.code in mail.body_text and "01/04/2026 à 11h00" in mail.body_text  # CEST
    assert _booking(booking.id).expiry_reminder_sent_at == at + MINUTE


def test_no_reminder_for_bookings_already_due_or_picked_up(young):  # rule B8
    due = bookings.book(young.id, make_stock().id, now=NOW)
    assert bookings.send_expiry_reminders(now=NOW + 30 * DAY + MINUTE) == 0
    bookings.cancel_by_beneficiary(young.id, due.id, now=NOW)
    assert bookings.send_expiry_reminders(now=NOW + 25 * DAY) == 0
    assert _reminders() == []


# --- The jobs -----------------------------------------------------------------------


def test_jobs_are_registered():
    assert JOBS["auto_validate_bookings"].func is auto_validate_bookings.auto_validate_bookings
    assert JOBS["expire_bookings"].func is expire_bookings.expire_bookings


def test_expiry_job_is_idempotent_and_reports_in_french(young, monkeypatch):  # rule B8
    bookings.book(young.id, make_stock().id, now=NOW)
    bookings.book(young.id, make_stock().id, now=NOW + 8 * DAY)
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + 31 * DAY)
    summary = expire_bookings.expire_bookings()
    assert summary == "Rappels envoyés : 1. Réservations expirées : 1."
    assert expire_bookings.expire_bookings() == "Rappels envoyés : 0. Réservations expirées : 0."


def test_auto_validation_job_is_idempotent_and_reports_in_french(young, monkeypatch):  # B7
    event = make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=NOW + DAY)
    bookings.book(young.id, event.id, now=NOW)
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + 4 * DAY)
    job = auto_validate_bookings.auto_validate_bookings
    assert job() == "Réservations d'évènements validées automatiquement : 1."
    assert job() == "Réservations d'évènements validées automatiquement : 0."
