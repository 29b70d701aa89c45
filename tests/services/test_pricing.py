"""Reimbursement pricing of used bookings (rules P1, P2, P3, P5, F10)."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from jobs.price_bookings import price_bookings
from pass_culture import db
from pass_culture.clock import PARIS
from pass_culture.models import (
    Booking,
    BookingStatus,
    Offerer,
    Pricing,
    PricingStatus,
    Venue,
)
from services import finance, policy
from services.errors import DomainError
from tests.factories import (
    make_bank_account,
    make_booking,
    make_offer,
    make_offerer,
    make_payment,
    make_pricing,
    make_stock,
    make_user,
    make_venue,
)
from tests.postgres.race import run_together, widened_race_window
from tests.unit.test_reimbursement_scale import SCALES_WITH_2021, SWITCH

BOOK = "LIVRE_PAPIER"
CD = "SUPPORT_PHYSIQUE_MUSIQUE_CD"  # standard reimbursement
USED_AT = datetime(2026, 3, 2, 10, tzinfo=UTC)
EARLIER_THIS_YEAR = datetime(2026, 1, 15, 10, tzinfo=UTC)
NOW = datetime(2026, 3, 10, tzinfo=UTC)


def used_booking(venue, *, price=10_00, used_at=USED_AT, subcategory=CD, **offer_fields):
    stock = make_stock(make_offer(venue, subcategory_id=subcategory, **offer_fields), price=price)
    return make_booking(stock, make_user(), None, status=BookingStatus.USED, used_at=used_at)


def prior_revenue(venue, amount, used_at=EARLIER_THIS_YEAR):
    """Revenue the establishment already made this year, priced by an earlier run."""
    return make_pricing(used_booking(venue, used_at=used_at), booking_amount=amount)


def pricing_of(booking) -> Pricing | None:
    with db.transaction(write=False) as session:
        return session.exec(
            select(Pricing).where(
                Pricing.booking_id == booking.id, Pricing.status != PricingStatus.CANCELLED
            )
        ).first()


def all_pricings() -> list[Pricing]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(Pricing).order_by(Pricing.id)))


def undo(booking, *, pause: float = 0) -> None:
    """What the counter's undo does (rule B6) around `cancel_pricing`."""
    with db.transaction() as session:
        locked = db.lock_one(session, Booking, booking.id)
        time.sleep(pause)
        finance.cancel_pricing(session, booking.id)
        locked.status, locked.used_at = BookingStatus.CONFIRMED, None


def mark_paid(pricing) -> None:
    with db.transaction() as session:
        offerer = session.get(Offerer, session.get(Venue, pricing.venue_id).offerer_id)
    payment = make_payment(make_bank_account(offerer), pricing.amount)
    with db.transaction() as session:
        row = session.get(Pricing, pricing.id)
        row.status, row.payment_id = PricingStatus.PAID, payment.id


# --- Brackets (P2, P3) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "rate_bp", "amount", "revenue_after"),
    [
        (19_990_00 - 1, 10_000, 10_00, 19_999_99),  # 20,000 € − 1 cent
        (19_990_00, 10_000, 10_00, 20_000_00),  # exactly 20,000 €
        (19_990_01, 9_500, 9_50, 20_000_01),  # crossing by 1 cent: the whole booking at 95 %
    ],
)
def test_the_20000_euro_bound(database, before, rate_bp, amount, revenue_after):  # P2, P3
    venue = make_venue()
    prior_revenue(venue, before)
    booking = used_booking(venue, price=10_00)

    assert finance.price_used_bookings(now=NOW) == 1

    pricing = pricing_of(booking)
    assert (pricing.rate_bp, pricing.amount, pricing.revenue_after) == (
        rate_bp,
        amount,
        revenue_after,
    )
    assert (pricing.booking_amount, pricing.value_date) == (10_00, USED_AT)
    assert pricing.rule == f"bareme_2018:standard:{1 if rate_bp == 10_000 else 2}"
    assert pricing.pricing_point_id == pricing.venue_id == venue.id


