"""Create the PostgreSQL test database named in TEST_POSTGRES_URL when it is missing.

Exits with an error (never silently) when the server cannot be reached.
"""

import os
import sys

import psycopg

from pass_culture import db


def main() -> int:
    url = os.environ["TEST_POSTGRES_URL"]
    try:
        if db.create_postgres_database(url):
            print(f"Base de test PostgreSQL créée : {url}")
    except ValueError as error:
        print(f"TEST_POSTGRES_URL : {error}", file=sys.stderr)
        return 1
    except psycopg.OperationalError as error:
        print(f"PostgreSQL injoignable ({url}) : {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
