"""The pro's bookings page as a box office uses it (/pro/reservations; rules B10, B11,
O7): live rows, filters and search, the CSV and Excel downloads, cancellation with a
reason, and nothing of another structure."""

import csv
import io
import re
import time
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    EmailOutbox,
    UserOfferer,
    ValidationStatus,
)
from services import bookings, counter, deposits
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.pro import booking_row, forger

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
LIVE_SECONDS = 2


def _context(browser, app_url, **options):
    context = browser.new_context(base_url=app_url, locale="fr-FR", **options)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def desk(browser, app_url) -> Page:
    context = _context(browser, app_url, viewport=DESKTOP, accept_downloads=True)
    yield context.new_page()
    context.close()


def _structure(name: str = "Librairie Kléber"):
    """A structure with its pro, a venue and a book; returns (pro, venue, stock)."""
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    venue = factories.make_venue(offerer, public_name=name)
    offer = factories.make_offer(venue, name="Le Petit Prince", ean="9782070612758")
    return pro, venue, factories.make_stock(offer, price=8_50)


def _young(first_name: str = "Inès", last_name: str = "Moreau"):
    user, _deposit = factories.make_beneficiary(
        granted_at=clock.utcnow() - timedelta(days=10), first_name=first_name, last_name=last_name
    )
    return user


def _open_bookings(page: Page, pro, path: str = "/pro/reservations") -> None:
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi des réservations")


def _table(page: Page):
    return page.get_by_role("table", name="Réservations")


def _reset(page: Page, summary: str) -> None:
    """Reset the filters and wait for the form drawn anew and the rows read again."""
    page.get_by_role("button", name="Réinitialiser les filtres").click()
    expect(page.get_by_role("heading", name=summary)).to_be_visible()
    expect(page.get_by_label("Statut")).to_have_value("")


def _reloads(page: Page) -> list[str]:
    """Counts the page loads from now on (a live update must not reload)."""
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    return loads