@pytest.mark.parametrize(
    ("bound", "subcategory", "at_bound_bp", "above_bp"),
    [
        (40_000_00, CD, 9_500, 8_500),
        (40_000_00, BOOK, 9_500, 9_500),  # books: 95 % above 40,000 €
        (150_000_00, CD, 8_500, 7_000),
        (150_000_00, BOOK, 9_500, 9_500),
    ],
)
def test_the_40000_and_150000_euro_bounds_books_and_others(  # rules P2, P3
    database, bound, subcategory, at_bound_bp, above_bp
):
    offerer = make_offerer()
    at_bound, above = make_venue(offerer), make_venue(offerer)
    prior_revenue(at_bound, bound - 30_00)
    prior_revenue(above, bound - 30_00 + 1)
    booking_at_bound = used_booking(at_bound, price=30_00, subcategory=subcategory)
    booking_above = used_booking(above, price=30_00, subcategory=subcategory)

    assert finance.price_used_bookings(now=NOW) == 2

    assert pricing_of(booking_at_bound).rate_bp == at_bound_bp
    assert pricing_of(booking_above).rate_bp == above_bp
    assert pricing_of(booking_above).amount == finance.reimbursed_amount(30_00, above_bp)


def test_the_year_resets_on_1_january_paris_time(database):  # rule P2
    venue = make_venue()
    prior_revenue(venue, 25_000_00, used_at=datetime(2025, 6, 1, tzinfo=UTC))
    new_year_eve = datetime(2025, 12, 31, 23, 30, tzinfo=PARIS)  # 22:30 UTC
    new_year_day = datetime(2026, 1, 1, 0, 30, tzinfo=PARIS)  # 23:30 UTC on 31 December
    assert new_year_day.astimezone(UTC).year == 2025
    last_of_2025 = used_booking(venue, used_at=new_year_eve)
    first_of_2026 = used_booking(venue, used_at=new_year_day)

    assert finance.price_used_bookings(now=NOW) == 2

    assert (pricing_of(last_of_2025).rate_bp, pricing_of(last_of_2025).revenue_after) == (
        9_500,
        25_010_00,
    )
    assert (pricing_of(first_of_2026).rate_bp, pricing_of(first_of_2026).revenue_after) == (
        10_000,
        10_00,
    )


def test_establishments_have_separate_revenues(database):  # rule P2
    offerer = make_offerer()
    busy, quiet = make_venue(offerer), make_venue(offerer)
    prior_revenue(busy, 25_000_00)
    booking = used_booking(quiet)

    finance.price_used_bookings(now=NOW)

    assert (pricing_of(booking).rate_bp, pricing_of(booking).revenue_after) == (10_000, 10_00)


def test_a_siret_less_venue_counts_with_its_pricing_point(database):  # rule P2
    offerer = make_offerer()
    establishment = make_venue(offerer)
    annex = make_venue(offerer, siret=None, pricing_point_id=establishment.id)
    prior_revenue(establishment, 19_995_00)
    at_annex = used_booking(annex, used_at=USED_AT)
    at_establishment = used_booking(establishment, used_at=USED_AT + timedelta(hours=1))

    assert finance.price_used_bookings(now=NOW) == 2

    annex_pricing = pricing_of(at_annex)
    assert (annex_pricing.pricing_point_id, annex_pricing.venue_id) == (establishment.id, annex.id)
    assert (annex_pricing.rate_bp, annex_pricing.revenue_after) == (9_500, 20_005_00)
    assert pricing_of(at_establishment).revenue_after == 20_015_00


def test_a_siret_less_venue_without_pricing_point_waits_until_attached(database):  # rule P2
    offerer = make_offerer()
    establishment = make_venue(offerer)
    annex = make_venue(offerer, siret=None)
    booking = used_booking(annex)

    assert finance.price_used_bookings(now=NOW) == 0
    assert pricing_of(booking) is None

    with db.transaction() as session:
        session.get(Venue, annex.id).pricing_point_id = establishment.id
    assert finance.price_used_bookings(now=NOW) == 1
    assert pricing_of(booking).pricing_point_id == establishment.id


def test_digital_and_free_bookings_are_priced_at_zero(database):  # rules P1, F10
    offerer = make_offerer()
    establishment = make_venue(offerer)
    online = make_venue(offerer, is_virtual=True, pricing_point_id=establishment.id)
    ebook = used_booking(
        online, price=15_00, subcategory="LIVRE_NUMERIQUE", url="https://livres.example.fr/1"
    )
    free_book = used_booking(establishment, price=0, subcategory=BOOK)

    assert finance.price_used_bookings(now=NOW) == 2

    for booking in (ebook, free_book):
        pricing = pricing_of(booking)
        assert (pricing.amount, pricing.rate_bp) == (0, 0)
        assert pricing.rule == finance.NOT_REIMBURSED_RULE
    # The ebook's amount is still part of the establishment's revenue (P2).
    assert pricing_of(free_book).revenue_after == 15_00
    # Recorded, so never picked up again.
    assert finance.price_used_bookings(now=NOW) == 0


