"""The fortnight's payment run at scale on PostgreSQL (issue 10): pricing, run, re-run.

    .venv/bin/python bench/payouts.py [--database URL] [--bookings 1000000] [--venues N]
    .venv/bin/python bench/payouts.py --bookings 100000      # a quick run
    .venv/bin/python bench/payouts.py --reuse --profile      # the priced copy, statements timed

The database (default `postgresql://postgres@127.0.0.1:5432/pc_bench_payouts`) is created
when missing, migrated, emptied, and loaded with a year of used bookings (bench/payout_data.py);
`finance.price_used_bookings` prices them, then `payouts.run_payments` pays the 1 December
cut-off, then runs it again. Each step runs in a fresh process of its own, which reports
its time and its peak RSS (ru_maxrss: that Python process's, PostgreSQL's not counted).
Baselines measured in the same run: reading the pricings (a plain sum), and the floor of
the run's writes (the same rows' status changed by two plain UPDATEs, rolled back).
Targets: the run ≤ 60 s, its peak RSS ≤ 500 MB, the unchanged re-run ≤ 5 s adding nothing.
A loaded, priced database is kept as a template; `--reuse` starts from a copy of it.
"""

import argparse
import resource
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context

import payout_data  # bench/payout_data.py (the script's folder)
import psycopg
from bench_db import ensure_database
from psycopg import sql
from sqlalchemy import Engine, event, text
from sqlmodel import SQLModel

import pass_culture.models  # noqa: F401  (every table in the metadata)
from pass_culture import db, migrations
from services import finance, payouts

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/pc_bench_payouts"
CUTOFF = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 4, tzinfo=UTC)  # 05:00 in Paris: the job's hour
TARGET_RUN_SECONDS = 60
TARGET_RSS_MB = 500
TARGET_RERUN_SECONDS = 5


@dataclass
class Measure:
    """One step in its own process: its time, its peak RSS, what it returned."""

    seconds: float
    rss_mb: float
    rss_at_start_mb: float  # after imports and connecting: the process's own floor
    result: object
    statements: list[tuple[float, int, str]] = field(default_factory=list)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed_statements() -> dict[str, list[float]]:
    """Time of every statement, by its first words, through the engine's events."""
    times: dict[str, list[float]] = defaultdict(list)

    @event.listens_for(Engine, "before_cursor_execute")
    def _start(connection, _cursor, _statement, *_args):
        connection.info["statement_started"] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def _end(connection, _cursor, statement, *_args):
        key = " ".join(statement.split())[:110]
        times[key].append(time.perf_counter() - connection.info.pop("statement_started"))

    return times


STEPS = {
    "price": lambda: finance.price_used_bookings(now=NOW),
    "run": lambda: payouts.run_payments(CUTOFF, now=NOW),
    "rerun": lambda: payouts.run_payments(CUTOFF, now=NOW + timedelta(hours=1)),
}


def _step(url: str, name: str, profile: bool) -> Measure:
    """In the child process."""
    db.use_database(url)
    db.get_engine().connect().close()
    times = _timed_statements() if profile else {}
    at_start = _rss_mb()
    began = time.perf_counter()
    result = STEPS[name]()
    seconds = time.perf_counter() - began
    statements = sorted(((sum(t), len(t), key) for key, t in times.items()), reverse=True)[:12]
    return Measure(seconds, _rss_mb(), at_start, result, statements)


def measured(url: str, name: str, profile: bool = False) -> Measure:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_step, url, name, profile).result()


# --- The database and its priced template ---------------------------------------------


def _server(url: str) -> tuple[psycopg.Connection, str]:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info["dbname"]
    return psycopg.connect(**(info | {"dbname": "postgres"}), autocommit=True), name


def copy_database(url: str, source: str, target: str) -> None:
    """`target` becomes a copy of `source` (nobody may be connected to either)."""
    db.dispose_engines()
    server, _ = _server(url)
    with server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
        )
        server.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(target), sql.Identifier(source)
            )
        )


