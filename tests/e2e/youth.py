"""Data and gestures shared by the youth sign-up, booking, ticket and profile browser tests."""

import re
from datetime import date, timedelta

from PIL import Image
from playwright.sync_api import Page, expect

from pass_culture import clock
from tests import factories
from tests.e2e import outbox
from tests.e2e.browser import SCREENSHOTS, expect_path, sign_in


def signed_in_young(page: Page, **fields):
    user, deposit = factories.make_beneficiary(
        granted_at=clock.utcnow() - timedelta(days=10), **fields
    )
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    return user, deposit


def concert(name: str = "Concert de jazz", *, days_ahead: int = 10, price: int = 12_00, **fields):
    """A duo-able event with one date; returns (offer, stock)."""
    venue = factories.make_venue(public_name="La Laiterie", address="13 rue du Hohwald")
    offer = factories.make_offer(venue, subcategory_id="CONCERT", name=name, **fields)
    start = clock.utcnow() + timedelta(days=days_ahead)
    return offer, factories.make_stock(offer, beginning_at=start, price=price)


def open_ticket_path(page: Page) -> int:
    """The booking id of the ticket page the browser shows."""
    page.wait_for_url(re.compile(r"/reservations/\d+/?$"))
    return int(re.search(r"/reservations/(\d+)", page.url).group(1))


def decode_qr(page: Page, name: str) -> list[str]:
    """What a scanner reads from a screenshot of the page as it is now."""
    import zxingcpp

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(path))]


def expect_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def expect_fits_the_phone(page: Page) -> None:
    """Nothing wider than the screen (no sideways scrolling at 390 px)."""
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def link_path(address: str) -> str:
    """The path of the verification link in the last email to `address`."""
    return outbox.link_path(address, "/inscription/verification")


def fill_profile(page: Page, birth_date: date, postal_code: str = "29200") -> None:
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Dupont")
    page.get_by_label("Date de naissance").fill(birth_date.isoformat())
    page.get_by_label("Code postal").fill(postal_code)
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Valider mon profil").click()
