"""Benchmark databases: created when missing, so a first run needs no set-up."""

from pathlib import Path

import psycopg

from pass_culture import db


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in `url` (or the SQLite file's folder)."""
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[-1]
        if path and path != ":memory:":
            folder = Path(path).parent
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():  # benchmark data stays out of git
                ignore.write_text("*\n")
        return
    try:
        if db.create_postgres_database(url):
            print(f"Base PostgreSQL créée : {url}")
    except ValueError as error:
        raise SystemExit(str(error)) from None
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL injoignable ({url}) : {error}") from None