def template_exists(url: str, template: str) -> bool:
    server, _ = _server(url)
    with server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", (template,))
        return found.fetchone() is not None


def reset_database() -> None:
    migrations.upgrade()
    tables = ", ".join(table.name for table in SQLModel.metadata.sorted_tables)
    with db.get_engine().begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def seconds_of(url: str, statement: str, *, rollback: bool = False) -> float:
    with psycopg.connect(url, autocommit=not rollback) as connection:
        began = time.perf_counter()
        connection.execute(statement)
        seconds = time.perf_counter() - began
        if rollback:
            connection.rollback()
    return seconds


def load_and_price(url: str, args) -> None:
    """Load, analyse, price, analyse: the times of each, printed as it goes."""
    reset_database()
    began = time.perf_counter()
    loaded = payout_data.load(url, args.bookings, args.venues, CUTOFF)
    print(
        f"Chargement : {loaded.bookings:,} réservations utilisées, {loaded.venues:,} lieux "
        f"({loaded.large_venues} grands), {loaded.offerers:,} structures, "
        f"{loaded.accounts:,} comptes bancaires dont {loaded.payable_accounts:,} payables, "
        f"{loaded.offers:,} offres, en {time.perf_counter() - began:.1f} s (COPY)"
    )
    print(f"ANALYZE : {seconds_of(url, 'VACUUM ANALYZE'):.1f} s")
    pricing = measured(url, "price")
    print(
        f"Tarification (finance.price_used_bookings) : {pricing.result:,} réservations en "
        f"{pricing.seconds:.1f} s, {pricing.result / pricing.seconds:,.0f}/s, "
        f"RSS max {pricing.rss_mb:.0f} Mo"
    )
    # What autovacuum would do after a million new rows, before the run reads them.
    print(f"ANALYZE : {seconds_of(url, 'VACUUM ANALYZE'):.1f} s")
    print_brackets(url)


def print_brackets(url: str) -> None:
    """Rule P2 in the data: pricings per rule and bracket, establishments past 150,000 €."""
    with psycopg.connect(url) as connection:
        rules = connection.execute(
            "SELECT rule, count(*) FROM pricings GROUP BY rule ORDER BY rule"
        ).fetchall()
        large = connection.execute(
            "SELECT count(*) FROM (SELECT pricing_point_id FROM pricings GROUP BY 1 "
            "HAVING max(revenue_after) > 15000000) t"
        ).fetchone()[0]
    print("Tarifications par barème : " + ", ".join(f"{rule} {n:,}" for rule, n in rules))
    print(f"Établissements au-delà de 150 000 € dans l'année : {large}")


# --- Report --------------------------------------------------------------------------


