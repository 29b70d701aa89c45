"""What a person does in the browser, shared by the browser tests."""

import re
from pathlib import Path

from playwright.sync_api import Page

from tests import factories

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def sign_in(page: Page, login_path: str, email: str, password: str = factories.PASSWORD) -> None:
    page.goto(login_path)
    page.get_by_label("Adresse email").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def expect_path(page: Page, path: str) -> None:
    """Wait until the browser shows `path` (with or without a trailing slash)."""
    page.wait_for_url(re.compile(rf"^https?://[^/]+{re.escape(path.rstrip('/'))}/?$"))


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
