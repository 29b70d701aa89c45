"""Benchmark databases: created when missing, so a first run needs no set-up."""

from pathlib import Path

import psycopg
from psycopg import sql

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


def _server(url: str) -> psycopg.Connection:
    """An autocommit connection to the `postgres` database of `url`'s server."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    return psycopg.connect(**(info | {"dbname": "postgres"}), autocommit=True)


def database_name(url: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(url)["dbname"]


def named(url: str, name: str) -> str:
    """The libpq connection string of database `name` on `url`'s server."""
    return psycopg.conninfo.make_conninfo(url, dbname=name)


def database_exists(url: str, name: str) -> bool:
    with _server(url) as server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def copy_database(url: str, source: str, target: str) -> None:
    """`target` (dropped first) becomes a file copy of `source`, on `url`'s server. Closes
    this process's pooled connections: nobody may be connected to `source`."""
    db.dispose_engines()
    drop_database(url, target)
    with _server(url) as server:
        server.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(target), sql.Identifier(source)
            )
        )


def drop_database(url: str, name: str) -> None:
    with _server(url) as server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
