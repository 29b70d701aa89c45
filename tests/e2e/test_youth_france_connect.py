"""A young user with a complete, eligible profile checks their identity with FranceConnect
(the session's local OpenID provider) and comes back with the credit (rule C1)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.youth import expect_fits_the_phone, expect_heading
from tests.oidc_provider import born_18_years_ago, matching_young

pytestmark = pytest.mark.e2e

PAGE = "/verification-identite/franceconnect"


def _result(query: str) -> re.Pattern:
    """The result page with `query` (the server adds the canonical trailing slash)."""
    return re.compile(rf"{re.escape(PAGE)}/?\?{re.escape(query)}$")


def test_france_connect_activates_the_credit(mobile_page, france_connect_provider):
    page = mobile_page
    france_connect_provider.identity["birthdate"] = born_18_years_ago().isoformat()
    young = matching_young(france_connect_provider)
    sign_in(page, "/connexion", young.email)
    expect_path(page, "/")
    page.goto(PAGE)
    expect_heading(page, "Vérifier ton identité")
    button = page.get_by_role("link", name="S'identifier avec FranceConnect")
    expect(button).to_be_visible()
    expect(page.get_by_role("link", name="Qu'est-ce que FranceConnect ?")).to_have_attribute(
        "href", "https://franceconnect.gouv.fr/"
    )
    screenshot(page, "youth-france-connect")
    expect_fits_the_phone(page)
    expect_accessible(page)

    button.click()
    page.wait_for_url(_result("resultat=activated"))
    expect(page.get_by_text("Ton identité est vérifiée")).to_be_visible()
    screenshot(page, "youth-france-connect-activated")
    expect_accessible(page)
    page.get_by_role("link", name="Voir mon crédit").click()
    expect_path(page, "/profil")
    expect(page.get_by_text("300,00 €", exact=True)).to_be_visible()


def test_a_cancelled_check_says_so_in_french(mobile_page, france_connect_provider):
    page = mobile_page
    france_connect_provider.identity["birthdate"] = born_18_years_ago().isoformat()
    france_connect_provider.deny = True
    young = matching_young(france_connect_provider)
    sign_in(page, "/connexion", young.email)
    expect_path(page, "/")
    page.goto(PAGE)
    page.get_by_role("link", name="S'identifier avec FranceConnect").click()
    page.wait_for_url(_result("erreur=cancelled"))
    expect(page.get_by_role("alert")).to_contain_text("Tu as annulé l'identification")
    screenshot(page, "youth-france-connect-cancelled")
    expect_accessible(page)
    # A code the app does not know shows a fixed text, never what the address says.
    page.goto(f"{PAGE}?erreur=<b>piège</b>")
    expect(page.get_by_role("alert")).to_contain_text("n'a pas pu être vérifiée")
    expect(page.get_by_text("piège")).to_have_count(0)
