"""What a person does in the browser, shared by the browser tests."""

import re
from pathlib import Path

from playwright.sync_api import Page

from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_SCRIPT = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


def sign_in(page: Page, login_path: str, email: str, password: str = factories.PASSWORD) -> None:
    page.goto(login_path)
    fill_sign_in(page, email, password)


def fill_sign_in(page: Page, email: str, password: str = factories.PASSWORD) -> None:
    """The sign-in form of the page shown, filled in and sent."""
    page.get_by_label("Adresse email").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def expect_path(page: Page, path: str) -> None:
    """Wait until the browser shows `path` (with or without a trailing slash)."""
    page.wait_for_url(re.compile(rf"^https?://[^/]+{re.escape(path.rstrip('/'))}/?$"))


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def settled(page: Page) -> None:
    """The animations over (a dialog's opening): axe reads the final colours, not a fade."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def expect_accessible(page: Page) -> None:
    """axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 AA)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate(
        """async () => {
            const result = await window.axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                "best-practice"]},
            });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
            }));
        }"""
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur {page.url} :\n" + "\n".join(
        f"- [{v['impact']}] {v['id']} : {v['help']} → {', '.join(v['targets'])}" for v in blocking
    )
