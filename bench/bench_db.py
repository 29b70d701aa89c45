"""Benchmark databases: created when missing, so a first run needs no set-up."""

from pathlib import Path

import psycopg
from psycopg import sql


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
    plain = "postgresql://" + url.split("://", 1)[1]
    info = psycopg.conninfo.conninfo_to_dict(plain)
    name = info.get("dbname")
    if not name:
        raise SystemExit(f"L'adresse ne nomme pas de base de données : {url}")
    try:
        with psycopg.connect(
            **(info | {"dbname": "postgres"}), autocommit=True, connect_timeout=5
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Base PostgreSQL « {name} » créée.")
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL injoignable ({url}) : {error}") from None
