"""The payment run under real concurrency (rules P4, P5, B6, O5).

Lock order (services/payouts.py): payment run row → bank accounts (id order) →
establishments (venue rows) → bookings (skip locked) → pricings. The pricing job takes
establishment → bookings (skip locked) → new pricings; the counter's undo booking →
establishment → pricing. Each proof either starts the calls together (`run_together`
with the widened window) or holds one transaction at a chosen point (`Stop`) while the
other one runs into its locks, which makes the interleaving certain. The twins with the
locks switched off (`db.locking_enabled = False`) show what each lock prevents. A deadlock
surfaces as psycopg's DeadlockDetected, an unexpected error: the test fails on it.
"""

from datetime import timedelta
from functools import partial

from sqlmodel import select

from pass_culture import db
from pass_culture.models import (
    Booking,
    BookingStatus,
    Payment,
    PaymentRun,
    Pricing,
    PricingStatus,
    Role,
)
from services import counter, finance, payment_holds, payouts
from tests import factories
from tests.postgres.payout_data import CUTOFF, NOW, priced, used_booking
from tests.postgres.payout_invariants import paid_booking_ids, payment_problems
from tests.postgres.race import (
    Background,
    Outcome,
    Stop,
    run_together,
    stopped,
    wait_for_lock_waits,
    widened_race_window,
)

run = partial(payouts.run_payments, CUTOFF, now=NOW)


def every_booking(structures) -> set[int]:
    return {booking.id for structure in structures for booking in structure.bookings}


def reload(booking) -> Booking:
    with db.transaction(write=False) as session:
        return session.get(Booking, booking.id)


def first_held_then(stop: Stop, first, then) -> tuple:
    """`first` runs until `stop` holds it; `then` starts and queues for its locks (or
    finishes); `first` goes on. Both outcomes, first's first."""
    with stopped(stop):
        held = Background(stop.thread_name, first)
        stop.wait_reached()
        other = Background("second", then)
        wait_for_lock_waits(other)
        stop.go()
        return held.outcome(), other.outcome()


# --- Two runs of one cut-off at once (P5) ----------------------------------------------


def two_runs_at_once():
    """Two processes start the same fortnight's run a second apart (their clocks differ)."""
    structures = priced(6, bookings=2)
    calls = [partial(run, chunk_size=2, now=NOW + timedelta(seconds=n)) for n in range(2)]
    with widened_race_window():
        outcomes = run_together(calls)
    return structures, outcomes


def test_two_runs_of_one_cutoff_at_once_pay_every_booking_once(postgres):
    # rules P4, P5: the run row's lock makes the chunks take turns; the second sees what
    # the first paid and skips it, and both return cleanly.
    structures, outcomes = two_runs_at_once()

    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert sum(o.result.created for o in outcomes) == len(structures)
    assert {o.result.payment_count for o in outcomes} == {len(structures)}
    assert payment_problems() == []
    assert paid_booking_ids() == every_booking(structures)
    with db.transaction(write=False) as session:
        assert len(session.exec(select(PaymentRun)).all()) == 1


def test_without_locks_the_second_run_rewrites_what_the_first_paid(postgres):
    # Without the run row's lock, the row locks of the first run's UPDATE and the unique
    # payment per account and cut-off still keep every booking paid once; but the second
    # run, which read before the first committed, goes on and marks the bookings the first
    # paid « remboursées » again, at its own time (or fails on the unique payment).
    db.locking_enabled = False
    _structures, outcomes = two_runs_at_once()

    problems = payment_problems()
    assert any(o.crashed for o in outcomes) or any("remboursée le" in p for p in problems)
    assert not any("payée 2 fois" in p or "payé 2 fois" in p for p in problems)


# --- The counter's undo during a run (B6, P5) -----------------------------------------


def undo_of_first_booking(structures):
    """Undo the first booking of the first structure: its establishment's later pricings
    are deleted to be priced again (services/finance.py), the hardest case for a run."""
    structure = structures[0]
    return structure.bookings[0], partial(
        counter.undo_validation, structure.pro.id, structure.bookings[0].code
    )


def assert_undo_consistent(undone, undo) -> None:
    """Either the undo won (booking back to confirmed, not paid) or it was refused
    « déjà remboursée » and the booking is paid: never a paid booking with an undone
    validation."""
    after = reload(undone)
    if undo.ok:
        assert (after.status, after.used_at) == (BookingStatus.CONFIRMED, None)
        assert undone.id not in paid_booking_ids()
    else:
        assert undo.code == "already_reimbursed", undo.error
        assert after.status == BookingStatus.REIMBURSED
        assert undone.id in paid_booking_ids()
    assert payment_problems() == []


