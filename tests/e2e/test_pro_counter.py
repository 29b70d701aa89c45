"""The counter as staff use it on a tablet (rule B6): a code typed or scanned with the
camera, the booking's card, validation, its refusals, and undoing it."""

from datetime import timedelta

import pytest
import qrcode
from playwright.sync_api import Page, expect
from qrcode.image.svg import SvgPathImage

from pass_culture import clock
from services import bookings, codes
from tests import factories
from tests.e2e.browser import expect_accessible, screenshot
from tests.e2e.pro import (
    TABLET,
    booking_card,
    camera_showing,
    look_up,
    new_context,
    open_counter,
    qr_png,
)

pytestmark = pytest.mark.e2e

ID_REMINDER = "Vérifiez la pièce d’identité du bénéficiaire avant de valider."


@pytest.fixture
def tablet(browser, app_url) -> Page:
    context = new_context(browser, app_url, viewport=TABLET)
    yield context.new_page()
    context.close()


def _booking(name: str = "Le Petit Prince", *, stock_fields=None, quantity=1, **offer_fields):
    """A book (by default) reserved by a young user at a venue of a new structure;
    returns (pro, booking)."""
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    venue = factories.make_venue(offerer, public_name="Librairie Kléber")
    young, _deposit = factories.make_beneficiary(
        granted_at=clock.utcnow() - timedelta(days=10), first_name="Inès", last_name="Moreau"
    )
    offer = factories.make_offer(venue, name=name, **offer_fields)
    stock = factories.make_stock(offer, **({"price": 8_50} | (stock_fields or {})))
    return pro, bookings.book(young.id, stock.id, quantity)


def test_a_typed_code_is_checked_validated_and_not_validated_twice(tablet):  # rule B6
    page = tablet
    pro, booking = _booking()
    open_counter(page, pro)
    expect(page.get_by_role("link", name="Guichet")).to_have_attribute("aria-current", "page")
    field = page.get_by_label("Code de la contremarque (6 caractères)")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("autocomplete", "off")

    field.press_sequentially(booking.code.lower())
    expect(field).to_have_value(booking.code)  # upper-cased as typed
    page.get_by_role("button", name="Vérifier").click()
    card = booking_card(page, booking.code)
    expect(card.get_by_role("heading", name="Le Petit Prince")).to_be_visible()
    for text in ("Inès Moreau", "Librairie Kléber", "8,50 €", ID_REMINDER):
        expect(card.get_by_text(text)).to_be_visible()
    screenshot(page, "pro-counter-card")
    expect_accessible(page)

    card.get_by_role("button", name="Valider la contremarque").click()
    expect(page.get_by_role("status")).to_have_text("Contremarque validée.")
    expect(card.get_by_text("Validée le")).to_be_visible()
    expect(card.get_by_role("button", name="Valider la contremarque")).to_have_count(0)

    # Looked up again (another desk, a second scan): refused with its own message.
    look_up(page, booking.code)
    expect(card.get_by_text("Cette contremarque a déjà été validée le")).to_be_visible()
    expect(page.get_by_role("status")).to_have_count(0)
    screenshot(page, "pro-counter-used")


