"""Security headers on the production build (a page, an asset, an API route, a
download) and a content security policy that the main pages run under without a
single violation."""

import re

import pytest
from playwright.sync_api import Page, expect

from pass_culture.models import Role
from tests import factories
from tests.e2e.browser import expect_path, sign_in
from tests.e2e.test_youth_search import _catalogue, _choose_strasbourg

pytestmark = pytest.mark.e2e


def test_a_page_an_asset_an_api_route_and_a_download_carry_the_headers(page):
    page.goto("/connexion")
    script = page.locator("script[type=module]").first.inner_text()
    [asset] = re.findall(r'"(/assets/[^"]+\.js)"', script)[:1]

    downloads = "/pro/exports/reservations.csv"
    for path in ("/connexion/", asset, "/manifest.json", "/api/sante", downloads):
        response = page.request.get(path, max_redirects=0)
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert headers["x-content-type-options"] == "nosniff", path
        # Served over http here: no HSTS.
        assert "strict-transport-security" not in headers, path


# Violations are caught by the page's own event (and Chromium's console message).
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _watched(page: Page) -> list[str]:
    page.add_init_script(WATCH_VIOLATIONS)
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return console


def _no_violation(page: Page, console: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__cspViolations") == [], page.url
    assert console == [], page.url


def test_the_main_pages_run_without_a_policy_violation(mobile_page, browser, app_url):
    page = mobile_page
    console = _watched(page)
    _catalogue("Okapi")
    young, _deposit = factories.make_beneficiary(first_name="Léa")

    page.goto("/connexion")
    _no_violation(page, console)
    sign_in(page, "/connexion", young.email)
    expect_path(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Léa\u00a0!")
    _no_violation(page, console)
    page.goto("/recherche?q=okapi")
    _choose_strasbourg(page)
    page.get_by_role("button", name="Carte").click()
    expect(page.locator(".leaflet-container")).to_be_visible()
    _no_violation(page, console)

    desktop = browser.new_context(base_url=app_url, locale="fr-FR")
    pro_page = desktop.new_page()
    pro_console = _watched(pro_page)
    pro = factories.make_pro(factories.make_offerer())
    sign_in(pro_page, "/pro/connexion", pro.email)
    expect_path(pro_page, "/pro")
    _no_violation(pro_page, pro_console)
    pro_page.goto("/pro/guichet")
    expect(pro_page.get_by_role("heading", level=1)).to_have_text("Guichet")
    _no_violation(pro_page, pro_console)
    admin = factories.make_user(Role.ADMIN)
    sign_in(pro_page, "/admin/connexion", admin.email)
    expect_path(pro_page, "/admin")
    _no_violation(pro_page, pro_console)
    desktop.close()
