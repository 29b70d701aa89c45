"""The fortnight's payment run at scale on PostgreSQL (issue 10): pricing, the run, its
re-run, the statements and the SEPA file.

    .venv/bin/python bench/payouts.py [--database URL] [--bookings 1000000] [--venues N]
    .venv/bin/python bench/payouts.py --bookings 100000      # a quick run
    .venv/bin/python bench/payouts.py --reuse --profile      # the priced copy, SQL timed

The database (default `postgresql://postgres@127.0.0.1:5432/pc_bench_payouts`) is created
when missing, migrated, emptied and loaded with a year of used bookings
(bench/payout_data.py); `finance.price_used_bookings` prices them, `payouts.run_payments`
pays the 1 December cut-off and runs it again; then the statements (PDF and CSV) of the
largest payment and of a sample, and the run's SEPA file. Each step runs in a fresh process
(bench/payout_steps.py) that reports its time and its own peak RSS.
Baselines in the same run: reading the pricings (count and sum), and the floor of the
run's writes: the same rows' status set by two plain UPDATEs, on a copy of the priced base.
Targets: the run ≤ 60 s, its peak RSS ≤ 500 MB, the unchanged re-run ≤ 5 s adding nothing.
The loaded, priced base is kept as a template database; `--reuse` starts from a copy of it.
"""

import argparse
import os
import sys
import time

import payout_data  # bench/*.py (the script's folder)
import psycopg
from bench_db import (
    copy_database,
    database_exists,
    database_name,
    drop_database,
    ensure_database,
    named,
)
from payout_steps import CUTOFF, Measure, measured
from sqlalchemy import make_url, text
from sqlmodel import SQLModel

import pass_culture.models  # noqa: F401  (every table in the metadata)
from pass_culture import db, migrations

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/pc_bench_payouts"
TARGET_RUN_SECONDS = 60
TARGET_RSS_MB = 500
TARGET_RERUN_SECONDS = 5
# The run's row writes, alone: bookings « remboursées », their pricings settled.
WRITE_FLOOR = (
    "UPDATE bookings SET status = 'reimbursed', reimbursed_at = now() WHERE status = 'used'",
    "UPDATE pricings SET status = 'closed' WHERE status = 'validated'",
)


def reset_database() -> None:
    migrations.upgrade()
    tables = ", ".join(table.name for table in SQLModel.metadata.sorted_tables)
    with db.get_engine().begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def migrate(url: str, name: str) -> None:
    """Bring database `name` of `url`'s server to the latest migration."""
    db.use_database(make_url(url).set(database=name).render_as_string(hide_password=False))
    migrations.upgrade()
    db.dispose_engines()
    db.use_database(url)


def seconds_of(url: str, *statements: str) -> float:
    with psycopg.connect(url, autocommit=True) as connection:
        began = time.perf_counter()
        for statement in statements:
            connection.execute(statement)
        return time.perf_counter() - began


def analyse(url: str) -> None:
    """What autovacuum does after a million changed rows, before the next step reads them."""
    print(f"VACUUM ANALYZE : {seconds_of(url, 'VACUUM ANALYZE'):.1f} s")


def load_and_price(url: str, bookings: int, venues: int) -> None:
    reset_database()
    began = time.perf_counter()
    loaded = payout_data.load(url, bookings, venues, CUTOFF)
    print(
        f"Chargement : {loaded.bookings:,} réservations utilisées, {loaded.venues:,} lieux "
        f"({loaded.large_venues} grands), {loaded.offerers:,} structures, "
        f"{loaded.accounts:,} comptes bancaires dont {loaded.payable_accounts:,} payables, "
        f"{loaded.offers:,} offres, en {time.perf_counter() - began:.1f} s (COPY)"
    )
    analyse(url)
    pricing = measured(url, "price")
    print(
        f"Tarification (finance.price_used_bookings) : {pricing.result:,} réservations en "
        f"{pricing.seconds:.1f} s, {pricing.result / pricing.seconds:,.0f}/s, "
        f"RSS max {pricing.rss_mb:.0f} Mo"
    )
    analyse(url)
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


def ensure_admin(url: str) -> int:
    """The admin who downloads statements and the SEPA file."""
    with psycopg.connect(url) as connection:
        return connection.execute(
            "INSERT INTO users (email, password_hash, role, first_name, last_name, is_active, "
            "created_at) VALUES ('admin@example.fr', '-', 'admin', 'Alex', 'Admin', true, now()) "
            "ON CONFLICT (email) DO UPDATE SET role = 'admin' RETURNING id"
        ).fetchone()[0]