def test_bookings_are_priced_in_order_of_use(database):  # rule P3
    venue = make_venue()
    prior_revenue(venue, 19_985_00)
    used_last = used_booking(venue, used_at=USED_AT + timedelta(hours=2))
    used_first = used_booking(venue, used_at=USED_AT)
    used_first_too = used_booking(venue, used_at=USED_AT)  # same minute: by id

    finance.price_used_bookings(now=NOW)

    assert (pricing_of(used_first).rate_bp, pricing_of(used_first).revenue_after) == (
        10_000,
        19_995_00,
    )
    assert (pricing_of(used_first_too).rate_bp, pricing_of(used_first_too).revenue_after) == (
        9_500,
        20_005_00,
    )
    assert pricing_of(used_last).revenue_after == 20_015_00


def test_only_used_bookings_are_priced_and_only_once(database):  # rules P1, P5
    venue = make_venue()
    used = used_booking(venue)
    stock = make_stock(make_offer(venue, subcategory_id=CD))
    make_booking(stock, make_user(), None)  # not used yet
    make_booking(
        stock,
        make_user(),
        None,
        status=BookingStatus.CANCELLED,
        cancelled_at=USED_AT,
        cancellation_reason="beneficiary",
    )
    used_later = used_booking(venue, used_at=NOW + timedelta(minutes=1))

    assert finance.price_used_bookings(now=NOW) == 1
    assert finance.price_used_bookings(now=NOW) == 0
    assert [pricing.booking_id for pricing in all_pricings()] == [used.id]
    assert pricing_of(used_later) is None


def test_a_new_scale_is_a_data_change(database, monkeypatch):  # rule P2: validity dates
    monkeypatch.setattr(policy, "REIMBURSEMENT_RULE_SETS", SCALES_WITH_2021)
    venue = make_venue()
    prior_revenue(venue, 45_000_00, used_at=datetime(2021, 3, 1, tzinfo=UTC))
    before = used_booking(venue, used_at=SWITCH - timedelta(minutes=1))
    after = used_booking(venue, used_at=SWITCH)

    finance.price_used_bookings(now=NOW)

    assert (pricing_of(before).rate_bp, pricing_of(before).rule) == (
        8_500,
        "bareme_2018:standard:3",
    )
    assert (pricing_of(after).rate_bp, pricing_of(after).rule) == (9_200, "bareme_2021:standard:3")


def test_the_job_prices_used_bookings(database):  # rules P1, P3
    used_booking(make_venue())
    assert price_bookings() == "Réservations valorisées pour remboursement : 1."
    assert price_bookings() == "Réservations valorisées pour remboursement : 0."


# --- Undo after pricing (P5) -----------------------------------------------------------


def test_undo_cancels_the_pricing_and_later_ones_are_priced_again(database):  # P3, P5
    offerer = make_offerer()
    venue, other = make_venue(offerer), make_venue(offerer)
    earlier = prior_revenue(venue, 19_985_00)
    undone = used_booking(venue, used_at=USED_AT)
    later = used_booking(venue, used_at=USED_AT + timedelta(hours=1))
    elsewhere = used_booking(other, used_at=USED_AT + timedelta(hours=1))
    next_year = used_booking(venue, used_at=datetime(2027, 1, 5, tzinfo=UTC))
    finance.price_used_bookings(now=datetime(2027, 2, 1, tzinfo=UTC))
    assert pricing_of(later).rate_bp == 9_500  # 20,005 € with the undone booking
    untouched = {pricing_of(b).id for b in (elsewhere, next_year)} | {earlier.id}

    undo(undone)

    assert pricing_of(undone) is None
    assert [p.status for p in all_pricings() if p.booking_id == undone.id] == ["cancelled"]
    assert pricing_of(later) is None  # to be priced again
    assert {pricing_of(b).id for b in (elsewhere, next_year)} | {earlier.id} == untouched
    assert finance.price_used_bookings(now=datetime(2027, 2, 1, tzinfo=UTC)) == 1
    assert (pricing_of(later).rate_bp, pricing_of(later).revenue_after) == (10_000, 19_995_00)


def test_undo_keeps_later_paid_pricings(database):  # rule P5
    venue = make_venue()
    undone = used_booking(venue, used_at=USED_AT)
    later = used_booking(venue, used_at=USED_AT + timedelta(hours=1))
    finance.price_used_bookings(now=NOW)
    mark_paid(pricing_of(later))

    undo(undone)

    assert pricing_of(later).status == PricingStatus.PAID


