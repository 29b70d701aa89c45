"""The favourites page on a phone: empty, then sorted lists, removal, an offer that can
no longer be booked."""

import pytest
from playwright.sync_api import expect

from pass_culture import clock
from services import favorites
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e


def test_favorites_sorted_removed_and_marked_when_no_longer_bookable(mobile_page):
    page = mobile_page
    user, _deposit = factories.make_beneficiary()
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    page.goto("/favoris")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes favoris")
    expect(page.get_by_text("Aucun favori pour l'instant")).to_be_visible()
    expect(page.get_by_role("link", name="Découvrir des offres")).to_have_attribute(
        "href", "/recherche"
    )
    expect_accessible(page)

    cheap = factories.make_offer(name="Poche bon marché")
    factories.make_stock(cheap, price=3_00)
    dear = factories.make_offer(name="Beau livre")
    factories.make_stock(dear, price=40_00)
    gone = factories.make_offer(name="Livre épuisé")
    factories.make_stock(gone, quantity=1, booked_quantity=1)
    now = clock.utcnow()
    favorites.add_favorite(user.id, cheap.id, now=now)
    favorites.add_favorite(user.id, gone.id, now=now + factories.MINUTE)
    favorites.add_favorite(user.id, dear.id, now=now + 2 * factories.MINUTE)

    page.reload()
    cards = page.get_by_role("list", name="Mes favoris").get_by_role("article")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_contain_text("Beau livre")  # added last
    expect(cards.filter(has_text="Livre épuisé")).to_contain_text("Plus disponible")
    screenshot(page, "youth-favorites")
    expect_accessible(page)

    page.get_by_label("Trier par").select_option(label="Prix croissant")
    expect(cards.nth(0)).to_contain_text("Poche bon marché")
    expect(cards.nth(2)).to_contain_text("Livre épuisé")  # no price any more: last

    page.get_by_label("Trier par").select_option(label="Proximité géographique")
    expect(page.get_by_role("status")).to_contain_text("Choisis d'abord un lieu")

    cards.filter(has_text="Beau livre").get_by_role("button", name="Retirer des favoris").click()
    expect(cards).to_have_count(2)
    assert favorites.favorite_ids(user.id, [dear.id]) == set()
