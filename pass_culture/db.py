"""Database access: one engine per URL, transactions and row locking.

Locking rules (see services that change money or stock):
- lock late: read what you can first, lock just before deciding;
- lock once, in a fixed order: deposit, then stock, then booking, then the pricing
  point (establishment venue), by id;
- on PostgreSQL rows are locked with SELECT … FOR NO KEY UPDATE (lockers wait for each
  other, but inserting a row that references a locked one does not wait); on SQLite a
  write transaction starts with BEGIN IMMEDIATE, which already serialises writers;
- one statement may lock rows of several tables: PostgreSQL locks them in the order of
  its OF list (`locked(query, of=(Deposit, Stock))`), which keeps the global order.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeVar

from sqlalchemy import Connection, Engine, Select, event
from sqlmodel import Session, SQLModel, create_engine, select

from pass_culture.settings import get_settings

Row = TypeVar("Row", bound=SQLModel)
Query = TypeVar("Query", bound=Select)
# What runs statements: an ORM session or a bare connection (`sql_transaction`).
Executor = Session | Connection

_engines: dict[str, Engine] = {}
_url_override: str | None = None

# Test-only switch: the concurrency tests turn it off to show that the race they
# guard against really happens without the locks.
locking_enabled = True


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own
            # implicit transactions would defeat BEGIN IMMEDIATE).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection):
            immediate = connection.get_execution_options().get("sqlite_immediate")
            if immediate and locking_enabled:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.exec_driver_sql("BEGIN")

        return engine
    # Connections are recycled rather than pinged before each use (one round trip less
    # per transaction); a server restart costs one failed request per pooled connection.
    # A fixed pool: past its size, callers queue for a connection instead of opening new
    # ones (each costs a PostgreSQL process, and max_connections is shared by every worker).
    settings = get_settings()
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_seconds,
        pool_recycle=1800,
    )


def database_url() -> str:
    url = _url_override or get_settings().database_url
    # Plain postgresql:// URLs (as libpq writes them) go through psycopg 3.
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def use_database(url: str | None) -> None:
    """Point the process at another database (tests, CLI `--database`)."""
    global _url_override
    _url_override = url


def get_engine() -> Engine:
    url = database_url()
    if url not in _engines:
        _engines[url] = _make_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def is_sqlite() -> bool:
    return get_engine().dialect.name == "sqlite"


def _engine_for(write: bool) -> Engine:
    engine = get_engine()
    return engine.execution_options(sqlite_immediate=True) if write else engine


@contextmanager
def transaction(*, write: bool = True) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any exception."""
    with Session(_engine_for(write), expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def sql_transaction(*, write: bool = True) -> Iterator[Connection]:
    """The same on a bare connection, without the ORM's bookkeeping: for hot paths
    written as SQL statements (rows, not model objects)."""
    with _engine_for(write).begin() as connection:
        yield connection


def locked(query: Query, *, of: tuple[type[SQLModel], ...] = ()) -> Query:
    """The statement locking the rows it reads (of the tables `of`, in that order, else of
    all its tables), unless the test switch turned locking off.

    For statements built once (module constants): their locked copy is kept, so that each
    run reuses its compiled form and result layout.
    """
    return _locked_copy(query, of) if locking_enabled else query


def _for_update(query: Query, of: tuple[type[SQLModel], ...] = ()) -> Query:
    return query.with_for_update(key_share=True, of=list(of) or None)


_locked_copy = lru_cache(maxsize=64)(_for_update)


def lock(session: Session, model: type[Row], ids: Sequence[int]) -> list[Row]:
    """Load rows by id, locked for update in id order."""
    query = (
        select(model)
        .where(model.id.in_(sorted(set(ids))))
        .order_by(model.id)
        .execution_options(populate_existing=True)
    )
    return list(session.exec(_for_update(query) if locking_enabled else query))


def lock_one(session: Session, model: type[Row], row_id: int) -> Row | None:
    rows = lock(session, model, [row_id])
    return rows[0] if rows else None


def create_postgres_database(url: str) -> bool:
    """Creates the PostgreSQL database that `url` names when it is missing (True if it
    did). Raises ValueError when the URL names none, psycopg.OperationalError when the
    server cannot be reached."""
    import psycopg  # PostgreSQL-only: SQLite installs never load the driver
    from psycopg import sql

    info = psycopg.conninfo.conninfo_to_dict("postgresql://" + url.split("://", 1)[1])
    name = info.get("dbname")
    if not name:
        raise ValueError(f"L'adresse ne nomme pas de base de données : {url}")
    server = info | {"dbname": "postgres"}
    with psycopg.connect(**server, autocommit=True, connect_timeout=5) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        if connection.execute(query, (name,)).fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True
