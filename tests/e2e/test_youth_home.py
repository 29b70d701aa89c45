"""The youth home on a phone: a prompt to choose a place, then offers near it, the
venues' highlights (rule F11), the category doors and "À découvrir" (rule E1)."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from pass_culture import clock
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e


def test_home_shows_categories_discovery_and_offers_near_the_chosen_place(mobile_page):
    page = mobile_page
    user, deposit = factories.make_beneficiary(first_name="Noé")
    # In Brest, away from the other browser tests' offers (around Strasbourg).
    venue = factories.make_venue(
        name="Librairie du Dragon",
        city="Brest",
        postal_code="29200",
        department_code="29",
        latitude=48.3904,
        longitude=-4.4861,
    )
    booked = factories.make_offer(venue, subcategory_id="LIVRE_PAPIER", name="Livre déjà lu")
    factories.make_booking(factories.make_stock(booked), user, deposit)
    soon = clock.utcnow() + timedelta(days=2)
    show = factories.make_offer(
        venue,
        subcategory_id="SPECTACLE_REPRESENTATION",
        name="Spectacle Dragon",
        image_url="/demo/spectacles-1.svg",
        highlighted_at=clock.utcnow(),  # rule F11: the venue puts it forward
    )
    factories.make_stock(show, price=8_00, beginning_at=soon, booking_limit_at=soon)

    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Noé\u00a0!")
    expect(page.get_by_role("link", name="Choisir un lieu")).to_be_visible()

    doors = (
        page.get_by_role("region")
        .or_(page.locator("section"))
        .filter(has=page.get_by_role("heading", name="Explorer les catégories"))
    )
    expect(doors.get_by_role("link")).to_have_count(13)
    discover = page.locator("section").filter(has=page.get_by_role("heading", name="À découvrir"))
    expect(discover.get_by_role("article").first).to_be_visible()
    expect(discover).not_to_contain_text("Livre déjà lu")  # rule E1: a category booked
    expect(discover).to_contain_text("Pourquoi cette offre ?")
    expect(discover).to_contain_text("Tu n'as encore rien réservé en Spectacles.")
    expect_accessible(page)

    page.get_by_role("link", name="Cinéma").click()
    expect(page).to_have_url(re.compile(r"/recherche/?\?categorie=CINEMA$"))
    expect(page.get_by_role("button", name="Retirer le filtre Cinéma")).to_be_visible()

    page.get_by_role("button", name=re.compile("^Où")).click()
    page.get_by_label("Ville ou code postal").press_sequentially("29200")
    page.get_by_role("button", name="Brest (29200)").click()
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Accueil"
    ).click()
    expect_path(page, "/")
    near = page.locator("section").filter(has=page.get_by_role("heading", name="Près de chez toi"))
    expect(near).to_contain_text("Autour de Brest (29200)")
    expect(near.get_by_role("article").filter(has_text="Spectacle Dragon")).to_be_visible()
    highlights = page.get_by_role("region", name=re.compile("^Coups de cœur"))
    expect(highlights.get_by_role("img", name="Spectacle Dragon")).to_be_visible()
    screenshot(page, "youth-home")
    expect_accessible(page)
