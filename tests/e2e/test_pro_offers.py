"""The offers list as a pro uses it on a desktop (1366 × 900): filters with their counts,
deactivate, duplicate, highlights (rule F11), a stock edited below what is booked (F8),
a booked stock deleted after the confirmation that cancels its bookings (B10)."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, EmailOutbox, OfferStatus
from services import bookings
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _young():
    young, _deposit = factories.make_beneficiary(granted_at=clock.utcnow() - timedelta(days=10))
    return young


def _catalogue():
    """A structure with a bookshop and a theatre; returns the pro and the concert's
    booking."""
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    shop = factories.make_venue(offerer, name="Librairie Kléber")
    theatre = factories.make_venue(offerer, name="Théâtre du Port")
    book = factories.make_offer(shop, name="Le Petit Prince", image_url="/demo/livres-1.svg")
    book_stock = factories.make_stock(book, price=8_00, quantity=5)
    for _ in range(2):
        bookings.book(_young().id, book_stock.id)
    factories.make_offer(shop, name="Sans image")
    factories.make_offer(shop, name="Brouillon en cours", validation_status=OfferStatus.DRAFT)
    concert = factories.make_offer(
        theatre,
        subcategory_id="CONCERT",
        name="Concert du Port",
        image_url="/demo/concerts-festivals-1.svg",
    )
    start = clock.utcnow() + timedelta(days=10)
    concert_stock = factories.make_stock(
        concert, price=12_00, quantity=50, beginning_at=start, booking_limit_at=start
    )
    return pro, bookings.book(_young().id, concert_stock.id)


def _row(page: Page, name: str):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))


def test_a_pro_filters_acts_on_offers_and_their_stocks(desktop):
    page = desktop
    pro, concert_booking = _catalogue()
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    nav = page.get_by_role("navigation", name="Navigation de l’espace professionnel")
    nav.get_by_role("link", name="Offres").click()
    expect_path(page, "/pro/offres")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offres")
    expect(page.get_by_text("4 offres")).to_be_visible()
    expect(page.get_by_role("link", name="Créer une offre")).to_have_attribute(
        "href", "/pro/offres/nouvelle"
    )
    expect(_row(page, "Le Petit Prince").get_by_role("link")).to_have_attribute(
        "href", re.compile(r"^/pro/offres/\d+/edition$")
    )
    statuses = page.get_by_role("group", name="Statut des offres")
    expect(statuses.get_by_role("button", name="Publiée (2)")).to_be_visible()
    expect(statuses.get_by_role("button", name="Épuisée (1)")).to_be_visible()  # no stock
    screenshot(page, "pro-offers-list")
    expect_accessible(page)

    # Filters: a status, then a venue and a text.
    statuses.get_by_role("button", name="Brouillon (1)").click()
    expect(page.get_by_text("1 offre", exact=True)).to_be_visible()
    expect(_row(page, "Brouillon en cours")).to_be_visible()
    statuses.get_by_role("button", name="Toutes (4)").click()
    # The venue in use, chosen in the portal's frame, narrows the list.
    page.get_by_label("Lieu affiché").select_option(label="Théâtre du Port")
    expect(page.get_by_text("1 offre", exact=True)).to_be_visible()
    expect(_row(page, "Concert du Port")).to_be_visible()
    page.get_by_label("Lieu affiché").select_option(label="Tous les lieux")
    expect(page.get_by_text("4 offres")).to_be_visible()
    page.get_by_label("Nom de l’offre ou EAN").fill("petit")
    page.get_by_label("Nom de l’offre ou EAN").press("Enter")
    expect(page.get_by_text("1 offre", exact=True)).to_be_visible()
    expect(_row(page, "Le Petit Prince")).to_be_visible()
    page.get_by_role("button", name="Réinitialiser").click()
    expect(page.get_by_text("4 offres")).to_be_visible()

    # Deactivate (rule F9): its bookings stay valid.
    page.get_by_role("button", name="Désactiver « Le Petit Prince »").click()
    expect(page.get_by_role("status")).to_contain_text("« Le Petit Prince » est désactivée.")
    expect(_row(page, "Le Petit Prince")).to_contain_text("Désactivée")
    expect(statuses.get_by_role("button", name="Désactivée (1)")).to_be_visible()
    page.get_by_role("button", name="Publier « Le Petit Prince »").click()
    expect(_row(page, "Le Petit Prince")).to_contain_text("Publiée")

    # Duplicate: a draft copy.
    page.get_by_role("button", name="Dupliquer « Concert du Port »").click()
    expect(page.get_by_role("status")).to_contain_text("Une copie de « Concert du Port »")
    expect(_row(page, "Concert du Port (copie)")).to_contain_text("Brouillon")
    expect(page.get_by_text("5 offres")).to_be_visible()

    # Highlights (rule F11): only with a hook image.
    page.get_by_role("button", name="Mettre en avant « Sans image »").click()
    expect(page.get_by_role("alert")).to_contain_text("Ajoutez une image d'accroche")
    forward = page.get_by_role("button", name="Mettre en avant « Concert du Port »")
    forward.click()
    expect(forward).to_have_attribute("aria-pressed", "true")
    expect(_row(page, "Concert du Port")).to_contain_text("Mise en avant")

    # A stock below what is booked (rule F8), then at what is booked.
    page.get_by_role("button", name="Stocks de « Le Petit Prince »").click()
    dialog = page.get_by_role("dialog", name="Stocks de « Le Petit Prince »")
    quantity = dialog.get_by_label("Quantité (vide : illimitée)")
    expect(quantity).to_have_value("5")
    expect(dialog).to_contain_text("Réservées : 2 places")
    quantity.fill("1")
    dialog.get_by_role("button", name=re.compile("^Enregistrer le stock")).click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "La quantité ne peut pas être inférieure au nombre de places déjà réservées (2)."
    )
    screenshot(page, "pro-offers-stock-below-booked")
    expect_accessible(page)
    quantity.fill("2")
    dialog.get_by_role("button", name=re.compile("^Enregistrer le stock")).click()
    expect(dialog.get_by_role("status")).to_have_text("Stock enregistré.")
    expect(quantity).to_have_value("2")
    dialog.get_by_role("button", name="Fermer").click()
    expect(_row(page, "Le Petit Prince")).to_contain_text("1 stock · 0 place restante")

    # Delete a booked stock (rule B10): the dialog says how many bookings it cancels.
    page.get_by_role("button", name="Stocks de « Concert du Port »").click()
    dialog = page.get_by_role("dialog", name="Stocks de « Concert du Port »")
    dialog.get_by_role("button", name=re.compile("^Supprimer le stock")).click()
    confirm = page.get_by_role("alertdialog")
    expect(confirm).to_contain_text("1 réservation en cours sera annulée")
    screenshot(page, "pro-offers-delete-booked-stock")
    expect_accessible(page)
    confirm.get_by_role("button", name="Supprimer et annuler les réservations").click()
    expect(dialog.get_by_role("status")).to_contain_text("Stock supprimé.")
    expect(dialog).to_contain_text("Cette offre n’a pas de stock.")
    with db.transaction(write=False) as session:
        booking = session.get(Booking, concert_booking.id)
        assert booking.status == BookingStatus.CANCELLED
        young_mails = session.exec(
            select(EmailOutbox).where(EmailOutbox.template == "booking_cancelled")
        ).all()
    assert any("Concert du Port" in mail.subject for mail in young_mails)
    dialog.get_by_role("button", name="Fermer").click()
    expect(_row(page, "Concert du Port")).to_contain_text("Aucun stock")
    screenshot(page, "pro-offers-after")
    page.set_viewport_size({"width": 1024, "height": 768})  # still usable on a tablet
    expect(page.get_by_role("button", name="Stocks de « Le Petit Prince »")).to_be_visible()
    screenshot(page, "pro-offers-tablet")


def test_a_long_list_comes_in_pages(desktop):
    page = desktop
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    venue = factories.make_venue(offerer)
    for number in range(21):
        factories.make_offer(venue, name=f"Livre n° {number + 1:02d}")
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    page.goto("/pro/offres")
    pages = page.get_by_role("navigation", name="Pages des offres")
    expect(pages).to_contain_text("Page 1 sur 2")
    expect(page.get_by_role("row")).to_have_count(21)  # the header and 20 offers
    expect(pages.get_by_role("button", name="Page précédente")).to_be_disabled()
    pages.get_by_role("button", name="Page suivante").click()
    expect(pages).to_contain_text("Page 2 sur 2")
    expect(page.get_by_role("row")).to_have_count(2)
    expect(_row(page, "Livre n° 01")).to_be_visible()  # the oldest comes last
