"""The steps bench/payouts.py times, each in a fresh process of its own (spawned): its time
and its peak RSS (ru_maxrss of that Python process; PostgreSQL's memory is not counted)."""

import random
import resource
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context

from sqlalchemy import Engine, event
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Payment, PaymentRun, User
from services import finance, payouts, sepa, statement_csv, statement_pdf

CUTOFF = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 4, tzinfo=UTC)  # 05:00 in Paris: the job's hour
STATEMENT_SAMPLE = 100  # payments whose statements are rendered, besides the largest


@dataclass
class Measure:
    """One step in its own process: its time, its peak RSS, what it returned."""

    seconds: float
    rss_mb: float
    rss_at_start_mb: float  # after imports and connecting: the process's own floor
    result: object
    statements: list[tuple[float, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    """Statements of some payments: how many, their bookings, seconds and bytes."""

    payments: int
    bookings: int
    pdf_seconds: float
    pdf_bytes: int
    csv_seconds: float
    csv_bytes: int


@dataclass(frozen=True)
class StatementTimes:
    largest: Rendered
    sample: Rendered
    all_payments: int
    all_bookings: int

    @property
    def extrapolated_seconds(self) -> float:
        """Every statement: PDFs by payment, CSV lines by booking, at the sample's pace."""
        pdf = self.sample.pdf_seconds / self.sample.payments * self.all_payments
        csv = self.sample.csv_seconds / self.sample.bookings * self.all_bookings
        return pdf + csv


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed_statements() -> dict[str, list[float]]:
    """Time of every SQL statement, by its first words, through the engine's events."""
    times: dict[str, list[float]] = defaultdict(list)

    @event.listens_for(Engine, "before_cursor_execute")
    def _start(connection, _cursor, _statement, *_args):
        connection.info["statement_started"] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def _end(connection, _cursor, statement, *_args):
        key = " ".join(statement.split())[:110]
        times[key].append(time.perf_counter() - connection.info.pop("statement_started"))

    return times


def _render(admin: User, payments: list[Payment]) -> Rendered:
    pdf_seconds = csv_seconds = 0.0
    pdf_bytes = csv_bytes = 0
    for payment in payments:
        began = time.perf_counter()
        pdf_bytes += len(statement_pdf.pdf_for(admin, payment.id)[1])
        pdf_seconds += time.perf_counter() - began
        began = time.perf_counter()
        csv_bytes += sum(len(chunk.encode()) for chunk in statement_csv.csv_of([payment.id]))
        csv_seconds += time.perf_counter() - began
    bookings = sum(payment.booking_count for payment in payments)
    return Rendered(len(payments), bookings, pdf_seconds, pdf_bytes, csv_seconds, csv_bytes)


def statements(admin_id: int) -> StatementTimes:
    """The PDF and the CSV of the largest payment, then of a seeded sample."""
    with db.transaction(write=False) as session:
        admin = session.get(User, admin_id)
        payments = list(session.exec(select(Payment).order_by(Payment.booking_count.desc())))
    sample = random.Random(10).sample(payments[1:], min(STATEMENT_SAMPLE, len(payments) - 1))
    return StatementTimes(
        largest=_render(admin, payments[:1]),
        sample=_render(admin, sample),
        all_payments=len(payments),
        all_bookings=sum(payment.booking_count for payment in payments),
    )


def transfer_file(admin_id: int) -> tuple[int, int]:
    """The run's SEPA file: (transfers, bytes)."""
    with db.transaction(write=False) as session:
        run = session.exec(select(PaymentRun)).one()
    return run.payment_count, len(sepa.transfer_file(admin_id, run.id).content)


STEPS = {
    "price": lambda: finance.price_used_bookings(now=NOW),
    "run": lambda: payouts.run_payments(CUTOFF, now=NOW),
    "rerun": lambda: payouts.run_payments(CUTOFF, now=NOW + timedelta(hours=1)),
    "statements": statements,
    "sepa": transfer_file,
}


def _step(url: str, name: str, args: tuple, profile: bool) -> Measure:
    """In the child process."""
    db.use_database(url)
    db.get_engine().connect().close()
    times = _timed_statements() if profile else {}
    at_start = _rss_mb()
    began = time.perf_counter()
    result = STEPS[name](*args)
    seconds = time.perf_counter() - began
    statements = sorted(((sum(t), len(t), key) for key, t in times.items()), reverse=True)[:12]
    return Measure(seconds, _rss_mb(), at_start, result, statements)


def measured(url: str, name: str, *args, profile: bool = False) -> Measure:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_step, url, name, args, profile).result()