CHECKS = {
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


def consistency(url: str) -> list[str]:
    """Rule P5 at scale, in SQL: payments equal to their pricings, bookings paid once."""
    with psycopg.connect(url) as connection:
        return [
            f"{label} : {found}"
            for label, query in CHECKS.items()
            if (found := connection.execute(query).fetchone()[0])
        ]


def write_floor(url: str, template: str) -> float:
    """The run's row writes as two plain UPDATEs, on a throwaway copy of the priced base."""
    floor = f"{template}_plancher"
    copy_database(url, template, floor)
    try:
        return seconds_of(named(url, floor), *WRITE_FLOOR)
    finally:
        drop_database(url, floor)


def print_run(run: Measure, load: tuple[float, float]) -> None:
    summary = run.result
    print(
        f"\nPaiement (payouts.run_payments, échéance du {CUTOFF:%d/%m/%Y}) : "
        f"{summary.payment_count:,} paiements, {summary.booking_count:,} réservations, "
        f"{summary.amount / 100:,.2f} € en {run.seconds:.1f} s ; RSS max {run.rss_mb:.0f} Mo "
        f"(le processus Python du paiement ; {run.rss_at_start_mb:.0f} Mo avant de commencer) ; "
        f"charge moyenne {load[0]:.1f} avant, {load[1]:.1f} après ({os.cpu_count()} cœurs)"
    )
    if run.statements:
        print("Instructions SQL du paiement, par temps total (s, nombre, début) :")
        for total, count, key in run.statements:
            print(f"  {total:7.2f} {count:6d}  {key}")


def print_documents(statements: Measure, transfers: Measure) -> None:
    times = statements.result
    for label, part in (("le plus gros", times.largest), ("échantillon", times.sample)):
        print(
            f"Justificatifs, {label} : {part.payments} paiement(s), {part.bookings:,} "
            f"réservations ; PDF {part.pdf_seconds:.2f} s ({part.pdf_bytes / 1024:,.0f} Ko), "
            f"CSV {part.csv_seconds:.2f} s ({part.csv_bytes / 1024:,.0f} Ko)"
        )
    print(
        f"Justificatifs des {times.all_payments:,} paiements (extrapolé de l'échantillon) : "
        f"≈ {times.extrapolated_seconds:.0f} s ; RSS max {statements.rss_mb:.0f} Mo"
    )
    count, size = transfers.result
    print(
        f"Fichier SEPA (services.sepa.transfer_file) : {count:,} virements, "
        f"{size / 1024:,.0f} Ko en {transfers.seconds:.1f} s ; RSS max {transfers.rss_mb:.0f} Mo"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--venues", type=int, help="par défaut : un pour 100 réservations")
    parser.add_argument("--reuse", action="store_true", help="repartir de la copie tarifée")
    parser.add_argument("--profile", action="store_true", help="temps de chaque instruction")
    args = parser.parse_args(argv)
    venues = args.venues or max(10, args.bookings // 100)
    if args.database.startswith("sqlite"):
        parser.error("ce banc d'essai mesure PostgreSQL")
    url = args.database
    ensure_database(url)
    db.use_database(url)
    name = database_name(url)
    template = f"{name}_tarifee_{args.bookings}_{venues}"
    if args.reuse and database_exists(url, template):
        migrate(url, template)  # it may predate the latest migrations
        copy_database(url, template, name)
        print(f"Base copiée de {template} (chargée et tarifée auparavant)")
    else:
        load_and_price(url, args.bookings, venues)
        copy_database(url, name, template)

    read = seconds_of(url, "SELECT count(*), sum(amount) FROM pricings")
    load_before = os.getloadavg()[0]
    run = measured(url, "run", profile=args.profile)
    print_run(run, (load_before, os.getloadavg()[0]))
    rerun = measured(url, "rerun")
    print(
        f"Relance de la même échéance : {rerun.result.created} paiement ajouté en "
        f"{rerun.seconds:.2f} s ; RSS max {rerun.rss_mb:.0f} Mo"
    )
    analyse(url)
    problems = consistency(url)
    admin_id = ensure_admin(url)
    print_documents(measured(url, "statements", admin_id), measured(url, "sepa", admin_id))
    floor = write_floor(url, template)
    print(
        f"\nRéférences, même machine : lire les tarifications (count, sum) {read:.2f} s ; "
        f"plancher des écritures du paiement (2 UPDATE simples) {floor:.1f} s "
        f"→ le paiement prend {run.seconds / floor:.1f} × ce plancher"
    )
    print(f"Cohérence : {'oui' if not problems else 'NON : ' + ' ; '.join(problems)}")

    targets = [
        (f"paiement ≤ {TARGET_RUN_SECONDS} s", run.seconds <= TARGET_RUN_SECONDS),
        (f"RSS max du paiement ≤ {TARGET_RSS_MB} Mo", run.rss_mb <= TARGET_RSS_MB),
        (
            f"relance ≤ {TARGET_RERUN_SECONDS} s sans rien ajouter",
            rerun.seconds <= TARGET_RERUN_SECONDS
            and rerun.result.created == 0
            and rerun.result.payment_count == run.result.payment_count,
        ),
        ("cohérence des montants", not problems),
    ]
    print("\nObjectifs :")
    for label, ok in targets:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    db.dispose_engines()
    return 0 if all(ok for _, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
