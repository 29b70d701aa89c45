"""Property tests: random sequences of book / cancel / validate / undo / expire, with a
clock that only moves forward, keep the invariants of the credit and the stocks.

After every step: balance = grant − Σ non-cancelled amounts ≥ 0 (rule C3), digital and
physical caps respected (C4), booked quantity = Σ non-cancelled quantities ≤ quantity
(F8), a code is validated at most once (B6), a cancelled booking is never used again
(B5, B8, C6).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking, BookingStatus
from services import bookings, counter, deposits
from services.errors import DomainError
from tests import factories
from tests.conftest import truncate_all
from tests.postgres.invariants import spendings, stock_counts

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

# name: (subcategory, price in cents, quantity (None = unlimited), days to the event)
STOCKS = {
    "livre": ("LIVRE_PAPIER", 20_00, 3, None),  # physical cap, expires after 30 days
    "cd": ("SUPPORT_PHYSIQUE_MUSIQUE_CD", 120_00, None, None),
    "instrument": ("ACHAT_INSTRUMENT", 250_00, 2, None),
    "ebook": ("LIVRE_NUMERIQUE", 35_00, None, None),  # digital cap
    "vod": ("VOD", 70_00, None, None),  # digital cap
    "concert": ("CONCERT", 30_00, 3, 8),  # duo
    "theatre": ("SPECTACLE_REPRESENTATION", 0, 2, 40),  # duo, free
}
DIGITAL = {"LIVRE_NUMERIQUE", "VOD"}
DUO = {"CONCERT", "SPECTACLE_REPRESENTATION"}
# Two default credits (300 €, 100 € digital) and one "expérimentation 2018" credit
# (500 €, 100 € physical, 200 € digital), rule C1.
PRESETS = ["standard", "standard", "experimentation_2018"]

GOODS = [name for name, (*_, days) in STOCKS.items() if days is None]
EVENTS = [name for name, (*_, days) in STOCKS.items() if days is not None]
users = st.integers(0, len(PRESETS) - 1)
minutes = st.one_of(
    st.integers(1, 180),  # within the hour or so
    st.integers(1, 45).map(lambda days: days * 24 * 60),  # across B5, B8 and event limits
)


@dataclass(frozen=True)
class Booked:
    id: int
    code: str
    user_id: int


class BookingMachine(RuleBasedStateMachine):
    bookings = Bundle("bookings")

    def __init__(self):
        super().__init__()
        truncate_all()
        self.now = START
        offerer = factories.make_offerer()
        self.pro = factories.make_pro(offerer)
        venue = factories.make_venue(offerer)
        self.stock_ids = {}
        for name, (subcategory_id, price, quantity, days) in STOCKS.items():
            offer = factories.make_offer(
                venue,
                subcategory_id=subcategory_id,
                is_duo=subcategory_id in DUO,
                url=f"https://culture.example.fr/{name}" if subcategory_id in DIGITAL else None,
            )
            beginning_at = START + timedelta(days=days) if days else None
            stock = factories.make_stock(
                offer, price=price, quantity=quantity, beginning_at=beginning_at
            )
            self.stock_ids[name] = stock.id
        self.users = [
            factories.make_beneficiary(preset=preset, granted_at=START - timedelta(days=1))
            for preset in PRESETS
        ]
        self.used: set[int] = set()  # validated and not undone, as the services answered
        self.cancelled: set[int] = set()

    def attempt(self, call, *args, **kwargs):
        """A rule's refusal is a normal outcome; anything else fails the test."""
        try:
            result = call(*args, now=self.now, **kwargs)
        except DomainError as error:
            event(f"{call.__name__}: {error.code}")
            return None
        event(f"{call.__name__}: ok")
        return result

    @rule(minutes=minutes)
    def advance_clock(self, minutes):
        self.now += timedelta(minutes=minutes)

    def book(self, user, stock, quantity=1):
        user_id = self.users[user][0].id
        booking = self.attempt(bookings.book, user_id, self.stock_ids[stock], quantity)
        if booking is None:
            return multiple()
        return Booked(booking.id, booking.code, user_id)

    @rule(target=bookings, user=users, stock=st.sampled_from(GOODS))
    def book_good(self, user, stock):
        return self.book(user, stock)

    @rule(
        target=bookings, user=users, stock=st.sampled_from(EVENTS), quantity=st.sampled_from([1, 2])
    )
    def book_event(self, user, stock, quantity):
        return self.book(user, stock, quantity)  # rule F5: duo offers allow 2

    @rule(booking=bookings)
    def cancel(self, booking):
        if self.attempt(bookings.cancel_by_beneficiary, booking.user_id, booking.id):
            assert booking.id not in self.used, "une réservation utilisée a été annulée"

    @rule(booking=bookings, typed=st.sampled_from(["{}", "{} ", "{lower}"]))
    def validate(self, booking, typed):
        code = typed.format(booking.code, lower=booking.code.lower())  # rule B3
        if self.attempt(counter.validate, self.pro.id, code):
            assert booking.id not in self.used, "contremarque validée deux fois"
            assert booking.id not in self.cancelled, "réservation annulée validée"
            self.used.add(booking.id)

    @rule(booking=bookings)
    def undo(self, booking):
        if self.attempt(counter.undo_validation, self.pro.id, booking.code):
            assert booking.id in self.used, "invalidation d'une contremarque non validée"
            self.used.discard(booking.id)

    @rule()
    def expire(self):
        self.attempt(bookings.expire_unpicked_bookings)

    @invariant()
    def credits_are_never_overspent(self):
        spent = spendings([deposit.id for _, deposit in self.users])
        for user, deposit in self.users:
            assert spent[deposit.id].within_caps, spent[deposit.id]  # rules C3, C4
            balance = deposits.get_balance(user.id, now=self.now)
            assert balance.remaining == spent[deposit.id].remaining

    @invariant()
    def stocks_are_never_oversold(self):
        for count in stock_counts(list(self.stock_ids.values())).values():
            assert count.consistent, count  # rule F8

    @invariant()
    def cancelled_bookings_stay_cancelled_and_unused(self):
        with db.transaction(write=False) as session:
            rows = session.exec(select(Booking.id, Booking.status, Booking.used_at)).all()
        for booking_id, status, used_at in rows:
            assert (status == BookingStatus.USED) == (booking_id in self.used)
            if status == BookingStatus.CANCELLED:
                assert used_at is None
                self.cancelled.add(booking_id)
            else:
                assert booking_id not in self.cancelled, "réservation annulée ranimée"


def test_random_booking_sequences_keep_the_invariants(database):
    run_state_machine_as_test(
        BookingMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