def test_an_undo_holding_its_locks_makes_the_run_wait_and_wins(postgres):
    structures = priced(3, bookings=3)
    undone, undo = undo_of_first_booking(structures)

    # Held once it has read the booking and its pricing, under their locks.
    undo_outcome, run_outcome = first_held_then(Stop("undo", before="UPDATE pricings"), undo, run)

    assert run_outcome.ok, run_outcome.error
    assert_undo_consistent(undone, undo_outcome)
    assert undo_outcome.ok
    # The later bookings of that venue lost their pricing (priced again later): unpaid.
    assert paid_booking_ids() == every_booking(structures[1:])


def test_an_undo_during_a_run_before_it_commits_is_refused(postgres):
    structures = priced(3, bookings=3)
    undone, undo = undo_of_first_booking(structures)

    run_outcome, undo_outcome = first_held_then(
        Stop("run", commit_after="UPDATE bookings"), run, undo
    )

    assert run_outcome.ok, run_outcome.error
    assert undo_outcome.code == "already_reimbursed"
    assert_undo_consistent(undone, undo_outcome)
    assert paid_booking_ids() == every_booking(structures)


def test_an_undo_between_the_runs_locks_is_skipped_by_the_run_and_wins(postgres):
    # The run holds the establishment, the undo holds the booking and waits for the
    # establishment: the run skips the booking (SKIP LOCKED) instead of waiting for it,
    # which would close a cycle (a deadlock).
    structures = priced(3, bookings=3)
    undone, undo = undo_of_first_booking(structures)

    run_outcome, undo_outcome = first_held_then(Stop("run", before="UPDATE pricings"), run, undo)

    assert run_outcome.ok, run_outcome.error
    assert_undo_consistent(undone, undo_outcome)
    assert undo_outcome.ok
    assert paid_booking_ids() == every_booking(structures) - {undone.id}


def test_without_locks_an_undo_that_read_first_undoes_the_booking_the_run_pays(postgres):
    # The undo reads the booking « validée » and its pricing unpaid; the run, which does
    # not wait for it, pays them and commits; the undo goes on and cancels a paid pricing.
    db.locking_enabled = False
    structures = priced(3, bookings=3)
    undone, undo = undo_of_first_booking(structures)

    undo_outcome, run_outcome = first_held_then(Stop("undo", before="UPDATE pricings"), undo, run)

    assert run_outcome.ok and undo_outcome.ok
    assert reload(undone).status == BookingStatus.CONFIRMED
    assert any("paiement" in problem for problem in payment_problems())


def test_without_locks_a_paid_booking_is_undone(postgres):
    # The undo does not wait for the run's booking: it reads it « validée », then cancels a
    # pricing the run has just paid.
    db.locking_enabled = False
    structures = priced(3, bookings=3)
    undone, undo = undo_of_first_booking(structures)

    run_outcome, undo_outcome = first_held_then(
        Stop("run", commit_after="UPDATE bookings"), run, undo
    )

    assert run_outcome.ok and undo_outcome.ok
    assert reload(undone).status == BookingStatus.CONFIRMED
    assert any("paiement" in problem for problem in payment_problems())


# --- The pricing job during a run (P3, P4) -------------------------------------------


def newly_used(structures) -> list[Booking]:
    """One more used booking per venue of the first structure, not priced yet."""
    return [used_booking(venue, 9_99) for venue in structures[0].venues]


def revenue_gaps() -> list[int]:
    """Rules P2, P3: along each establishment's live pricings, in the order they were made,
    the cumulative revenue grows by each booking's amount (all in one calendar year here).
    Pricings whose revenue breaks the chain."""
    with db.transaction(write=False) as session:
        pricings = session.exec(
            select(Pricing)
            .where(Pricing.status != PricingStatus.CANCELLED)
            .order_by(Pricing.pricing_point_id, Pricing.id)
        ).all()
    gaps, revenue = [], {}
    for pricing in pricings:
        expected = revenue.get(pricing.pricing_point_id, 0) + pricing.booking_amount
        if pricing.revenue_after != expected:
            gaps.append(pricing.id)
        revenue[pricing.pricing_point_id] = pricing.revenue_after
    return gaps


def test_a_run_waits_for_the_pricing_job_then_pays_what_it_priced(postgres):
    structures = priced(3, bookings=2)
    late = newly_used(structures)
    pricing = partial(finance.price_used_bookings, now=NOW)

    pricing_outcome, run_outcome = first_held_then(
        Stop("pricing", commit_after="INSERT INTO pricings"), pricing, run
    )

    assert pricing_outcome.ok and run_outcome.ok, (pricing_outcome.error, run_outcome.error)
    assert paid_booking_ids() == every_booking(structures) | {b.id for b in late}
    assert payment_problems() == []
    assert revenue_gaps() == []


