"""Booking throughput on PostgreSQL, next to a raw `UPDATE … RETURNING` baseline.

    .venv/bin/python bench/booking.py [--database URL] [--bookings N] [--clients 4,16,64]
    .venv/bin/python bench/booking.py --profile    # where one booking's time goes

For each number of concurrent client threads, four runs through the application's own
engine and pool: raw single-row transactions and `services.bookings.book` calls, first on
distinct stocks (no contention), then on one hot stock. The hot stock holds exactly
`--bookings` places and receives a few more attempts than that, so the oversell check
(rules B2, F8) sees the sold-out edge. Exits 1 on any oversell.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from bench_db import ensure_database  # bench/bench_db.py (the script's folder)
from sqlalchemy import func, insert, select, text
from sqlmodel import SQLModel
from stdnum import luhn

import pass_culture.models  # noqa: F401  (every table in the metadata)
from pass_culture import clock, db, migrations
from pass_culture.models import (
    Booking,
    BookingStatus,
    Deposit,
    Offer,
    Offerer,
    OfferStatus,
    Role,
    Stock,
    User,
    ValidationStatus,
    Venue,
)
from pass_culture.settings import get_settings
from services import bookings, policy
from services.errors import DomainError

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/pc_bench"
TARGET_PER_SECOND = 300
TARGET_HOT_SHARE = 0.25
PRICE = 5_00  # cents: a paperback, well inside the credit
# psycopg prepares a statement on its 5th run on a connection.
WARM_UP_PER_CLIENT = 5
BASELINE_SQL = text(
    "UPDATE stocks SET booked_quantity = booked_quantity + 1 WHERE id = :id "
    "RETURNING booked_quantity"
)


@dataclass
class Run:
    """What one run of concurrent calls measured."""

    seconds: float
    latencies: list[float]
    errors: Counter = field(default_factory=Counter)

    @property
    def succeeded(self) -> int:
        return len(self.latencies) - sum(self.errors.values())

    @property
    def per_second(self) -> float:
        return self.succeeded / self.seconds

    def percentile_ms(self, q: int) -> float:
        return statistics.quantiles(self.latencies, n=100)[q - 1] * 1000


def run_concurrently(clients: int, jobs: Sequence, call: Callable) -> Run:
    """`clients` threads start together and take jobs from one list until it is empty."""
    pending = iter(jobs)
    take = threading.Lock()
    start = threading.Barrier(clients + 1)
    latencies: list[float] = []
    errors: Counter = Counter()
    crashes: list[BaseException] = []

    def client() -> None:
        start.wait()
        while True:
            with take:
                job = next(pending, None)
            if job is None:
                return
            began = time.perf_counter()
            try:
                call(job)
            except DomainError as error:
                errors[error.code] += 1
            except Exception as error:  # reported after the run, never swallowed
                crashes.append(error)
            latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    run = Run(seconds=time.perf_counter() - began, latencies=latencies, errors=errors)
    if crashes:
        raise RuntimeError(f"{len(crashes)} appels ont échoué, dont : {crashes[0]!r}")
    return run


def reset_database() -> None:
    migrations.upgrade()
    tables = ", ".join(table.name for table in SQLModel.metadata.sorted_tables)
    with db.get_engine().begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def _insert(session, model, rows: list[dict]) -> list[int]:
    return list(session.scalars(insert(model).returning(model.id), rows))


def create_venue() -> int:
    now = clock.utcnow()
    siren = "84123456" + luhn.calc_check_digit("84123456")
    siret = siren + "0001"
    siret += luhn.calc_check_digit(siret)
    with db.transaction() as session:
        [offerer_id] = _insert(
            session,
            Offerer,
            [
                {
                    "name": "Librairie du banc d'essai",
                    "siren": siren,
                    "validation_status": ValidationStatus.VALIDATED,
                    "validated_at": now,
                }
            ],
        )
        [venue_id] = _insert(
            session,
            Venue,
            [
                {
                    "offerer_id": offerer_id,
                    "name": "Librairie du banc d'essai",
                    "siret": siret,
                    "address": "1 rue de la Paix",
                    "postal_code": "67000",
                    "city": "Strasbourg",
                    "department_code": "67",
                    "booking_email": "librairie@example.fr",
                }
            ],
        )
    return venue_id


def create_beneficiaries(count: int, label: str) -> list[int]:
    """Young users with a fresh default credit (rule C1), inserted in bulk."""
    now = clock.utcnow()
    grant = policy.GRANT_PRESETS[policy.DEFAULT_GRANT_PRESET]
    with db.transaction() as session:
        user_ids = _insert(
            session,
            User,
            [
                {
                    "email": f"{label}-{n}@example.fr",
                    "password_hash": "-",
                    "role": Role.BENEFICIARY,
                    "first_name": "Camille",
                    "last_name": f"Martin {n}",
                    "email_validated_at": now,
                }
                for n in range(count)
            ],
        )
        _insert(
            session,
            Deposit,
            [
                {
                    "user_id": user_id,
                    "preset": grant.code,
                    "amount": grant.amount,
                    "digital_cap": grant.digital_cap,
                    "physical_cap": grant.physical_cap,
                    "created_at": now - timedelta(days=1),
                    "expires_at": now + timedelta(days=700),
                }
                for user_id in user_ids
            ],
        )
    return user_ids


def create_stocks(venue_id: int, count: int, quantity: int | None) -> list[int]:
    """`count` book offers of one stock each."""
    with db.transaction() as session:
        offer_ids = _insert(
            session,
            Offer,
            [
                {
                    "venue_id": venue_id,
                    "subcategory_id": "LIVRE_PAPIER",
                    "name": f"Livre {n}",
                    "validation_status": OfferStatus.APPROVED,
                    "extra_data": {},
                    "fields_edited_by_pro": [],
                }
                for n in range(count)
            ],
        )
        return _insert(
            session,
            Stock,
            [
                {"offer_id": offer_id, "price": PRICE, "quantity": quantity}
                for offer_id in offer_ids
            ],
        )


def raw_update(stock_id: int) -> None:
    with db.get_engine().begin() as connection:
        connection.execute(BASELINE_SQL, {"id": stock_id}).one()


def book(job: tuple[int, int]) -> None:
    user_id, stock_id = job
    bookings.book(user_id, stock_id)


def oversold(stock_ids: list[int]) -> list[str]:
    """Stocks whose booked quantity exceeds their quantity or disagrees with the bookings."""
    active = Booking.status != BookingStatus.CANCELLED
    with db.transaction(write=False) as session:
        counted = dict(
            session.execute(
                select(Booking.stock_id, func.sum(Booking.quantity))
                .where(Booking.stock_id.in_(stock_ids), active)
                .group_by(Booking.stock_id)
            ).all()
        )
        stocks = session.scalars(select(Stock).where(Stock.id.in_(stock_ids))).all()
    return [
        f"stock {s.id}: {s.booked_quantity} réservés, {counted.get(s.id, 0)} réservations, "
        f"quantité {s.quantity}"
        for s in stocks
        if s.booked_quantity != counted.get(s.id, 0)
        or (s.quantity is not None and s.booked_quantity > s.quantity)
    ]


def bench(clients: int, bookings_per_run: int, venue_id: int) -> tuple[list[tuple], list[str]]:
    """Four runs for one number of clients: rows of the table and any oversell found."""
    rows, problems = [], []
    extra = clients  # hot stock: a few attempts more than places, to hit the sold-out edge

    distinct_users = create_beneficiaries(bookings_per_run, f"distinct{clients}")
    distinct_stocks = create_stocks(venue_id, bookings_per_run, quantity=10)
    hot_users = create_beneficiaries(bookings_per_run + extra, f"hot{clients}")
    [hot_stock] = create_stocks(venue_id, 1, quantity=bookings_per_run)
    baseline_rows = create_stocks(venue_id, bookings_per_run + 1, quantity=None)
    # Not timed: the pool opens its connections and they prepare their statements, so the
    # runs measure the steady state of a running application.
    warm_up = WARM_UP_PER_CLIENT * clients
    run_concurrently(clients, baseline_rows[:1] * warm_up, raw_update)
    warm_up_users = create_beneficiaries(warm_up, f"warmup{clients}")
    warm_up_stocks = create_stocks(venue_id, warm_up, quantity=10)
    run_concurrently(clients, list(zip(warm_up_users, warm_up_stocks, strict=True)), book)

    scenarios = [
        ("distinct", baseline_rows[:-1], list(zip(distinct_users, distinct_stocks, strict=True))),
        ("hot", [baseline_rows[-1]] * bookings_per_run, [(u, hot_stock) for u in hot_users]),
    ]
    for name, baseline_jobs, booking_jobs in scenarios:
        baseline = run_concurrently(clients, baseline_jobs, raw_update)
        booked = run_concurrently(clients, booking_jobs, book)
        stock_ids = sorted({stock_id for _, stock_id in booking_jobs})
        found = oversold(stock_ids)
        if name == "hot" and booked.succeeded != bookings_per_run:
            found.append(f"stock chaud : {booked.succeeded} réservations sur {bookings_per_run}")
        problems += found
        rows.append((clients, name, booked, baseline, "NON" if found else "oui"))
    return rows, problems


def print_table(rows: list[tuple]) -> None:
    header = (
        f"{'clients':>7} {'stocks':>8} {'résa/s':>8} {'base tx/s':>9} {'ratio':>6} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'base p95':>8} {'refus':>18} {'sans survente':>13}"
    )
    print(header)
    print("-" * len(header))
    for clients, name, booked, baseline, clean in rows:
        refusals = ", ".join(f"{code} {n}" for code, n in booked.errors.items()) or "-"
        print(
            f"{clients:>7} {name:>8} {booked.per_second:>8.0f} {baseline.per_second:>9.0f} "
            f"{booked.per_second / baseline.per_second:>6.1%} {booked.percentile_ms(50):>7.1f} "
            f"{booked.percentile_ms(95):>7.1f} {baseline.percentile_ms(95):>8.1f} "
            f"{refusals:>18} {clean:>13}"
        )


def print_targets(rows: list[tuple]) -> None:
    """Issue 3 targets on 2 cores: ≥ 300 bookings/s on distinct stocks, hot ≥ 25 % of that."""
    print(
        f"\nObjectifs : ≥ {TARGET_PER_SECOND} résa/s sur stocks distincts, stock chaud "
        f"≥ {TARGET_HOT_SHARE:.0%} de ce débit, aucune survente."
    )
    runs = {(clients, name): booked for clients, name, booked, _, _ in rows}
    for clients in sorted({clients for clients, _ in runs}):
        distinct = runs[clients, "distinct"].per_second
        share = runs[clients, "hot"].per_second / distinct
        print(
            f"{clients:>3} clients : distincts {distinct:.0f}/s "
            f"({'atteint' if distinct >= TARGET_PER_SECOND else 'MANQUÉ'}), "
            f"chaud {share:.0%} ({'atteint' if share >= TARGET_HOT_SHARE else 'MANQUÉ'})"
        )


def profile(count: int, venue_id: int) -> None:
    """One thread, no contention: CPU per booking next to the baseline, and cProfile's top.

    cProfile sees only the thread it runs in, hence a plain loop here.
    """
    users = create_beneficiaries(count, "profil")
    jobs = list(zip(users, create_stocks(venue_id, count, 10), strict=True))
    rows = create_stocks(venue_id, count, quantity=None)
    half, warm_up = count // 2, 10  # the first calls compile and cache the statements
    for label, call, items in (("UPDATE brut", raw_update, rows), ("réservation", book, jobs)):
        for item in items[:warm_up]:
            call(item)
        began = time.process_time()
        for item in items[warm_up:half]:
            call(item)
        cpu_ms = (time.process_time() - began) / (half - warm_up) * 1000
        print(f"{label} : {cpu_ms:.2f} ms de CPU Python par transaction")
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: [book(job) for job in jobs[half:]])
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--bookings", type=int, default=1000, help="réservations par mesure")
    parser.add_argument("--clients", default="4,16,64", help="nombres de clients simultanés")
    parser.add_argument("--profile", action="store_true", help="profil cProfile d'un client seul")
    args = parser.parse_args(argv)

    if args.database.startswith("sqlite"):
        parser.error("ce banc d'essai mesure PostgreSQL")
    ensure_database(args.database)
    db.use_database(args.database)
    reset_database()
    venue_id = create_venue()
    if args.profile:
        profile(args.bookings, venue_id)
        return 0
    load_before = os.getloadavg()[0]
    rows, problems = [], []
    for clients in (int(n) for n in args.clients.split(",")):
        found_rows, found = bench(clients, args.bookings, venue_id)
        rows += found_rows
        problems += found
    settings = get_settings()
    print(
        f"Pool : {settings.db_pool_size} connexions + {settings.db_max_overflow} "
        f"(DB_POOL_SIZE, DB_MAX_OVERFLOW) ; charge moyenne (1 min) {load_before:.2f} "
        f"avant, {os.getloadavg()[0]:.2f} après ; {os.cpu_count()} cœurs\n"
    )
    print_table(rows)
    print_targets(rows)
    db.dispose_engines()
    for problem in problems[:10]:
        print(f"SURVENTE : {problem}", file=sys.stderr)
    if len(problems) > 10:
        print(f"SURVENTE : … et {len(problems) - 10} autres stocks", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
