"""No user waits for another: while one young user's search is slow (3 s, the test hook
in tests/e2e/slow_search), another user's event on the same backend process is answered
at once — database work runs off the backend's event loop."""

import time

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.browser import expect_path, sign_in
from tests.e2e.slow_search.sitecustomize import SLOW_SECONDS, SLOW_TEXT

pytestmark = pytest.mark.e2e

MAX_ANSWER_MS = 200

# Clicks a card's heart and resolves with the milliseconds until the page shows the
# answer of the server (the button pressed), measured inside the page.
_TIMED_FAVORITE_CLICK = """() => new Promise((resolve) => {
    const list = document.querySelector('[aria-label="Offres trouvées"]');
    const pressed = () => list.querySelector('button[aria-pressed="true"]');
    const started = performance.now();
    const watcher = new MutationObserver(() => {
        if (pressed()) { watcher.disconnect(); resolve(performance.now() - started); }
    });
    watcher.observe(list, {subtree: true, attributes: true, childList: true});
    list.querySelector('button[aria-label="Ajouter aux favoris"]').click();
})"""


def _young_user_on_search(page: Page) -> None:
    user, _deposit = factories.make_beneficiary()
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    page.goto("/recherche")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher")


def _search(page: Page, text: str) -> None:
    field = page.get_by_label("Rechercher une offre, un artiste, un lieu")
    field.fill(text)
    field.press("Enter")


def _context_page(browser, app_url) -> Page:
    context = browser.new_context(
        base_url=app_url, locale="fr-FR", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def test_a_slow_search_does_not_stall_another_user(browser, app_url):
    offer = factories.make_offer(
        name="Tamarin au théâtre", subcategory_id="SPECTACLE_REPRESENTATION"
    )
    factories.make_stock(offer, price=5_00)
    slow, quick = _context_page(browser, app_url), _context_page(browser, app_url)
    try:
        _young_user_on_search(slow)
        _young_user_on_search(quick)
        _search(quick, "tamarin")
        expect(quick.get_by_role("article")).to_have_count(1)

        started = time.perf_counter()
        _search(slow, SLOW_TEXT)
        results = slow.get_by_role("region", name="Résultats")
        expect(results).to_have_attribute("aria-busy", "true")

        answered_ms = quick.evaluate(_TIMED_FAVORITE_CLICK)
        still_searching = slow.evaluate(
            "() => document.querySelector('[aria-label=\"Résultats\"]').ariaBusy === 'true'"
        )
        expect(results).to_have_attribute("aria-busy", "false", timeout=SLOW_SECONDS * 3000)
        slow_seconds = time.perf_counter() - started
    finally:
        slow.context.close()
        quick.context.close()

    assert still_searching, "the slow search had already ended: the test proved nothing"
    assert slow_seconds >= SLOW_SECONDS
    assert answered_ms < MAX_ANSWER_MS, f"the other user waited {answered_ms:.0f} ms"
