"""Create the PostgreSQL test database named in TEST_POSTGRES_URL when it is missing.

Exits with an error (never silently) when the server cannot be reached.
"""

import os
import sys

import psycopg
from psycopg import sql


def main() -> int:
    url = os.environ["TEST_POSTGRES_URL"]
    info = psycopg.conninfo.conninfo_to_dict(url.replace("postgresql+psycopg://", "postgresql://"))
    name = info.get("dbname")
    if not name:
        print(f"TEST_POSTGRES_URL ne nomme pas de base de données : {url}", file=sys.stderr)
        return 1
    try:
        with psycopg.connect(
            **(info | {"dbname": "postgres"}), autocommit=True, connect_timeout=5
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Base de test PostgreSQL « {name} » créée.")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL injoignable ({url}) : {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