def test_a_booking_made_by_a_young_user_elsewhere_appears_live(desk, browser, app_url):
    pro, _venue, stock = _structure()
    first = bookings.book(_young("Hugo", "Roux").id, stock.id)
    _open_bookings(desk, pro)
    expect(booking_row(desk, first.id)).to_contain_text("Hugo Roux")
    expect(desk.get_by_role("heading", name="1 réservation — page 1 sur 1")).to_be_visible()
    loads = _reloads(desk)

    # A young user books from their phone, in another browser.
    young = _young()
    phone = _context(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    app = phone.new_page()
    sign_in(app, "/connexion", young.email)
    expect_path(app, "/")
    app.goto(f"/offre/{stock.offer_id}")
    app.get_by_role("button", name="Réserver l’offre").click()
    app.get_by_role("button", name="Confirmer la réservation").click()
    app.wait_for_url(re.compile(r"/reservations/\d+/?$"))
    booked_at = time.monotonic()
    booking_id = int(re.search(r"/reservations/(\d+)", app.url).group(1))
    phone.close()

    row = booking_row(desk, booking_id)
    expect(row).to_contain_text("Inès Moreau", timeout=LIVE_SECONDS * 1000)
    assert time.monotonic() - booked_at <= LIVE_SECONDS
    expect(row).to_contain_text("Le Petit Prince")
    expect(row).to_contain_text("8,50 €")
    expect(row.get_by_text("Réservée", exact=True)).to_be_visible()
    expect(desk.get_by_role("heading", name="2 réservations — page 1 sur 1")).to_be_visible()

    # A status change from another process (the counter service): live as well.
    code = bookings_code(booking_id)
    started = time.monotonic()
    counter.validate(pro.id, code)
    expect(row.get_by_text("Validée", exact=True)).to_be_visible(timeout=LIVE_SECONDS * 1000)
    assert time.monotonic() - started <= LIVE_SECONDS
    expect(row).to_contain_text(code)  # shown once the thing is picked up
    assert loads == []
    screenshot(desk, "pro-bookings-live")
    expect_accessible(desk)


def test_a_pro_of_two_structures_sees_the_one_in_use_live(desk):  # rule O7
    pro, _venue, stock = _structure()
    second = factories.make_offerer()
    with db.transaction() as session:
        session.add(
            UserOfferer(user_id=pro.id, offerer_id=second.id, status=ValidationStatus.VALIDATED)
        )
    other_stock = factories.make_stock(
        factories.make_offer(factories.make_venue(second), name="Atlas des nuages")
    )
    _open_bookings(desk, pro)
    expect(desk.get_by_role("heading", name="Aucune réservation")).to_be_visible()
    elsewhere = bookings.book(_young().id, other_stock.id)
    started = time.monotonic()
    mine = bookings.book(_young().id, stock.id)
    expect(booking_row(desk, mine.id)).to_be_visible(timeout=LIVE_SECONDS * 1000)
    assert time.monotonic() - started <= LIVE_SECONDS
    expect(booking_row(desk, elsewhere.id)).to_have_count(0)

    # The other structure, chosen in the portal's frame: its bookings, live too.
    desk.get_by_label("Structure").select_option(str(second.id))
    expect(booking_row(desk, elsewhere.id)).to_be_visible()
    expect(booking_row(desk, mine.id)).to_have_count(0)
    started = time.monotonic()
    later = bookings.book(_young().id, other_stock.id)
    expect(booking_row(desk, later.id)).to_be_visible(timeout=LIVE_SECONDS * 1000)
    assert time.monotonic() - started <= LIVE_SECONDS


def bookings_code(booking_id: int) -> str:
    with db.transaction(write=False) as session:
        return session.get(Booking, booking_id).code


def test_filters_search_and_the_address_from_the_emails(desk):  # pcapi-facts §2
    pro, venue, stock = _structure()
    concert = factories.make_offer(venue, name="Concert du soir", subcategory_id="CONCERT")
    event = factories.make_stock(
        concert, price=15_00, beginning_at=clock.utcnow() + timedelta(days=20)
    )
    book = bookings.book(_young("Léa", "Durand").id, stock.id)
    show = bookings.book(_young("Marc", "Petit").id, event.id)
    counter.validate(pro.id, book.code)

    _open_bookings(desk, pro)
    expect(booking_row(desk, book.id)).to_be_visible()
    expect(booking_row(desk, show.id)).to_be_visible()
    screenshot(desk, "pro-bookings")
    expect_accessible(desk)

    desk.get_by_label("Statut").select_option(label="Validée")
    desk.get_by_role("button", name="Afficher").click()
    expect(booking_row(desk, show.id)).to_have_count(0)
    expect(booking_row(desk, book.id)).to_be_visible()

    _reset(desk, "2 réservations — page 1 sur 1")
    expect(booking_row(desk, show.id)).to_be_visible()
    desk.get_by_label("Offre", exact=True).select_option(label="Concert du soir")
    desk.get_by_role("button", name="Afficher").click()
    expect(booking_row(desk, book.id)).to_have_count(0)
    expect(booking_row(desk, show.id)).to_contain_text("Marc Petit")

    _reset(desk, "2 réservations — page 1 sur 1")
    search = desk.get_by_label("Rechercher (offre, bénéficiaire, email, EAN, contremarque)")
    search.fill("9782070612758")  # the book's EAN
    search.press("Enter")
    expect(booking_row(desk, show.id)).to_have_count(0)
    expect(booking_row(desk, book.id)).to_be_visible()

    _reset(desk, "2 réservations — page 1 sur 1")
    desk.get_by_label("Début de la période").fill("2020-02-01")
    desk.get_by_label("Fin de la période").fill("2020-01-01")
    desk.get_by_role("button", name="Afficher").click()
    expect(desk.get_by_role("alert")).to_have_text("La période doit commencer avant de finir.")
    expect(desk.get_by_role("heading", name="Aucune réservation")).to_be_visible()

    # The booking emails link to the page with the booking's code as the search.
    desk.goto(f"/pro/reservations?recherche={show.code}")
    expect(search).to_have_value(show.code)
    expect(booking_row(desk, show.id)).to_be_visible()
    expect(booking_row(desk, book.id)).to_have_count(0)
    expect(desk.get_by_role("heading", name="1 réservation — page 1 sur 1")).to_be_visible()
    expect_accessible(desk)

    # Still usable on a tablet: the page never scrolls sideways.
    desk.set_viewport_size({"width": 1024, "height": 768})
    expect(booking_row(desk, show.id)).to_be_visible()
    assert desk.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(desk, "pro-bookings-tablet")


def test_the_downloads_hold_the_filtered_bookings(desk):  # rule B11
    pro, venue, stock = _structure()
    other = factories.make_stock(factories.make_offer(venue, name="Atlas des nuages"))
    mine = bookings.book(_young("Léa", "Durand").id, stock.id)
    bookings.book(_young("Marc", "Petit").id, other.id)
    counter.validate(pro.id, mine.code)
    _open_bookings(desk, pro)
    search = desk.get_by_label("Rechercher (offre, bénéficiaire, email, EAN, contremarque)")
    search.fill("Durand")
    search.press("Enter")
    expect(booking_row(desk, mine.id)).to_be_visible()
    expect(desk.get_by_role("heading", name="1 réservation — page 1 sur 1")).to_be_visible()

    with desk.expect_download() as caught:
        desk.get_by_role("link", name="Télécharger CSV").click()
    assert caught.value.suggested_filename.endswith(".csv")
    with open(caught.value.path(), encoding="utf-8-sig") as download:
        text = download.read()
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:3] == ["Structure", "Nom de l’offre", "Localisation"]
    assert len(lines[0]) == 19
    assert len(lines) == 2  # the filter applies: Marc Petit's booking is not there
    line = dict(zip(lines[0], lines[1], strict=True))
    assert (line["Prénom du bénéficiaire"], line["Nom du bénéficiaire"]) == ("Léa", "Durand")
    assert (line["Contremarque"], line["Statut de la contremarque"]) == (mine.code, "validé")
    assert line["EAN"] == "9782070612758"

    with desk.expect_download() as caught:
        desk.get_by_role("link", name="Télécharger Excel").click()
    assert caught.value.suggested_filename.endswith(".xlsx")
    with open(caught.value.path(), "rb") as workbook:
        sheet = load_workbook(io.BytesIO(workbook.read()), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][1] == "Nom de l’offre"
    assert len(rows) == 2
    assert rows[1][1] == "Le Petit Prince" and mine.code in rows[1]