def test_the_pricing_job_waits_for_a_run_and_its_bookings_wait_for_the_next(postgres):
    structures = priced(3, bookings=2)
    late = newly_used(structures)
    pricing = partial(finance.price_used_bookings, now=NOW)

    run_outcome, pricing_outcome = first_held_then(
        Stop("run", before="UPDATE bookings"), run, pricing
    )

    assert pricing_outcome.ok and run_outcome.ok, (pricing_outcome.error, run_outcome.error)
    assert pricing_outcome.result == len(late)
    assert paid_booking_ids() == every_booking(structures)
    assert all(reload(b).status == BookingStatus.USED for b in late)
    assert payment_problems() == []
    assert revenue_gaps() == []


def test_a_run_the_pricing_job_and_undos_all_at_once(postgres):
    # Everything started together, with every transaction paused before its first write:
    # whatever the order the database picks, no deadlock and consistent payments.
    structures = priced(8, venues=2, bookings=2)
    for structure in structures[:4]:  # used, not priced yet: the job prices them
        used_booking(structure.venues[1], 4_50)
    undos = [
        (s.bookings[0], partial(counter.undo_validation, s.pro.id, s.bookings[0].code))
        for s in structures[::2]
    ]
    calls = [
        partial(run, chunk_size=2),
        partial(finance.price_used_bookings, now=NOW),
        *[undo for _, undo in undos],
    ]
    with widened_race_window():
        run_outcome, pricing_outcome, *undo_outcomes = run_together(calls)

    assert run_outcome.ok and pricing_outcome.ok, (run_outcome.error, pricing_outcome.error)
    for (undone, _), outcome in zip(undos, undo_outcomes, strict=True):
        assert_undo_consistent(undone, outcome)


# --- An admin holds a bank account during a run (O5) ---------------------------------


def paid_accounts() -> set[int]:
    with db.transaction(write=False) as session:
        return set(session.exec(select(Payment.bank_account_id)))


def hold_during_a_chunk(structures) -> tuple[int, bool, Outcome, Outcome]:
    """The run holds its chunk's transaction, written, before its COMMIT; an admin holds
    one of its accounts (services/payment_holds.py) meanwhile. Whether the hold was
    over before the chunk committed, and both outcomes."""
    target = structures[1].account_id
    admin = factories.make_user(Role.ADMIN)
    with stopped(Stop("run", commit_after="UPDATE bookings")) as stop:
        running = Background("run", run)
        stop.wait_reached()
        holding = Background(
            "hold", partial(payment_holds.hold_payments, admin.id, target, "Contrôle", NOW)
        )
        wait_for_lock_waits(holding)
        held_first = holding.done
        stop.go()
        return target, held_first, running.outcome(), holding.outcome()


def test_a_hold_during_a_run_waits_for_the_chunk_that_pays_the_account(postgres):
    # The account's lock: the hold queues behind the chunk at work, so a hold that
    # returned is never followed by a payment of the fortnight it claimed to stop.
    target, held_first, run_outcome, hold_outcome = hold_during_a_chunk(priced(3))

    assert run_outcome.ok and hold_outcome.ok, (run_outcome.error, hold_outcome.error)
    assert not held_first
    assert target in paid_accounts()  # paid before the hold; the next runs skip it
    assert payment_problems() == []


def test_a_hold_before_the_run_reads_the_account_keeps_it_unpaid(postgres):
    structures = priced(3)
    target = structures[1].account_id
    admin = factories.make_user(Role.ADMIN)
    hold = partial(payment_holds.hold_payments, admin.id, target, "Contrôle", NOW)

    hold_outcome, run_outcome = first_held_then(
        Stop("hold", commit_after="UPDATE bank_accounts"), hold, run
    )

    assert run_outcome.ok and hold_outcome.ok, (run_outcome.error, hold_outcome.error)
    assert paid_accounts() == {s.account_id for s in structures} - {target}
    assert all(reload(b).status == BookingStatus.USED for b in structures[1].bookings)
    assert payment_problems() == []


def test_without_locks_a_held_account_is_paid_after_the_hold(postgres):
    db.locking_enabled = False
    target, held_first, run_outcome, hold_outcome = hold_during_a_chunk(priced(3))

    assert hold_outcome.ok and held_first  # the admin's hold is recorded first …
    assert run_outcome.ok and target in paid_accounts()  # … and the account paid after it
