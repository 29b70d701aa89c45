"""Booking from the offer page as a young user does it: choose, confirm, get the ticket;
duo; a refusal in plain French; a pro's preview that cannot book (rules B1–B5, C3, F5, E4)."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking
from services import bookings, deposits
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.youth import (
    concert,
    expect_fits_the_phone,
    expect_heading,
    open_ticket_path,
    signed_in_young,
)

pytestmark = pytest.mark.e2e


def _booking(booking_id: int) -> Booking:
    with db.transaction(write=False) as session:
        return session.exec(select(Booking).where(Booking.id == booking_id)).one()


def test_book_an_offer_through_the_confirmation_step(mobile_page):
    page = mobile_page
    user, _deposit = signed_in_young(page)
    offer, stock = concert(description="Un quartet venu de Lyon.", is_duo=True)
    # The place chosen on the search page, as the browser keeps it (1.1 km north).
    page.evaluate(
        """() => { localStorage.setItem("pc_lieu", "Strasbourg");
                   localStorage.setItem("pc_lieu_lat", "48.58340");
                   localStorage.setItem("pc_lieu_lon", "7.75210"); }"""
    )

    page.goto(f"/offre/{offer.id}")
    expect_heading(page, "Concert de jazz")
    expect(page.get_by_text("La Laiterie")).to_be_visible()
    expect(page.get_by_text("13 rue du Hohwald, 67000 Strasbourg")).to_be_visible()
    expect(page.get_by_text("à 1,1 km")).to_be_visible()
    expect(page.get_by_role("link", name="Voir sur une carte (OpenStreetMap)")).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/\?mlat=48\.57340&mlon=7\.75210")
    )
    expect(page.get_by_text("Il te reste 300,00 €.")).to_be_visible()
    screenshot(page, "youth-offer")
    expect_fits_the_phone(page)
    expect_accessible(page)

    page.get_by_role("button", name="Réserver l’offre").click()
    dialog = page.get_by_role("dialog", name="Confirmer ta réservation")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("12,00 €")).to_be_visible()
    expect(
        dialog.get_by_text(re.compile(r"^Tu pourras annuler jusqu’au .+ à \d\dh\d\d\.$"))
    ).to_be_visible()
    screenshot(page, "youth-offer-confirmation")
    expect_accessible(page)

    dialog.get_by_role("button", name="Confirmer la réservation").click()
    booking = _booking(open_ticket_path(page))
    assert (booking.user_id, booking.stock_id, booking.quantity) == (user.id, stock.id, 1)
    expect(page.locator("#code-reservation")).to_have_text(booking.code)
    assert deposits.get_balance(user.id).remaining == 288_00

    page.goto(f"/offre/{offer.id}")
    page.get_by_role("link", name="Voir ma réservation").click()
    expect_path(page, f"/reservations/{booking.id}")


def test_book_a_duo_takes_two_places_at_twice_the_price(mobile_page):
    page = mobile_page
    user, _deposit = signed_in_young(page)
    offer, _stock = concert("Théâtre à deux", price=15_00, is_duo=True)

    page.goto(f"/offre/{offer.id}")
    duo = page.get_by_label("2 places (duo)")
    duo.click()  # a controlled radio: checked once the server has answered
    expect(duo).to_be_checked()
    expect(page.get_by_text("Après cette réservation : 270,00 €.")).to_be_visible()
    page.get_by_role("button", name="Réserver l’offre").click()
    dialog = page.get_by_role("dialog", name="Confirmer ta réservation")
    expect(dialog.get_by_text("30,00 €")).to_be_visible()
    dialog.get_by_role("button", name="Confirmer la réservation").click()
    booking = _booking(open_ticket_path(page))
    assert (booking.quantity, booking.amount) == (2, 30_00)
    assert deposits.get_balance(user.id).remaining == 270_00


def test_a_non_duo_offer_offers_no_second_place(mobile_page):
    page = mobile_page
    signed_in_young(page)
    offer, _stock = concert("Concert solo", is_duo=False)
    page.goto(f"/offre/{offer.id}")
    expect_heading(page, "Concert solo")
    expect(page.get_by_label("2 places (duo)")).to_have_count(0)


def test_short_credit_is_said_before_and_at_booking(mobile_page):
    page = mobile_page
    user, _deposit = signed_in_young(page)
    # Already too expensive: the button says so and does nothing.
    big = factories.make_stock(factories.make_offer(name="Gros achat"), price=295_00)
    bookings.book(user.id, big.id)
    expensive, _stock = concert("Opéra", price=20_00)
    page.goto(f"/offre/{expensive.id}")
    expect(page.get_by_role("button", name="Crédit insuffisant")).to_be_disabled()
    expect(page.get_by_text("Il te reste 5,00 €.")).to_be_visible()

    # Affordable when the page opened, spent elsewhere before the confirmation.
    cheap, _stock = concert("Récital", price=4_00)
    page.goto(f"/offre/{cheap.id}")
    page.get_by_role("button", name="Réserver l’offre").click()
    bookings.book(user.id, factories.make_stock(factories.make_offer(), price=3_00).id)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_role("alert")).to_have_text("Crédit insuffisant : il te reste 2,00 €.")
    expect(page.get_by_text("Il te reste 2,00 €.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Crédit insuffisant")).to_be_disabled()
    screenshot(page, "youth-offer-refused")
    expect_path(page, f"/offre/{cheap.id}")


def test_a_pro_previewing_sees_the_banner_and_cannot_book(mobile_page):
    page = mobile_page
    pro = factories.make_pro(factories.make_offerer())
    offer, _stock = concert("Aperçu du concert")
    sign_in(page, "/connexion", pro.email)
    expect_path(page, "/")
    page.goto(f"/offre/{offer.id}")
    expect_heading(page, "Aperçu du concert")
    expect(page.get_by_text(re.compile("^Aperçu : vous voyez l'application"))).to_be_visible()
    expect(page.get_by_role("button", name="Réserver l’offre")).to_have_count(0)
    expect(page.get_by_role("button", name="Confirmer la réservation")).to_have_count(0)
    screenshot(page, "youth-offer-preview")
    expect_fits_the_phone(page)
    expect_accessible(page)


@pytest.mark.parametrize("path", ["/offre/abc", "/offre/999999"])
def test_a_bad_offer_address_says_so_in_french(mobile_page, path):
    page = mobile_page
    signed_in_young(page)
    page.goto(path)
    expect_heading(page, "Offre indisponible")
    expect(page.get_by_role("alert")).to_have_text("Cette offre n'est pas disponible.")


def test_the_favorite_toggle_is_a_pressed_button(mobile_page):
    page = mobile_page
    signed_in_young(page)
    offer, _stock = concert("Concert favori")
    page.goto(f"/offre/{offer.id}")
    toggle = page.get_by_role("button", name="Ajouter aux favoris")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    pressed = page.get_by_role("button", name="Dans mes favoris")
    expect(pressed).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("button", name="Dans mes favoris")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Dans mes favoris").click()
    expect(page.get_by_role("button", name="Ajouter aux favoris")).to_be_visible()
