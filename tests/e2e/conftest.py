"""Browser tests: the production build of the app, started once, driven in Chromium.

The app runs in its own process group (`reflex run --env prod`, one port) against a
throwaway SQLite database that the tests fill with the factories.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from pass_culture import db, migrations

ROOT = Path(__file__).resolve().parents[2]
# The app's own log, kept after the run (and read by the tests that check what it says).
APP_LOG = ROOT / "test-artifacts" / "reflex.log"
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
START_TIMEOUT_SECONDS = 300


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"L'application s'est arrêtée au démarrage :\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2):  # noqa: S310
                with urllib.request.urlopen(f"{url}/connexion/", timeout=2):  # noqa: S310
                    return
        except OSError:
            time.sleep(1)
    pytest.fail(f"L'application n'a pas démarré à temps :\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_url(app_database_url) -> str:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = APP_LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    env = os.environ | {
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{os.environ['PATH']}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "DATABASE_URL": app_database_url,
        "REFLEX_DB_URL": app_database_url,
        "SCHEDULER_ENABLED": "false",
        "PUBLIC_URL": url,
    }
    command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
    command += ["--frontend-port", str(port), "--backend-port", str(port)]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


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
