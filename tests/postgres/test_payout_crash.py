"""A payment run killed at random points, again and again, then completed (rule P5).

The run goes by chunks of bank accounts, one transaction each. Each try starts
`run_payments` in a process of its own (tests/postgres/payment_run_process.py) and kills
it (SIGKILL: no cleanup, no rollback from Python) at a random point: once the payments
reach a seeded random count (0 for the first try: while it opens the run), plus a random
delay, so that the kills fall all along the run, inside chunks and between them, whatever
the machine's speed. After each kill the committed chunks must be whole. Then a last run,
left alone, finishes: every eligible booking paid exactly once, payments equal to their
pricings, the run's totals right, one statement email per payment.
"""

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlmodel import func, select

from pass_culture import db
from pass_culture.models import BookingStatus, Payment, PaymentRun, PaymentRunStatus
from services import finance
from tests import factories
from tests.postgres.payout_data import CUTOFF, NOW, USED_AT, structures, used_booking
from tests.postgres.payout_invariants import paid_booking_ids, payment_problems

ROOT = Path(__file__).resolve().parents[2]
KILLS = 8
CHUNK_SIZE = 2  # accounts per transaction: many chunks, many points to die at
ACCOUNTS = 54  # with something to pay
JITTER = 0.05  # seconds: at most about a chunk and a half


def waiting_bookings(payable_venue) -> set[int]:
    """Used bookings that must wait: on a pending account (O5), an event still to come
    (P4), a free booking on a payable venue (P1: closed without a payment)."""
    offerer = factories.make_offerer()
    pending_venue = factories.make_venue(offerer)
    factories.make_bank_account(offerer, [pending_venue], status="pending")
    concert = factories.make_offer(payable_venue, subcategory_id="CONCERT")
    to_come = factories.make_stock(concert, price=20_00, beginning_at=NOW + timedelta(days=3))
    event_to_come = factories.make_booking(
        to_come, factories.make_user(), None, status=BookingStatus.USED, used_at=USED_AT
    )
    return {
        used_booking(pending_venue, 12_00).id,
        event_to_come.id,
        used_booking(payable_venue, 0).id,
    }


def dataset() -> tuple[set[int], set[int]]:
    """48 accounts of one venue and 6 of two, 3 bookings a venue, all priced: (the bookings
    to pay, those that wait)."""
    made = structures(48, bookings=3) + structures(6, venues=2, bookings=3)
    waiting = waiting_bookings(made[0].venues[0])
    finance.price_used_bookings(now=NOW)
    assert len(made) == ACCOUNTS
    return {booking.id for structure in made for booking in structure.bookings}, waiting


def start_run(url: str, now) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.postgres.payment_run_process"]
        + [url, CUTOFF.isoformat(), now.isoformat(), str(CHUNK_SIZE)],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "start"
    return process


def run_status() -> str | None:
    with db.transaction(write=False) as session:
        return session.exec(select(PaymentRun.status)).first()


def payment_count() -> int:
    with db.transaction(write=False) as session:
        return session.exec(select(func.count()).select_from(Payment)).one()


def kill_after(process: subprocess.Popen, payments: int, delay: float) -> None:
    """SIGKILL once `payments` payments are committed (polled), then `delay` seconds."""
    deadline = time.monotonic() + 30
    while payment_count() < payments and process.poll() is None:
        assert time.monotonic() < deadline, "le paiement n'avance pas"
        time.sleep(0.005)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    process.stdout.close()


def test_a_run_killed_again_and_again_completes_paying_each_booking_once(postgres):
    to_pay, waiting = dataset()
    rng = random.Random(10)
    targets = [0, *sorted(rng.sample(range(1, ACCOUNTS - 4), KILLS - 1))]
    killed_mid_run = 0
    for attempt, target in enumerate(targets):
        process = start_run(postgres, NOW + timedelta(minutes=attempt))
        kill_after(process, target, rng.uniform(0, JITTER))
        killed_mid_run += run_status() == PaymentRunStatus.RUNNING
        # What the dead process committed is whole chunks, nothing half-paid.
        assert payment_problems(finished=False) == [], attempt

    finisher = start_run(postgres, NOW + timedelta(minutes=KILLS))
    assert finisher.stdout.readline().strip() == "done"
    assert finisher.wait(30) == 0
    finisher.stdout.close()

    assert killed_mid_run >= KILLS - 1  # the kills did land inside the run
    assert run_status() == PaymentRunStatus.DONE
    assert payment_problems() == []
    assert paid_booking_ids() == to_pay
    assert not paid_booking_ids() & waiting
