"""A youth page loaded afresh (first visit, reload) looks as it does after a client-side
navigation: the prerendered HTML hydrates without a mismatch, so the components' own
styles keep winning over the Radix stylesheet."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.browser import expect_path, sign_in

pytestmark = pytest.mark.e2e

PURPLE = "rgb(50, 0, 150)"  # #320096
CINEMA_DOOR = "rgb(228, 220, 255)"  # #E4DCFF
YOUTH_PAGES = {
    "/": "Accueil",
    "/recherche": "Recherche",
    "/reservations": "Réservations",
    "/favoris": "Favoris",
    "/profil": "Profil",
}


def test_styled_links_keep_their_style_on_a_fresh_load(mobile_page):
    page = mobile_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    user, _ = factories.make_beneficiary()
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")

    for path, tab_name in YOUTH_PAGES.items():
        page.goto(path)
        page.reload()
        navigation = page.get_by_role("navigation", name="Navigation principale")
        active_tab = navigation.get_by_role("link", name=tab_name)
        expect(active_tab).to_have_attribute("aria-current", "page")
        expect(active_tab).to_have_css("color", PURPLE)
        expect(active_tab).to_have_css("display", "flex")
        if path == "/":
            door = page.get_by_role("link", name="Cinéma", exact=True)
            expect(door).to_have_css("background-color", CINEMA_DOOR)
        assert not errors, f"{path} : {errors}"
