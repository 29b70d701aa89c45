"""The counter under real concurrency (rules B6, B5, B8, C6).

Two scans of one code, a cancellation or the expiry job racing a validation: one
consistent outcome. Each proof has a twin with the locks switched off
(`db.locking_enabled = False`) showing that the race then breaks the rule.
"""

from datetime import timedelta
from functools import partial

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus
from services import bookings, counter, deposits, policy
from tests import factories
from tests.postgres.invariants import stock_count
from tests.postgres.race import run_together, widened_race_window

PRICE = 12_00


def a_booking(booked_at=None):
    """A book booked by a young user, and a pro of the bookshop's structure."""
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    offer = factories.make_offer(factories.make_venue(offerer), subcategory_id="LIVRE_PAPIER")
    stock = factories.make_stock(offer, price=PRICE, quantity=5)
    granted_at = (booked_at or clock.utcnow()) - timedelta(days=1)
    user, _deposit = factories.make_beneficiary(granted_at=granted_at)
    booking = bookings.book(user.id, stock.id, now=booked_at)
    return pro, user, booking


def reload(booking: Booking) -> Booking:
    with db.transaction(write=False) as session:
        return session.get(Booking, booking.id)


def race(*calls):
    with widened_race_window():
        return run_together(list(calls))


# --- Two simultaneous scans of one code (rule B6) ------------------------------------


def test_two_simultaneous_validations_of_one_code_one_succeeds(database):
    pro, _user, booking = a_booking()

    outcomes = race(*[partial(counter.validate, pro.id, booking.code)] * 2)

    assert sorted(outcome.code or "ok" for outcome in outcomes) == ["already_used", "ok"]
    assert reload(booking).status == BookingStatus.USED


def test_without_locks_one_code_is_validated_twice(database):
    db.locking_enabled = False
    pro, _user, booking = a_booking()

    outcomes = race(*[partial(counter.validate, pro.id, booking.code)] * 2)

    assert all(outcome.ok for outcome in outcomes) or any(o.crashed for o in outcomes)


# --- The young user cancels while staff validate (rules B5, B6, C6) ------------------


def cancel_racing_validate():
    pro, user, booking = a_booking()
    cancel, validate = race(
        partial(bookings.cancel_by_beneficiary, user.id, booking.id),
        partial(counter.validate, pro.id, booking.code),
    )
    return user, booking, cancel, validate


def test_cancel_racing_validate_has_one_consistent_outcome(database):
    user, booking, cancel, validate = cancel_racing_validate()

    after = reload(booking)
    count = stock_count(booking.stock_id)
    remaining = deposits.get_balance(user.id).remaining
    granted = policy.GRANT_PRESETS[policy.DEFAULT_GRANT_PRESET].amount
    assert cancel.ok != validate.ok
    if cancel.ok:  # cancelled: place and credit back, never used
        assert validate.code == "cancelled"
        assert (after.status, after.used_at) == (BookingStatus.CANCELLED, None)
        assert (count.booked_quantity, remaining) == (0, granted)
    else:  # used: the cancellation is refused
        assert cancel.code == "already_used"
        assert after.status == BookingStatus.USED and after.cancelled_at is None
        assert (count.booked_quantity, remaining) == (1, granted - PRICE)
    assert count.consistent


def test_without_locks_cancel_and_validate_both_succeed(database):
    db.locking_enabled = False
    _user, _booking, cancel, validate = cancel_racing_validate()

    assert (cancel.ok and validate.ok) or cancel.crashed or validate.crashed


# --- The expiry job runs while staff validate (rules B8, B6, C6) ---------------------


def expiry_racing_validate():
    now = clock.utcnow()
    pro, _user, booking = a_booking(booked_at=now - policy.PICKUP_DELAY - timedelta(hours=1))
    expire, validate = race(
        partial(bookings.expire_unpicked_bookings, now=now),
        partial(counter.validate, pro.id, booking.code, now=now),
    )
    return booking, expire, validate


def test_expiry_racing_validate_has_one_consistent_outcome(database):
    booking, expire, validate = expiry_racing_validate()

    after = reload(booking)
    count = stock_count(booking.stock_id)
    assert expire.ok
    if validate.ok:  # picked up just in time: not expired
        assert expire.result == 0
        assert after.status == BookingStatus.USED and after.cancelled_at is None
        assert count.booked_quantity == 1
    else:  # expired first: staff are told so
        assert (expire.result, validate.code) == (1, "expired")
        assert (after.status, after.used_at) == (BookingStatus.CANCELLED, None)
        assert count.booked_quantity == 0
    assert count.consistent


def test_without_locks_a_booking_is_both_expired_and_validated(database):
    db.locking_enabled = False
    _booking, expire, validate = expiry_racing_validate()

    assert (expire.result == 1 and validate.ok) or expire.crashed or validate.crashed
