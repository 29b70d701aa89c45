"""Booking under real concurrency (rules B2, C3, C4, F8).

Each proof has a twin with the locks switched off (`db.locking_enabled = False`):
the same race then breaks the rule, so the proof is known to be able to fail.
"""

from datetime import timedelta
from functools import partial

from pass_culture import clock, db
from services import bookings, deposits
from services.errors import DomainError
from services.subcategories import Cap
from tests import factories
from tests.postgres.invariants import spending, stock_count
from tests.postgres.race import run_together, widened_race_window

LAST_PLACES = 10
RACERS = 50


def race_for_last_places():
    """50 young users book the last 10 places of one stock at the same instant."""
    stock = factories.make_stock(quantity=LAST_PLACES)
    users = [factories.make_beneficiary()[0] for _ in range(RACERS)]
    with widened_race_window():
        outcomes = run_together([partial(bookings.book, user.id, stock.id) for user in users])
    return stock, outcomes


def test_50_users_racing_for_the_last_10_places_get_exactly_10(database):
    # rules B2, F8
    stock, outcomes = race_for_last_places()

    refusals = [outcome.error for outcome in outcomes if not outcome.ok]
    assert sum(outcome.ok for outcome in outcomes) == LAST_PLACES
    assert all(isinstance(error, DomainError) for error in refusals), refusals
    assert [error.code for error in refusals] == ["sold_out"] * (RACERS - LAST_PLACES)
    count = stock_count(stock.id)
    assert count.booked_quantity == count.active_quantity == LAST_PLACES


def test_without_locks_the_last_places_are_oversold(database):
    db.locking_enabled = False
    stock, outcomes = race_for_last_places()

    crashes = [outcome.error for outcome in outcomes if outcome.crashed]
    count = stock_count(stock.id)
    # Oversold, lost updates of booked_quantity, or the database refusing the writes
    # (CHECK constraint on PostgreSQL, "database is locked" on SQLite).
    assert crashes or count.active_quantity > LAST_PLACES or not count.consistent


# One young user, 20 offers fired at once: 780 € of bookings on a 500 € credit whose
# caps are 100 € of physical goods and 200 € of digital offers (preset "expérimentation
# 2018", rule C1).
OFFERS = [
    *[("LIVRE_PAPIER", 25_00)] * 6,  # physical cap
    *[("LIVRE_NUMERIQUE", 30_00)] * 7,  # digital cap (digital subcategory with a URL)
    *[("CONCERT", 60_00)] * 7,  # no cap
]


def race_for_the_credit():
    user, deposit = factories.make_beneficiary(preset="experimentation_2018")
    venue = factories.make_venue()
    next_month = clock.utcnow() + timedelta(days=30)
    stocks = []
    for subcategory_id, price in OFFERS:
        offer = factories.make_offer(
            venue,
            subcategory_id=subcategory_id,
            url="https://livres.example.fr/1" if subcategory_id == "LIVRE_NUMERIQUE" else None,
        )
        beginning_at = next_month if subcategory_id == "CONCERT" else None
        stocks.append(factories.make_stock(offer, price=price, beginning_at=beginning_at))
    with widened_race_window():
        outcomes = run_together([partial(bookings.book, user.id, stock.id) for stock in stocks])
    return user, deposit, stocks, outcomes


def test_20_concurrent_bookings_never_overspend_the_credit_nor_a_cap(database):
    # rules B2, C3, C4
    user, deposit, stocks, outcomes = race_for_the_credit()

    refusals = [outcome.error for outcome in outcomes if not outcome.ok]
    assert all(isinstance(error, DomainError) for error in refusals), refusals
    assert {error.code for error in refusals} <= {
        "insufficient_credit",
        "digital_cap_reached",
        "physical_cap_reached",
    }
    spent = spending(deposit.id)
    assert spent.within_caps
    assert deposits.get_balance(user.id).remaining == spent.remaining >= 0
    # What the money allows was accepted: every refused booking would still not fit.
    room = {
        Cap.DIGITAL: spent.digital_cap - spent.by_cap[Cap.DIGITAL],
        Cap.PHYSICAL: spent.physical_cap - spent.by_cap[Cap.PHYSICAL],
        Cap.NONE: spent.remaining,
    }
    for (subcategory_id, price), outcome in zip(OFFERS, outcomes, strict=True):
        if not outcome.ok:
            cap = {"LIVRE_PAPIER": Cap.PHYSICAL, "LIVRE_NUMERIQUE": Cap.DIGITAL}.get(
                subcategory_id, Cap.NONE
            )
            assert price > min(spent.remaining, room[cap]), (subcategory_id, outcome.code)


def test_without_locks_concurrent_bookings_overspend_the_credit(database):
    db.locking_enabled = False
    _user, deposit, _stocks, outcomes = race_for_the_credit()

    crashes = [outcome.error for outcome in outcomes if outcome.crashed]
    assert crashes or not spending(deposit.id).within_caps