def consistency(url: str) -> list[str]:
    """Rule P5 at scale, in SQL: payments equal to their pricings, bookings paid once."""
    checks = {
        "paiements ≠ Σ de leurs tarifications": """
            SELECT count(*) FROM payments p LEFT JOIN (
              SELECT payment_id, sum(amount) AS amount, count(*) AS n FROM pricings
              WHERE payment_id IS NOT NULL GROUP BY payment_id) t ON t.payment_id = p.id
            WHERE (p.amount, p.booking_count) IS DISTINCT FROM (t.amount, t.n)""",
        "tarifications payées sans réservation remboursée": """
            SELECT count(*) FROM pricings pr JOIN bookings b ON b.id = pr.booking_id
            WHERE pr.status = 'paid' AND b.status != 'reimbursed'""",
        "réservations remboursées sans tarification réglée": """
            SELECT count(*) FROM bookings b LEFT JOIN pricings pr
              ON pr.booking_id = b.id AND pr.status IN ('paid', 'closed')
            WHERE b.status = 'reimbursed' AND pr.id IS NULL""",
        "totaux du paiement ≠ Σ des paiements": """
            SELECT count(*) FROM payment_runs r LEFT JOIN (
              SELECT run_id, sum(amount) AS amount, count(*) AS n FROM payments GROUP BY run_id
            ) t ON t.run_id = r.id
            WHERE (r.amount, r.payment_count) IS DISTINCT FROM (t.amount, t.n)""",
    }
    with psycopg.connect(url) as connection:
        return [
            f"{label} : {found}"
            for label, query in checks.items()
            if (found := connection.execute(query).fetchone()[0])
        ]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_profile(measure: Measure) -> None:
    print("\nInstructions SQL du paiement, par temps total (s, nombre, début) :")
    for total, count, key in measure.statements:
        print(f"  {total:7.2f} {count:6d}  {key}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--venues", type=int, help="par défaut : une pour 100 réservations")
    parser.add_argument("--reuse", action="store_true", help="repartir de la copie tarifée")
    parser.add_argument("--profile", action="store_true", help="temps de chaque instruction")
    args = parser.parse_args(argv)
    args.venues = args.venues or max(10, args.bookings // 100)
    if args.database.startswith("sqlite"):
        parser.error("ce banc d'essai mesure PostgreSQL")
    url = args.database
    ensure_database(url)
    db.use_database(url)
    _, name = _server(url)
    template = f"{name}_priced_{args.bookings}_{args.venues}"
    if args.reuse and template_exists(url, template):
        copy_database(url, template, name)
        print(f"Base copiée de {template} (chargée et tarifée auparavant)")
    else:
        load_and_price(url, args)
        copy_database(url, name, template)

    read = seconds_of(url, "SELECT count(*), sum(amount) FROM pricings")
    run = measured(url, "run", args.profile)
    summary = run.result
    print(
        f"\nPaiement (payouts.run_payments, échéance du {CUTOFF:%d/%m/%Y}) : "
        f"{summary.payment_count:,} paiements, {summary.booking_count:,} réservations, "
        f"{summary.amount / 100:,.2f} € en {run.seconds:.1f} s ; RSS max {run.rss_mb:.0f} Mo "
        f"(processus Python du paiement ; {run.rss_at_start_mb:.0f} Mo avant de commencer)"
    )
    rerun = measured(url, "rerun")
    print(
        f"Relance de la même échéance : {rerun.result.created} paiement ajouté en "
        f"{rerun.seconds:.2f} s ; RSS max {rerun.rss_mb:.0f} Mo"
    )
    # The statistics of the changed rows, as autovacuum would gather them, before the checks.
    print(f"ANALYZE : {seconds_of(url, 'VACUUM ANALYZE'):.1f} s")
    problems = consistency(url)
    writes = seconds_of(
        url,
        "UPDATE bookings SET status = 'used' WHERE status = 'reimbursed'; "
        "UPDATE pricings SET status = 'validated' WHERE status IN ('paid', 'closed')",
        rollback=True,
    )
    print(
        f"\nRéférences, même base : lire les tarifications (count, sum) {read:.2f} s ; "
        f"plancher des écritures du paiement (2 UPDATE simples, annulés) {writes:.1f} s "
        f"→ paiement = {run.seconds / writes:.1f} × ce plancher"
    )
    print(f"Cohérence : {'oui' if not problems else 'NON : ' + ' ; '.join(problems)}")
    if args.profile:
        print_profile(run)

    targets = [
        (f"paiement ≤ {TARGET_RUN_SECONDS} s", run.seconds <= TARGET_RUN_SECONDS),
        (f"RSS max du paiement ≤ {TARGET_RSS_MB} Mo", run.rss_mb <= TARGET_RSS_MB),
        (
            f"relance ≤ {TARGET_RERUN_SECONDS} s sans rien ajouter",
            rerun.seconds <= TARGET_RERUN_SECONDS
            and rerun.result.created == 0
            and rerun.result.payment_count == summary.payment_count,
        ),
        ("cohérence des montants", not problems),
    ]
    print("\nObjectifs :")
    for label, ok in targets:
        print(f"  {verdict(ok)}  {label}")
    db.dispose_engines()
    return 0 if all(ok for _, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
