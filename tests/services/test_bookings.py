"""Booking (rules B1–B5, C2–C5, F5, F8, F9, O3), with a controlled clock."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking, BookingStatus, EmailOutbox, Role, Stock
from services import bookings, codes, deposits
from services.errors import DomainError
from tests.factories import (
    MINUTE,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)


@pytest.fixture
def young(database):
    user, _deposit = make_beneficiary(granted_at=NOW - timedelta(days=1))
    return user


def _refused(code: str, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        bookings.book(*args, **kwargs)
    assert caught.value.code == code
    assert caught.value.message  # French, for people
    return caught.value


def _stock(row_id: int) -> Stock:
    with db.transaction(write=False) as session:
        return session.get(Stock, row_id)


def test_booking_debits_price_times_quantity_and_takes_the_places(young):  # rules C2, F5
    stock = make_stock(
        make_offer(subcategory_id="CONCERT", is_duo=True),
        price=15_00,
        beginning_at=NOW + timedelta(days=10),
    )
    booking = bookings.book(young.id, stock.id, 2, now=NOW)
    assert (booking.quantity, booking.amount, booking.status) == (2, 30_00, BookingStatus.CONFIRMED)
    assert booking.created_at == NOW
    assert _stock(stock.id).booked_quantity == 2
    assert deposits.get_balance(young.id, now=NOW).remaining == 300_00 - 30_00


def test_booking_has_a_code_and_its_cancellation_limit(young):  # rules B3, B5
    booking = bookings.book(young.id, make_stock().id, now=NOW)
    assert len(booking.code) == 6 and set(booking.code) <= set(codes.ALPHABET)
    assert booking.cancellation_limit_at == NOW + timedelta(hours=48)


def test_free_offer_is_bookable_with_a_zero_balance(young):  # rule C2
    bookings.book(young.id, make_stock(price=300_00).id, now=NOW)
    assert deposits.get_balance(young.id, now=NOW).remaining == 0
    free = bookings.book(young.id, make_stock(price=0).id, now=NOW)
    assert free.amount == 0
    _refused("insufficient_credit", young.id, make_stock(price=1).id, now=NOW)


def test_the_last_cent_of_the_balance_can_be_spent(young):  # rule C3
    bookings.book(young.id, make_stock(price=250_00).id, now=NOW)
    error = _refused("insufficient_credit", young.id, make_stock(price=50_01).id, now=NOW)
    assert "50,00 €" in error.message
    bookings.book(young.id, make_stock(price=50_00).id, now=NOW)
    assert deposits.get_balance(young.id, now=NOW).remaining == 0


def test_duo_quantity_is_refused_on_a_non_duo_offer(young):  # rule F5
    solo = make_stock(make_offer(subcategory_id="CONCERT", is_duo=False))
    _refused("duo_not_allowed", young.id, solo.id, 2, now=NOW)
    # A duo flag on a subcategory that cannot be duo (bad import) gives no second place.
    book = make_stock(make_offer(subcategory_id="LIVRE_PAPIER", is_duo=True))
    _refused("duo_not_allowed", young.id, book.id, 2, now=NOW)
    duo = make_stock(make_offer(subcategory_id="CONCERT", is_duo=True))
    _refused("invalid_quantity", young.id, duo.id, 3, now=NOW)
    _refused("invalid_quantity", young.id, duo.id, 0, now=NOW)
    assert _stock(solo.id).booked_quantity == 0


def test_one_active_booking_per_user_per_offer(young):  # rule B1
    offer = make_offer()
    first, second = make_stock(offer), make_stock(offer, price=12_00)
    booking = bookings.book(young.id, first.id, now=NOW)
    _refused("already_booked", young.id, second.id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW + MINUTE)
    assert bookings.book(young.id, second.id, now=NOW + 2 * MINUTE).stock_id == second.id


def test_the_unique_index_is_the_last_guard_of_one_booking_per_offer(young):  # rule B1
    stock = make_stock()
    booking = bookings.book(young.id, stock.id, now=NOW)
    duplicate = booking.model_dump(exclude={"id", "code"})
    with pytest.raises(DomainError) as caught, db.transaction() as session:
        bookings._insert_with_code(session, duplicate)
    assert caught.value.code == "already_booked"


def test_a_code_collision_is_retried(young, monkeypatch):  # rule B3
    taken = bookings.book(young.id, make_stock().id, now=NOW).code
    drawn = iter([taken, "ABC234"])
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))
    booking = bookings.book(young.id, make_stock().id, now=NOW)
    assert booking.code == "ABC234"
    with db.transaction(write=False) as session:
        assert len(session.exec(select(Booking)).all()) == 2


def test_codes_that_always_collide_end_in_a_clean_refusal(young, monkeypatch):  # rule B3
    stock = make_stock()
    taken = bookings.book(young.id, make_stock().id, now=NOW).code
    monkeypatch.setattr(codes, "new_code", lambda: taken)
    _refused("code_unavailable", young.id, stock.id, now=NOW)
    assert _stock(stock.id).booked_quantity == 0  # nothing half-written


def test_offer_of_a_pending_structure_is_not_bookable(young):  # rule O3
    pending = make_venue(make_offerer(validated=False))
    _refused("offer_unavailable", young.id, make_stock(make_offer(pending)).id, now=NOW)


@pytest.mark.parametrize(
    ("offer_fields", "stock_fields"),
    [
        ({"validation_status": "draft"}, {}),
        ({"validation_status": "pending"}, {}),
        ({"validation_status": "rejected", "rejection_reason": "Inéligible"}, {}),
        ({"is_active": False}, {}),
        ({}, {"is_active": False}),
        ({}, {"is_soft_deleted": True}),
    ],
)
def test_hidden_offers_and_stocks_are_not_bookable(young, offer_fields, stock_fields):  # F9
    stock = make_stock(make_offer(**offer_fields), **stock_fields)
    _refused("offer_unavailable", young.id, stock.id, now=NOW)


def test_unknown_stock(young):
    _refused("offer_unavailable", young.id, 999_999, now=NOW)


def test_booking_limit_edges(young):  # rules F8, F9
    stock = make_stock(booking_limit_at=NOW)
    _refused("booking_closed", young.id, stock.id, now=NOW + MINUTE)
    assert bookings.book(young.id, stock.id, now=NOW - MINUTE).id


def test_event_start_edges(young):  # rule F9
    start = NOW + timedelta(hours=2)
    stock = make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=start)
    _refused("event_started", young.id, stock.id, now=start + MINUTE)
    assert bookings.book(young.id, stock.id, now=start - MINUTE).id


def test_sold_out_and_last_place_for_a_duo(young):  # rules F8, B2
    other, _ = make_beneficiary(granted_at=NOW - timedelta(days=1))
    stock = make_stock(make_offer(subcategory_id="CONCERT", is_duo=True), quantity=2)
    bookings.book(other.id, stock.id, now=NOW)
    _refused("not_enough_places", young.id, stock.id, 2, now=NOW)
    bookings.book(young.id, stock.id, now=NOW)
    third, _ = make_beneficiary(granted_at=NOW - timedelta(days=1))
    _refused("sold_out", third.id, stock.id, now=NOW)
    assert _stock(stock.id).booked_quantity == 2


def test_unlimited_stock(young):  # rule F8
    stock = make_stock(quantity=None)
    bookings.book(young.id, stock.id, now=NOW)
    assert _stock(stock.id).booked_quantity == 1


def test_deposit_expiry_edges(database):  # rule C5
    young, deposit = make_beneficiary(granted_at=NOW - timedelta(days=700))
    stock = make_stock()
    error = _refused("deposit_expired", young.id, stock.id, now=deposit.expires_at + MINUTE)
    assert "expiré" in error.message
    booking = bookings.book(young.id, stock.id, now=deposit.expires_at - MINUTE)
    # Bookings made before the expiry stay valid.
    with db.transaction(write=False) as session:
        assert session.get(Booking, booking.id).status == BookingStatus.CONFIRMED


def test_digital_cap_counts_digital_offers_with_a_url(young):  # rule C4 (100 € digital)
    def vod(price, url="https://video.example.fr/film"):
        return make_stock(make_offer(make_venue(), subcategory_id="VOD", url=url), price=price)

    bookings.book(young.id, vod(60_00).id, now=NOW)
    error = _refused("digital_cap_reached", young.id, vod(40_01).id, now=NOW)
    assert "40,00 €" in error.message
    bookings.book(young.id, vod(40_00).id, now=NOW)
    # Without a URL a digital subcategory is under no cap (sold at the counter).
    bookings.book(young.id, vod(50_00, url=None).id, now=NOW)
    balance = deposits.get_balance(young.id, now=NOW)
    assert (balance.remaining, balance.digital_remaining) == (150_00, 0)


def test_physical_cap_of_the_2018_preset(database):  # rules C1, C4 (100 € of goods)
    young, _ = make_beneficiary(preset="experimentation_2018", granted_at=NOW - timedelta(days=1))
    bookings.book(young.id, make_stock(price=100_00).id, now=NOW)
    _refused("physical_cap_reached", young.id, make_stock(price=1).id, now=NOW)
    concert = make_stock(make_offer(subcategory_id="CONCERT"), price=150_00)
    bookings.book(young.id, concert.id, now=NOW)  # events are under no cap


def test_only_active_beneficiaries_with_a_credit_may_book(database):  # rule B1
    stock = make_stock()
    pro = make_pro(make_offerer())
    _refused("not_beneficiary", pro.id, stock.id, now=NOW)
    inactive, _ = make_beneficiary(is_active=False)
    _refused("not_beneficiary", inactive.id, stock.id, now=NOW)
    without_credit = make_user(Role.BENEFICIARY)
    _refused("no_deposit", without_credit.id, stock.id, now=NOW)


def _outbox() -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(EmailOutbox).order_by(EmailOutbox.id)))


def test_booking_emails_the_young_user_and_the_venue(young):  # rules B4, O6
    venue = make_venue(booking_email="resa@librairie.fr")
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    to_young, to_pro = _outbox()
    assert to_young.to_address == young.email
    assert booking.code in to_young.body_text
    assert to_pro.to_address == "resa@librairie.fr"
    for detail in (young.first_name, young.last_name, young.email, booking.code):
        assert detail in to_pro.body_text


def test_without_a_booking_email_the_structure_members_are_told(young):  # rules B4, O6
    offerer = make_offerer()
    member = make_pro(offerer)
    bookings.book(young.id, make_stock(make_offer(make_venue(offerer))).id, now=NOW)
    assert [m.to_address for m in _outbox()] == [young.email, member.email]


def test_a_refused_booking_changes_nothing(young):  # rule B2: one transaction
    stock = make_stock(price=10_00, quantity=5)
    make_booking(stock, young, None, amount=0)  # an active booking of this offer
    _refused("already_booked", young.id, stock.id, now=NOW)
    assert _stock(stock.id).booked_quantity == 1
    assert _outbox() == []