def test_a_validation_is_undone_after_confirming(tablet):  # rule B6
    page = tablet
    pro, booking = _booking()
    open_counter(page, pro)
    look_up(page, booking.code)
    booking_card(page, booking.code).get_by_role("button", name="Valider la contremarque").click()
    expect(page.get_by_role("status")).to_have_text("Contremarque validée.")

    page.get_by_role("button", name="Invalider").click()
    dialog = page.get_by_role("alertdialog", name="Invalider la contremarque ?")
    expect(dialog.get_by_text("la réservation ne vous sera pas remboursée")).to_be_visible()
    screenshot(page, "pro-counter-undo-dialog")
    expect_accessible(page)
    dialog.get_by_role("button", name="Confirmer l’invalidation").click()
    expect(page.get_by_role("status")).to_have_text("Contremarque invalidée.")
    expect_accessible(page)
    expect(
        booking_card(page, booking.code).get_by_role("button", name="Valider la contremarque")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Invalider")).to_have_count(0)


UNKNOWN = "Cette contremarque n'existe pas ou ne correspond à aucune de vos offres."
SHORT = "Saisissez les 6 caractères de la contremarque."


def test_unknown_codes_and_other_structures_codes_look_the_same(tablet):  # rule B6, no oracle
    page = tablet
    _pro, booking = _booking()
    stranger = factories.make_pro(factories.make_offerer())
    open_counter(page, stranger)
    look_up(page, "ZZZZZ9" if booking.code != "ZZZZZ9" else "ZZZZZ8")
    expect(page.get_by_role("alert")).to_have_text(UNKNOWN)
    look_up(page, booking.code)
    expect(page.get_by_role("alert")).to_have_text(UNKNOWN)
    expect(page.get_by_text("Inès Moreau")).to_have_count(0)
    look_up(page, "ABC")
    expect(page.get_by_role("alert")).to_have_text(SHORT)
    screenshot(page, "pro-counter-unknown")
    for guess in range(8):  # 10 unknown codes in all…
        look_up(page, f"ZZZZ{guess}Z")
        expect(page.get_by_role("alert")).to_have_text(UNKNOWN)
        # A short code (never counted) changes the message: the next guess's message
        # then proves that guess was answered before another is typed.
        look_up(page, "ABC")
        expect(page.get_by_role("alert")).to_have_text(SHORT)
    look_up(page, booking.code)  # …then even a code is not looked up
    expect(page.get_by_role("alert")).to_have_text(
        "Trop de codes inconnus : réessayez dans 10 minutes."
    )


def test_a_duo_event_inside_the_cancellation_window_waits(tablet):  # rules B6, B5
    page = tablet
    pro, booking = _booking(
        "Concert duo",
        subcategory_id="CONCERT",
        is_duo=True,
        quantity=2,
        stock_fields={"price": 12_00, "beginning_at": clock.utcnow() + timedelta(days=10)},
    )
    open_counter(page, pro)
    look_up(page, booking.code)
    card = booking_card(page, booking.code)
    expect(card.get_by_text("2 × 12,00 € = 24,00 €")).to_be_visible()
    expect(card.get_by_text("Cette réservation est validable à partir du")).to_be_visible()
    expect(card.get_by_role("button", name="Valider la contremarque")).to_have_count(0)
    screenshot(page, "pro-counter-too-early")


def test_the_counter_fits_a_phone(browser, app_url):
    context = new_context(
        browser,
        app_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    pro, booking = _booking()
    open_counter(page, pro)
    look_up(page, booking.code)
    expect(booking_card(page, booking.code).get_by_text("Inès Moreau")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "pro-counter-phone")
    expect_accessible(page)
    context.close()


def test_scanning_the_tickets_qr_code_shows_the_booking(browser, app_url, tmp_path):  # B3, B6
    pro, booking = _booking("Scanné au guichet")
    # The ticket's own QR image, as the young user's phone shows it.
    png = qr_png(browser, codes.qr_svg(booking.code))
    with camera_showing(browser, app_url, png, tmp_path / "ticket.y4m") as page:
        open_counter(page, pro)
        page.get_by_role("button", name="Scanner").click()
        expect(page.get_by_role("region", name="Caméra")).to_be_visible()
        card = booking_card(page, booking.code)
        expect(card.get_by_role("heading", name="Scanné au guichet")).to_be_visible()
        expect(page.get_by_label("Code de la contremarque (6 caractères)")).to_have_value(
            booking.code
        )
        expect(page.get_by_role("region", name="Caméra")).to_have_count(0)
        screenshot(page, "pro-counter-scanned")


def test_scanning_another_qr_code_says_what_to_scan(browser, app_url, tmp_path):  # rule B6
    pro, _booking_ = _booking()
    svg = qrcode.make("https://example.org/pas-un-billet", image_factory=SvgPathImage)
    png = qr_png(browser, svg.to_string(encoding="unicode"))
    with camera_showing(browser, app_url, png, tmp_path / "other.y4m") as page:
        open_counter(page, pro)
        page.get_by_role("button", name="Scanner").click()
        expect(page.get_by_role("alert")).to_have_text(
            "Ce QR code n'est pas une contremarque pass Culture : scannez le QR code du "
            "billet ou saisissez le code à 6 caractères."
        )
        expect(page.locator("#booking-card")).to_have_count(0)
