"""Test databases: every test that asks for `database` runs on SQLite and, when
TEST_POSTGRES_URL is set, again on PostgreSQL. A PostgreSQL that cannot be reached
fails the tests; it never skips them."""

import os

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

import pass_culture.models  # noqa: F401
from pass_culture import db, migrations
from services import audit
from tests.oidc_provider import local_provider, use_provider

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def pytest_configure(config):
    if os.environ.get("CI") == "true" and not POSTGRES_URL:
        raise pytest.UsageError(
            "CI doit lancer les tests de base de données sur PostgreSQL : "
            "TEST_POSTGRES_URL n'est pas défini."
        )


def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright's sync API keeps an event loop running in the main
    thread until the session ends, which asyncio-based tests cannot share. Tests that run
    on PostgreSQL are marked `postgresql` (scripts/test.sh runs them in their own process)."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgresql = callspec is not None and callspec.params.get("database") == "postgresql"
        if on_postgresql or "postgres" in item.fixturenames:
            item.add_marker(pytest.mark.postgresql)


_prepared: dict[str, str] = {}


def _prepare(backend: str, tmp_path_factory) -> str:
    """Migrate a fresh database of this backend once per test session."""
    if backend not in _prepared:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        else:
            url = POSTGRES_URL
        db.use_database(url)
        if backend == "postgresql":
            with db.get_engine().begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        migrations.upgrade()
        _prepared[backend] = url
    return _prepared[backend]


def truncate_all() -> None:
    tables = [t.name for t in SQLModel.metadata.sorted_tables]
    with db.get_engine().begin() as connection:
        if db.is_sqlite():
            # SQLite has no TRUNCATE: the audit log's guards are lifted while it is emptied.
            audit.uninstall_guards(connection)
            for name in reversed(tables):
                connection.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608
            audit.install_guards(connection)
        else:
            # DELETE empties these small tables many times faster than TRUNCATE (which makes
            # new files for each); the replica role skips the triggers (foreign keys, the audit
            # log's guards) for this cleanup only, and the ids start again from 1.
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608
            connection.execute(
                text(
                    "SELECT setval(oid, 1, false) FROM pg_class "
                    "WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace"
                )
            )


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path_factory):
    """A clean, migrated database; yields the backend name ("sqlite" or "postgresql")."""
    url = _prepare(request.param, tmp_path_factory)
    db.use_database(url)
    truncate_all()
    yield request.param
    db.locking_enabled = True
    db.use_database(None)


@pytest.fixture
def postgres(tmp_path_factory):
    """PostgreSQL only (concurrency proofs); fails when TEST_POSTGRES_URL is missing."""
    if not POSTGRES_URL:
        pytest.fail("TEST_POSTGRES_URL n'est pas défini : ce test exige PostgreSQL.")
    url = _prepare("postgresql", tmp_path_factory)
    db.use_database(url)
    truncate_all()
    yield url
    db.locking_enabled = True
    db.use_database(None)


@pytest.fixture(scope="session")
def oidc_provider():
    """The local OpenID provider standing in for FranceConnect, one per test session."""
    with local_provider() as provider:
        yield provider


@pytest.fixture
def france_connect_provider(oidc_provider, monkeypatch):
    """The provider with its default behaviour, and this process's settings pointing at it."""
    oidc_provider.reset()
    use_provider(monkeypatch, oidc_provider)
    return oidc_provider
