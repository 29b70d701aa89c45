"""The frame of the youth app as a new user meets it: tab bar, unknown addresses,
a lost connection, and what the server says when it starts."""

import subprocess

import pytest
from playwright.sync_api import expect

from pass_culture import server
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.conftest import APP_LOG

pytestmark = pytest.mark.e2e

TABS = ["Accueil", "Recherche", "Réservations", "Favoris", "Profil"]


def test_an_anonymous_visitor_never_sees_a_signed_in_header(mobile_page):
    # The page as served, before any script runs (what a visitor without JavaScript sees).
    html = mobile_page.request.get("/").text()
    assert "Connecté en tant que" not in html
    assert "Se déconnecter" not in html

    mobile_page.goto("/")
    expect_path(mobile_page, "/connexion")
    expect(mobile_page.get_by_text("Se déconnecter")).to_have_count(0)
    expect_accessible(mobile_page)


def test_the_tab_bar_leads_to_every_part_of_the_app(mobile_page):
    page = mobile_page
    user, _deposit = factories.make_beneficiary(first_name="Inès")
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")

    navigation = page.get_by_role("navigation", name="Navigation principale")
    for label in TABS:
        expect(navigation.get_by_role("link", name=label)).to_be_visible()
    expect(navigation.get_by_role("link", name="Accueil")).to_have_attribute("aria-current", "page")
    screenshot(page, "youth-tab-bar")
    expect_accessible(page)


def test_an_unknown_address_gives_a_french_page_with_a_way_home(mobile_page):
    page = mobile_page
    page.goto("/cette-page-n-existe-pas")

    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page).to_have_title("Page introuvable — pass Culture")
    expect(page.get_by_text("404: Page not found")).to_have_count(0)
    screenshot(page, "not-found")
    expect_accessible(page)
    page.get_by_role("link", name="Retour à l'accueil").click()
    expect_path(page, "/connexion")


def test_a_lost_connection_shows_a_calm_french_notice(mobile_page):
    page = mobile_page
    user, _deposit = factories.make_beneficiary()
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.context.set_offline(True)
    notice = page.get_by_role("status").filter(has_text="Connexion perdue")
    expect(notice).to_have_text("Connexion perdue, nouvelle tentative…", timeout=30_000)
    expect(page.get_by_text("Cannot connect to server")).to_have_count(0)
    screenshot(page, "connection-lost")

    page.context.set_offline(False)
    expect(notice).to_have_count(0, timeout=30_000)


def test_the_server_registers_each_page_once(app_url):
    assert APP_LOG.exists()
    assert "is being redefined" not in APP_LOG.read_text()


def test_the_build_leaves_the_committed_frontend_lock_unchanged(app_url):
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "reflex.lock"],
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert changed == "", f"the build rewrote reflex.lock/:\n{changed}"
