"""Profil: my credit (rules C1–C6) with every debit and refund, my account, sign-out."""

import pytest
from playwright.sync_api import expect

from services import bookings
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot
from tests.e2e.youth import concert, expect_fits_the_phone, expect_heading, signed_in_young

pytestmark = pytest.mark.e2e


def test_my_credit_shows_balance_allowances_expiry_and_history(mobile_page):
    page = mobile_page
    user, _deposit = signed_in_young(page, first_name="Léa", last_name="Dupont")
    book = factories.make_stock(factories.make_offer(name="Le Petit Prince"), price=8_00)
    bookings.book(user.id, book.id)
    ebook = factories.make_offer(
        name="Roman numérique", subcategory_id="LIVRE_NUMERIQUE", url="https://lire.example.fr/r"
    )
    bookings.book(user.id, factories.make_stock(ebook, price=5_00).id)
    _offer, stock = concert("Concert remboursé", price=20_00)
    bookings.cancel_by_beneficiary(user.id, bookings.book(user.id, stock.id).id)

    page.get_by_role("link", name="Profil").click()
    expect_path(page, "/profil")
    expect_heading(page, "Profil")
    expect(page.get_by_text("287,00 €", exact=True)).to_be_visible()
    expect(page.get_by_text("Offres numériques")).to_be_visible()
    expect(page.get_by_text("95,00 €", exact=True)).to_be_visible()
    expect(page.get_by_text("Biens physiques")).to_have_count(0)  # no such cap by default
    expect(page.get_by_text("Crédit valable jusqu’au")).to_be_visible()
    history = page.get_by_role("list").filter(has_text="Le Petit Prince")
    expect(history.get_by_role("listitem")).to_have_count(4)
    expect(history.get_by_text("+20,00 €")).to_be_visible()
    expect(history.get_by_text("-20,00 €")).to_be_visible()
    expect(history.get_by_text("-8,00 €")).to_be_visible()
    expect(page.get_by_text("Léa Dupont")).to_be_visible()
    expect(page.get_by_text(user.email)).to_be_visible()
    screenshot(page, "youth-profile")
    expect_fits_the_phone(page)
    expect_accessible(page)

    page.get_by_role("button", name="Se déconnecter").click()
    expect_path(page, "/connexion")
    page.goto("/profil")
    expect_path(page, "/connexion")


def test_the_2018_preset_shows_the_physical_allowance(mobile_page):  # rule C1
    page = mobile_page
    signed_in_young(page, preset="experimentation_2018")
    page.goto("/profil")
    expect(page.get_by_text("500,00 €", exact=True)).to_be_visible()
    expect(page.get_by_text("Biens physiques")).to_be_visible()
    expect(page.get_by_text("100,00 €", exact=True)).to_be_visible()
    expect(page.get_by_text("200,00 €", exact=True)).to_be_visible()
    expect(page.get_by_text("Aucune dépense pour l’instant.")).to_be_visible()
