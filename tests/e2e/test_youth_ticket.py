"""The ticket as a young user shows it at the venue (rules B3, B5, B9): code and a QR code
a scanner reads, cancellation inside the window only, the bookings list, and the ticket
opened again with the network cut."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from pass_culture import clock
from services import bookings, codes
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot
from tests.e2e.youth import (
    concert,
    decode_qr,
    expect_fits_the_phone,
    expect_heading,
    signed_in_young,
)

pytestmark = pytest.mark.e2e


def test_the_ticket_qr_code_carries_the_booking_code(mobile_page):
    page = mobile_page
    user, _deposit = signed_in_young(page)
    offer, stock = concert("Concert au QR", extra_data={"withdrawal_details": "Guichet B"})
    booking = bookings.book(user.id, stock.id)

    page.goto(f"/reservations/{booking.id}")
    expect_heading(page, "Concert au QR")
    expect(page.locator("#code-reservation")).to_have_text(booking.code)
    qr = page.get_by_role("img", name=f"QR code de la réservation {booking.code}")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 160 and box["height"] >= 160  # at least 4 cm on a phone
    expect(page.get_by_text("Guichet B")).to_be_visible()
    expect(page.get_by_text("13 rue du Hohwald, 67000 Strasbourg")).to_be_visible()
    expect(page.get_by_text("La réservation est annulable jusqu’au")).to_be_visible()
    assert decode_qr(page, "youth-ticket") == [codes.qr_payload(booking.code)]
    expect_fits_the_phone(page)
    assert codes.qr_payload(booking.code) == f"PASSCULTURE:v3;TOKEN:{booking.code}"
    expect_accessible(page)


def test_cancel_inside_the_window_gives_the_credit_back(mobile_page):  # rules B5, C6
    page = mobile_page
    user, _deposit = signed_in_young(page)
    _offer, stock = concert("Concert annulé", price=25_00)
    booking = bookings.book(user.id, stock.id)

    page.goto("/profil")
    expect(page.get_by_text("275,00 €", exact=True)).to_be_visible()
    page.goto(f"/reservations/{booking.id}")
    page.get_by_role("button", name="Annuler ma réservation").click()
    dialog = page.get_by_role("alertdialog", name="Annuler ta réservation ?")
    expect(dialog).to_be_visible()
    screenshot(page, "youth-ticket-cancel-dialog")
    expect_accessible(page)
    dialog.get_by_role("button", name="Confirmer l’annulation").click()
    expect(page.get_by_text("Annulée", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Annuler ma réservation")).to_have_count(0)
    expect(page.get_by_role("img", name=f"QR code de la réservation {booking.code}")).to_have_count(
        0
    )

    page.get_by_role("link", name="← Mes réservations").click()
    expect_path(page, "/reservations")
    cancelled = page.get_by_role("region", name="Annulées / expirées")
    expect(cancelled.get_by_text("Concert annulé")).to_be_visible()

    page.get_by_role("link", name="Profil").click()
    expect_path(page, "/profil")
    expect(page.get_by_text("300,00 €", exact=True)).to_be_visible()
    expect(page.get_by_text("+25,00 €")).to_be_visible()


def test_after_the_deadline_there_is_no_cancel_button(mobile_page):  # rule B5
    page = mobile_page
    user, _deposit = signed_in_young(page)
    _offer, stock = concert("Concert ferme", days_ahead=20)
    # Booked three days ago (controlled clock): the 48 hours are over.
    booking = bookings.book(user.id, stock.id, now=clock.utcnow() - timedelta(days=3))

    page.goto(f"/reservations/{booking.id}")
    expect_heading(page, "Concert ferme")
    expect(
        page.get_by_text(
            "Tu ne peux plus annuler ta réservation : elle devait être annulée avant le"
        )
    ).to_be_visible()
    expect(page.get_by_role("button", name="Annuler ma réservation")).to_have_count(0)
    screenshot(page, "youth-ticket-firm")
    expect_fits_the_phone(page)


def test_the_bookings_list_keeps_upcoming_ended_and_cancelled_apart(mobile_page):
    page = mobile_page
    user, deposit = signed_in_young(page)
    _offer, soon = concert("Concert demain", days_ahead=1)
    bookings.book(user.id, soon.id)
    past_stock = factories.make_stock(
        factories.make_offer(subcategory_id="CONCERT", name="Concert passé"),
        beginning_at=clock.utcnow() - timedelta(hours=3),
    )
    factories.make_booking(past_stock, user, deposit, created_at=clock.utcnow() - timedelta(days=5))
    _offer, gone = concert("Concert abandonné")
    bookings.cancel_by_beneficiary(user.id, bookings.book(user.id, gone.id).id)

    page.get_by_role("link", name="Réservations").click()
    expect_path(page, "/reservations")
    expect_heading(page, "Mes réservations")
    for section, name in (
        ("À venir", "Concert demain"),
        ("Terminées", "Concert passé"),
        ("Annulées / expirées", "Concert abandonné"),
    ):
        expect(page.get_by_role("region", name=section).get_by_text(name)).to_be_visible()
    expect(page.get_by_role("region", name="À venir").get_by_text("Demain à")).to_be_visible()
    screenshot(page, "youth-bookings")
    expect_fits_the_phone(page)
    expect_accessible(page)
    page.get_by_role("link", name="Concert demain").click()
    expect_heading(page, "Concert demain")


def test_another_users_ticket_is_not_shown(mobile_page):
    page = mobile_page
    signed_in_young(page)
    other, _deposit = factories.make_beneficiary()
    _offer, stock = concert("Pas à moi")
    booking = bookings.book(other.id, stock.id)
    page.goto(f"/reservations/{booking.id}")
    expect_heading(page, "Réservation introuvable")
    expect(page.get_by_text(booking.code)).to_have_count(0)
    response = page.request.get(f"/billet/{booking.id}")
    assert response.status == 404  # the ticket route itself answers, not the app's 404 page
    assert "Réservation introuvable" in response.text()
    assert booking.code not in response.text()


KEPT_OFFLINE = """async (url) =>
    !!(await (await caches.open("pass-culture-tickets-v1")).match(url))"""


def test_a_ticket_opened_once_stays_viewable_offline(mobile_page, app_url):
    page = mobile_page
    user, _deposit = signed_in_young(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    _offer, stock = concert("Concert hors ligne")
    booking = bookings.book(user.id, stock.id)

    _offer, other_stock = concert("Concert listé")
    listed = bookings.book(user.id, other_stock.id)

    page.goto(f"/reservations/{booking.id}")
    expect(page.locator("#code-reservation")).to_have_text(booking.code)
    # The ticket page asked for its offline view, the bookings list for the upcoming ones;
    # the service worker keeps them.
    page.goto("/reservations")
    for kept in (booking, listed):
        page.wait_for_function(KEPT_OFFLINE, arg=f"{app_url}/billet/{kept.id}")
    page.wait_for_load_state("networkidle")

    page.context.set_offline(True)
    page.goto(f"/billet/{booking.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concert hors ligne")
    expect(page.get_by_label("Code de la réservation", exact=True)).to_have_text(booking.code)
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^hors ligne — mis à jour le \d\d/\d\d/\d{4} à \d\dh\d\d$")
    )
    assert decode_qr(page, "youth-ticket-offline") == [codes.qr_payload(booking.code)]
    expect_accessible(page)
    page.goto(f"/billet/{listed.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concert listé")

    # Signing out forgets the kept tickets: the next user of the phone never sees them.
    page.context.set_offline(False)
    page.goto("/profil")
    page.get_by_role("button", name="Se déconnecter").click()
    expect_path(page, "/connexion")
    page.wait_for_function(
        """async () => !(await caches.keys()).includes("pass-culture-tickets-v1")"""
    )
