"""Browser tests: the production build of the app, started once, driven in Chromium.

The app runs in its own process group (`reflex run --env prod`, one port) against a
throwaway SQLite database that the tests fill with the factories.
"""

import pytest
from playwright.sync_api import Page, sync_playwright

from pass_culture import db, migrations, server
from tests.oidc_provider import provider_settings

# The app's own log, kept after the run (and read by the tests that check what it says).
APP_LOG = server.ROOT / "test-artifacts" / "reflex.log"
SLOW_SEARCH_HOOK = server.ROOT / "tests" / "e2e" / "slow_search"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def app_database_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'app.db'}"
    db.use_database(url)
    try:
        migrations.upgrade()
    finally:
        db.use_database(None)
    return url


@pytest.fixture(autouse=True)
def _factories_write_to_the_app_database(app_database_url):
    db.use_database(app_database_url)
    yield
    db.use_database(None)


@pytest.fixture(scope="session")
def app_url(app_database_url, oidc_provider) -> str:
    # The slow-search hook (tests/e2e/slow_search) is loaded by the server's Python.
    # FranceConnect points at the session's local OpenID provider, already serving.
    env = {"PYTHONPATH": str(SLOW_SEARCH_HOOK)} | provider_settings(oidc_provider)
    try:
        with server.running_app(app_database_url, APP_LOG, env) as url:
            yield url
    except server.ServerFailed as failure:
        pytest.fail(str(failure))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url) -> Page:
    """A fresh browser profile (no cookie, no service worker) on the desktop."""
    context = browser.new_context(base_url=app_url, locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser, app_url) -> Page:
    """A fresh browser profile the size of a phone (the youth app is mobile first)."""
    context = browser.new_context(
        base_url=app_url,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