def test_the_pro_cancels_with_a_reason_and_the_young_user_gets_the_credit_back(desk):  # B10
    pro, _venue, stock = _structure()
    young = _young()
    booking = bookings.book(young.id, stock.id)
    assert deposits.get_balance(young.id).remaining == 291_50
    _open_bookings(desk, pro)
    row = booking_row(desk, booking.id)
    row.get_by_role("button", name="Annuler la réservation Le Petit Prince de Inès Moreau").click()
    dialog = desk.get_by_role("dialog", name="Annuler la réservation ?")
    expect(dialog.get_by_text("Le Petit Prince — Inès Moreau")).to_be_visible()
    reason = dialog.get_by_label("Motif de l’annulation (obligatoire)")
    expect(reason).to_have_attribute("required", "")
    desk.wait_for_timeout(300)  # the dialog's opening animation
    screenshot(desk, "pro-bookings-cancel-dialog")
    expect_accessible(desk)

    reason.fill("   ")  # blanks only: refused by the service, in French
    dialog.get_by_role("button", name="Confirmer l’annulation").click()
    expect(dialog.get_by_role("alert")).to_have_text("Indiquez le motif de l'annulation.")
    reason.fill("Le livre est épuisé chez l’éditeur.")
    dialog.get_by_role("button", name="Confirmer l’annulation").click()
    expect(dialog).to_have_count(0)
    expect(desk.get_by_role("status")).to_contain_text("La réservation est annulée")
    expect(row.get_by_text("Annulée", exact=True)).to_be_visible()
    expect(row.get_by_role("button", name=re.compile("^Annuler"))).to_have_count(0)

    with db.transaction(write=False) as session:
        cancelled = session.get(Booking, booking.id)
    assert cancelled.status == BookingStatus.CANCELLED
    assert cancelled.cancellation_reason == CancellationReason.OFFERER
    assert cancelled.cancellation_comment == "Le livre est épuisé chez l’éditeur."
    assert deposits.get_balance(young.id).remaining == 300_00  # rule C6
    with db.transaction(write=False) as session:
        told = session.exec(
            select(EmailOutbox).where(
                EmailOutbox.to_address == young.email, EmailOutbox.template == "booking_cancelled"
            )
        ).one()
    assert "Le livre est épuisé chez l’éditeur." in told.body_text


def test_another_structure_sees_none_and_forged_events_change_nothing(desk):  # rule O7
    _pro, _venue, stock = _structure()
    young = _young()
    theirs = bookings.book(young.id, stock.id)
    stranger, _their_venue, own_stock = _structure("Cinéma Star")
    own = bookings.book(_young("Zoé", "Lambert").id, own_stock.id)

    forge, forged = forger(desk)
    _open_bookings(desk, stranger)
    expect(booking_row(desk, own.id)).to_be_visible()
    expect(booking_row(desk, theirs.id)).to_have_count(0)
    expect(_table(desk).get_by_text("Inès Moreau")).to_have_count(0)
    search = desk.get_by_label("Rechercher (offre, bénéficiaire, email, EAN, contremarque)")
    search.fill(theirs.code)
    search.press("Enter")
    expect(desk.get_by_role("heading", name="Aucune réservation")).to_be_visible()

    # The other structure's booking id, sent as if the page offered to cancel it.
    forge("ask_cancel", {"booking_id": str(theirs.id)})
    desk.get_by_role("button", name="Réinitialiser les filtres").click()
    forge("confirm_cancel", {"form_data": {"reason": "Forcée"}})
    desk.get_by_role("button", name="Réinitialiser les filtres").click()
    forge("go_to", {"page": 2})
    desk.get_by_role("button", name="Réinitialiser les filtres").click()
    desk.get_by_role("button", name="Réinitialiser les filtres").click()  # sent as is
    expect(booking_row(desk, own.id)).to_be_visible()
    expect(desk.get_by_role("dialog")).to_have_count(0)
    expect(desk.get_by_role("heading", name="1 réservation — page 1 sur 1")).to_be_visible()
    assert forged == ["ask_cancel", "confirm_cancel", "go_to"]
    with db.transaction(write=False) as session:
        assert session.get(Booking, theirs.id).status == BookingStatus.CONFIRMED
    assert deposits.get_balance(young.id).remaining == 291_50
    # The same forged call with the pro's own booking does open the dialog: the
    # refusal above is the state's check, not a forgery that never arrived.
    forge("ask_cancel", {"booking_id": str(own.id)})
    desk.get_by_role("button", name="Réinitialiser les filtres").click()
    expect(desk.get_by_role("dialog", name="Annuler la réservation ?")).to_be_visible()
