"""Cancellation by the young user (B5) and by the pro (B10); credit back at once (C6)."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking, BookingStatus, CancellationReason, EmailOutbox, Stock
from services import bookings, counter, deposits
from services.bookings import cancellation_limit
from services.errors import DomainError, NotFound
from tests.factories import (
    HOUR,
    MINUTE,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)


@pytest.fixture
def young(database):
    user, _deposit = make_beneficiary(granted_at=NOW - timedelta(days=1))
    return user


def _event(start: datetime, **fields) -> Stock:
    return make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=start, **fields)


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


# --- Rule B5: the limit, computed at booking time -----------------------------------


def test_limit_of_a_thing_is_48_hours_after_booking():
    assert cancellation_limit(NOW, None) == NOW + 48 * HOUR


def test_limit_of_an_event_far_ahead_is_48_hours_after_booking():
    assert cancellation_limit(NOW, NOW + 10 * 24 * HOUR) == NOW + 48 * HOUR


def test_limit_of_an_event_in_three_days_is_48_hours_before_it():
    assert cancellation_limit(NOW, NOW + 72 * HOUR) == NOW + 24 * HOUR


def test_limit_of_a_last_minute_booking_is_the_start():  # seed 001 wins over pcapi
    assert cancellation_limit(NOW, NOW + 10 * HOUR) == NOW + 10 * HOUR
    assert cancellation_limit(NOW, NOW + 48 * HOUR - MINUTE) == NOW + 48 * HOUR - MINUTE


def test_an_event_exactly_48_hours_ahead_is_not_last_minute():
    assert cancellation_limit(NOW, NOW + 48 * HOUR) == NOW
    assert cancellation_limit(NOW, NOW + 48 * HOUR + MINUTE) == NOW + MINUTE


@pytest.mark.parametrize(
    ("start", "limit"),
    [
        (None, NOW + 48 * HOUR),  # a thing
        (NOW + 10 * 24 * HOUR, NOW + 48 * HOUR),  # an event long before: 48 h after booking
        (NOW + 72 * HOUR, NOW + 24 * HOUR),  # an event in 3 days: 48 h before it
        (NOW + 10 * HOUR, NOW + 10 * HOUR),  # last minute: until the start
    ],
)
def test_cancellation_edges(young, start, limit):  # rule B5, each branch at limit ± 1 min
    stock = _event(start) if start else make_stock()
    booking = bookings.book(young.id, stock.id, now=NOW)
    assert booking.cancellation_limit_at == limit
    error = _refused(
        "cancellation_too_late",
        bookings.cancel_by_beneficiary,
        young.id,
        booking.id,
        now=limit + MINUTE,
    )
    assert "ferme" in error.message
    cancelled = bookings.cancel_by_beneficiary(young.id, booking.id, now=limit - MINUTE)
    assert cancelled.status == BookingStatus.CANCELLED
    assert cancelled.cancellation_reason == CancellationReason.BENEFICIARY


def test_cancellation_gives_the_place_and_the_credit_back(young):  # rule C6
    stock = make_stock(make_offer(subcategory_id="CONCERT", is_duo=True), price=20_00)
    booking = bookings.book(young.id, stock.id, 2, now=NOW)
    assert deposits.get_balance(young.id, now=NOW).remaining == 260_00
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW + HOUR)
    assert deposits.get_balance(young.id, now=NOW).remaining == 300_00
    with db.transaction(write=False) as session:
        assert session.get(Stock, stock.id).booked_quantity == 0


def test_only_the_young_user_cancels_their_booking(young):
    booking = bookings.book(young.id, make_stock().id, now=NOW)
    other, _ = make_beneficiary()
    with pytest.raises(NotFound) as caught:
        bookings.cancel_by_beneficiary(other.id, booking.id, now=NOW)
    assert caught.value.code == "booking_not_found"
    _refused("booking_not_found", bookings.cancel_by_beneficiary, young.id, 999_999, now=NOW)


def test_used_or_cancelled_bookings_cannot_be_cancelled(young):
    offerer = make_offerer()
    pro = make_pro(offerer)
    stock = make_stock(make_offer(make_venue(offerer)))
    used = bookings.book(young.id, stock.id, now=NOW)
    counter.validate(pro.id, used.code, now=NOW + MINUTE)
    error = _refused(
        "already_used", bookings.cancel_by_beneficiary, young.id, used.id, now=NOW + HOUR
    )
    assert "02/03/2026 à 10h01" in error.message  # Paris time
    cancelled = bookings.book(young.id, make_stock().id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, cancelled.id, now=NOW)
    _refused("already_cancelled", bookings.cancel_by_beneficiary, young.id, cancelled.id, now=NOW)


def test_cancellation_emails_both_sides(young):  # rule B4
    venue = make_venue(booking_email="billetterie@theatre.fr")
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW + HOUR)
    with db.transaction(write=False) as session:
        mails = session.exec(
            select(EmailOutbox).where(EmailOutbox.template.startswith("booking_cancelled"))
        ).all()
    assert {m.to_address for m in mails} == {young.email, "billetterie@theatre.fr"}
    to_pro = next(m for m in mails if m.to_address != young.email)
    assert young.last_name in to_pro.body_text and booking.code in to_pro.body_text


# --- Rule B10: cancellation by the pro ----------------------------------------------


@pytest.fixture
def structure(database):
    offerer = make_offerer()
    return offerer, make_pro(offerer), make_venue(offerer)


def test_pro_cancels_an_unused_booking_with_a_reason(young, structure):  # rules B10, C6
    _offerer, pro, venue = structure
    stock = make_stock(make_offer(venue), price=25_00)
    booking = bookings.book(young.id, stock.id, now=NOW)
    cancelled = bookings.cancel_by_offerer(pro.id, booking.id, "  Spectacle reporté  ", now=NOW)
    assert cancelled.cancellation_reason == CancellationReason.OFFERER
    assert cancelled.cancellation_comment == "Spectacle reporté"
    assert deposits.get_balance(young.id, now=NOW).remaining == 300_00
    with db.transaction(write=False) as session:
        to_young = session.exec(
            select(EmailOutbox).where(
                EmailOutbox.to_address == young.email, EmailOutbox.template == "booking_cancelled"
            )
        ).one()
    assert "Spectacle reporté" in to_young.body_text
    assert "25,00 €" in to_young.body_text


def test_pro_must_give_a_reason(young, structure):  # rule B10
    _offerer, pro, venue = structure
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    _refused("reason_required", bookings.cancel_by_offerer, pro.id, booking.id, "  ", now=NOW)


def test_pro_of_another_structure_cannot_cancel(young, structure):  # rule O7
    _offerer, _pro, venue = structure
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    stranger = make_pro(make_offerer())
    with pytest.raises(NotFound) as other:
        bookings.cancel_by_offerer(stranger.id, booking.id, "Fraude", now=NOW)
    with pytest.raises(NotFound) as missing:
        bookings.cancel_by_offerer(stranger.id, booking.id + 1000, "Fraude", now=NOW)
    # No oracle: another structure's booking reads as one that does not exist.
    assert (other.value.code, other.value.message) == (missing.value.code, missing.value.message)
    with db.transaction(write=False) as session:
        assert session.get(Booking, booking.id).status == BookingStatus.CONFIRMED


def test_pro_cannot_cancel_a_used_booking(young, structure):  # rule B10
    _offerer, pro, venue = structure
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    counter.validate(pro.id, booking.code, now=NOW)
    _refused("already_used", bookings.cancel_by_offerer, pro.id, booking.id, "Erreur", now=NOW)


def test_pro_cancellation_refusals(young, structure):  # rules B10, P5
    _offerer, pro, venue = structure
    _refused("booking_not_found", bookings.cancel_by_offerer, pro.id, 999_999, "Motif", now=NOW)
    reimbursed = make_booking(
        make_stock(make_offer(venue)),
        young,
        None,
        status=BookingStatus.REIMBURSED,
        used_at=NOW,
        reimbursed_at=NOW,
    )
    _refused(
        "already_reimbursed", bookings.cancel_by_offerer, pro.id, reimbursed.id, "Motif", now=NOW
    )