def test_undo_of_a_paid_booking_is_refused(database):  # rule P5
    booking = used_booking(make_venue())
    finance.price_used_bookings(now=NOW)
    mark_paid(pricing_of(booking))

    with pytest.raises(DomainError) as refusal:
        undo(booking)

    assert refusal.value.code == "already_reimbursed"
    assert refusal.value.message == (
        "Cette réservation a déjà été remboursée : la validation ne peut plus être annulée."
    )
    assert pricing_of(booking).status == PricingStatus.PAID
    with db.transaction(write=False) as session:
        assert session.get(Booking, booking.id).status == BookingStatus.USED


def test_undo_of_a_booking_not_priced_yet_changes_nothing(database):  # rule P5
    offerer = make_offerer()
    booking = used_booking(make_venue(offerer))
    unattached = used_booking(make_venue(offerer, siret=None))

    undo(booking)
    undo(unattached)

    assert all_pricings() == []


def test_a_booking_used_again_after_undo_is_priced_again(database):  # rules P1, P5
    booking = used_booking(make_venue())
    finance.price_used_bookings(now=NOW)
    undo(booking)
    with db.transaction() as session:
        row = session.get(Booking, booking.id)
        row.status, row.used_at = BookingStatus.USED, USED_AT + timedelta(days=1)

    assert finance.price_used_bookings(now=NOW) == 1
    assert [p.status for p in all_pricings()] == ["cancelled", "validated"]


# --- Two pricers at once ---------------------------------------------------------------


def _race_two_pricers() -> list:
    venue = make_venue()
    prior_revenue(venue, 19_985_00)
    for hour in range(3):
        used_booking(venue, used_at=USED_AT + timedelta(hours=hour))
    with widened_race_window():
        return run_together([lambda: finance.price_used_bookings(now=NOW)] * 2)


def test_two_pricers_never_count_the_same_revenue_twice(database):  # rules P3, P5
    outcomes = _race_two_pricers()

    assert all(outcome.ok for outcome in outcomes)
    assert sorted(outcome.result for outcome in outcomes) == [0, 3]
    revenues = [p.revenue_after for p in all_pricings() if p.rule != "test"]
    assert revenues == [19_995_00, 20_005_00, 20_015_00]


def test_without_the_lock_two_pricers_collide(database):  # the test above can fail
    db.locking_enabled = False

    outcomes = _race_two_pricers()

    # Both read the same revenue; the unique index (PostgreSQL) or SQLite's single
    # writer refuses the second set of pricings.
    assert not all(outcome.ok for outcome in outcomes)


def _undo_while_pricing(first: str, monkeypatch) -> tuple[Booking, list]:
    """The counter's undo and a pricer at work on the same booking, `first` holding its
    locks for a while when the other one starts."""
    booking = used_booking(make_venue())
    slow = {"undo": 0.0, "pricer": 0.0} | {first: 0.3}
    real_revenue = finance.establishment_revenue

    def slow_revenue(*args):
        time.sleep(slow["pricer"])  # the establishment and the booking are locked by now
        return real_revenue(*args)

    monkeypatch.setattr(finance, "establishment_revenue", slow_revenue)

    def pricer():
        time.sleep(0.1 if first == "undo" else 0)
        return finance.price_used_bookings(now=NOW)

    def counter_undo():
        time.sleep(0.1 if first == "pricer" else 0)
        undo(booking, pause=slow["undo"])

    return booking, run_together([pricer, counter_undo])


def _undone_without_pricing(booking) -> bool:
    with db.transaction(write=False) as session:
        status = session.get(Booking, booking.id).status
    return status == BookingStatus.CONFIRMED and pricing_of(booking) is None


@pytest.mark.parametrize("first", ["undo", "pricer"])
def test_undo_racing_the_pricer_leaves_no_pricing_behind(database, monkeypatch, first):  # B6, P5
    booking, outcomes = _undo_while_pricing(first, monkeypatch)

    assert all(outcome.ok for outcome in outcomes), [outcome.error for outcome in outcomes]
    # The pricer first: it prices the booking and the undo cancels that pricing. The undo
    # first: the pricer leaves the booking alone.
    assert outcomes[0].result == (1 if first == "pricer" else 0)
    assert _undone_without_pricing(booking)


def test_without_the_locks_undo_and_pricer_race(database, monkeypatch):  # the test above can fail
    db.locking_enabled = False

    booking, outcomes = _undo_while_pricing("pricer", monkeypatch)

    # The undo sees no pricing yet and the pricer prices a booking no longer used (PostgreSQL),
    # or SQLite refuses the pricer's stale write.
    assert not (all(outcome.ok for outcome in outcomes) and _undone_without_pricing(booking))
