"""A pro's whole day, as new users would live it, in several browsers at once: the pro
creates an event with two dates; young users book it; the pro's open bookings page shows
them without reloading; counter staff validate one by scanning the ticket's QR code and
one by typing its code; a second validation is refused; an invalidation works; the
exports hold both bookings; a pro of another structure sees and validates nothing, even
by forging the page's events (rules F1–F9, B3, B6, B11, O7)."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, Offer, Stock
from services import bookings, codes
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.pro import (
    DESKTOP,
    TABLET,
    booking_card,
    booking_row,
    camera_showing,
    forger,
    look_up,
    new_context,
    open_counter,
    qr_png,
)

pytestmark = pytest.mark.e2e

LIVE_MS = 2_000
TITLE = "Nuit du conte"


def _create_event_with_two_dates(page: Page, pro) -> Offer:
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    page.get_by_role("navigation", name="Navigation de l’espace professionnel").get_by_role(
        "link", name="Offres"
    ).click()
    expect_path(page, "/pro/offres")
    page.get_by_role("link", name="Créer une offre").click()
    expect_path(page, "/pro/offres/nouvelle")
    page.get_by_label("Type d’offre (sous-catégorie)").select_option("SPECTACLE_REPRESENTATION")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Titre de l’offre").fill(TITLE)
    page.get_by_label("Description").fill("Des contes pour la nuit, à partir de 15 ans.")
    page.get_by_label("Interprète, artiste ou compagnie").fill("Compagnie du Soir")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status")).to_have_text("Brouillon enregistré.")
    expect(page.get_by_role("heading", name="3. Image d’accroche")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()

    # Two dates at once: the same weekday two weeks running.
    first = date.today() + timedelta(days=7)
    page.get_by_label("Du", exact=True).fill(first.isoformat())
    page.get_by_label("Au (inclus ; vide : le même jour)").fill(
        (first + timedelta(days=7)).isoformat()
    )
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    page.get_by_label(weekday[first.weekday()], exact=True).check()
    page.get_by_label("Horaires").fill("20:00")
    page.get_by_label("Prix (€)").fill("9")
    page.get_by_label("Places par date").fill("40")
    page.get_by_role("button", name="Ajouter ces dates").click()
    expect(page.get_by_role("status")).to_have_text("2 dates ajoutées.")
    page.get_by_role("button", name="Voir l’aperçu").click()
    page.get_by_role("button", name="Publier l’offre").click()
    expect(page.get_by_role("status")).to_have_text("Votre offre est publiée.")
    with db.transaction(write=False) as session:
        return session.exec(select(Offer).where(Offer.name == TITLE)).one()


def _book_on_a_phone(browser, app_url, young, offer: Offer) -> int:
    phone = new_context(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    app = phone.new_page()
    sign_in(app, "/connexion", young.email)
    expect_path(app, "/")
    app.goto(f"/offre/{offer.id}")
    # The first date; the radio is checked once the app has answered.
    date_choice = app.get_by_role("radio").first
    date_choice.click()
    expect(date_choice).to_be_checked()
    app.get_by_role("button", name="Réserver l’offre").click()
    app.get_by_role("button", name="Confirmer la réservation").click()
    app.wait_for_url(re.compile(r"/reservations/\d+/?$"))
    booking_id = int(re.search(r"/reservations/(\d+)", app.url).group(1))
    phone.close()
    return booking_id


def _the_evening_comes(*booking_ids: int) -> None:
    """The young users' cancellation window (rule B5) has closed: the counter may
    validate (B6). The clock of the app cannot move, so the window is closed in the data."""
    with db.transaction() as session:
        for booking_id in booking_ids:
            booking = session.get(Booking, booking_id)
            booking.cancellation_limit_at = clock.utcnow() - timedelta(minutes=1)


def _later_date(offer: Offer) -> int:
    with db.transaction(write=False) as session:
        stocks = session.exec(select(Stock).where(Stock.offer_id == offer.id)).all()
    return max(stocks, key=lambda stock: stock.beginning_at).id


def _booking(booking_id: int) -> Booking:
    with db.transaction(write=False) as session:
        return session.get(Booking, booking_id)


def _download(page: Page, label: str) -> bytes:
    with page.expect_download() as caught:
        page.get_by_role("link", name=label).click()
    with open(caught.value.path(), "rb") as file:
        return file.read()


def test_a_pros_day_from_the_offer_to_the_counter(browser, app_url, tmp_path):
    offerer = factories.make_offerer(name="Théâtre des Lilas")
    pro = factories.make_pro(offerer)
    factories.make_venue(offerer, public_name="Théâtre des Lilas")
    inès, _ = factories.make_beneficiary(first_name="Inès", last_name="Moreau")
    hugo, _ = factories.make_beneficiary(first_name="Hugo", last_name="Roux")

    desk_context = new_context(browser, app_url, viewport=DESKTOP, accept_downloads=True)
    desk = desk_context.new_page()
    offer = _create_event_with_two_dates(desk, pro)

    # The bookings page stays open while young users book, in other browsers.
    desk.goto("/pro/reservations")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Suivi des réservations")
    loads: list[str] = []
    desk.on("load", lambda: loads.append(desk.url))
    first = _book_on_a_phone(browser, app_url, inès, offer)
    expect(booking_row(desk, first)).to_contain_text("Inès Moreau", timeout=LIVE_MS)
    second = bookings.book(hugo.id, _later_date(offer)).id  # from another process
    expect(booking_row(desk, second)).to_contain_text("Hugo Roux", timeout=LIVE_MS)
    assert loads == []
    screenshot(desk, "pro-journey-bookings")
    expect_accessible(desk)

    _the_evening_comes(first, second)
    first_code, second_code = _booking(first).code, _booking(second).code

    # At the door: Inès shows her ticket's QR code to the tablet's camera.
    png = qr_png(browser, codes.qr_svg(first_code))
    with camera_showing(browser, app_url, png, tmp_path / "ticket.y4m") as tablet:
        open_counter(tablet, pro)
        tablet.get_by_role("button", name="Scanner").click()
        card = booking_card(tablet, first_code)
        expect(card.get_by_role("heading", name=TITLE)).to_be_visible()
        card.get_by_role("button", name="Valider la contremarque").click()
        expect(tablet.get_by_role("status")).to_have_text("Contremarque validée.")
    expect(booking_row(desk, first).get_by_text("Validée", exact=True)).to_be_visible(
        timeout=LIVE_MS
    )

    # Hugo's code is typed; a second validation is refused; then it is undone.
    counter_context = new_context(browser, app_url, viewport=TABLET)
    counter = counter_context.new_page()
    open_counter(counter, pro)
    look_up(counter, second_code.lower())
    card = booking_card(counter, second_code)
    card.get_by_role("button", name="Valider la contremarque").click()
    expect(counter.get_by_role("status")).to_have_text("Contremarque validée.")
    look_up(counter, second_code)
    expect(card.get_by_text("Cette contremarque a déjà été validée le")).to_be_visible()
    counter.get_by_role("button", name="Invalider").click()
    counter.get_by_role("alertdialog", name="Invalider la contremarque ?").get_by_role(
        "button", name="Confirmer l’invalidation"
    ).click()
    expect(counter.get_by_role("status")).to_have_text("Contremarque invalidée.")
    counter_context.close()
    assert (_booking(first).status, _booking(second).status) == (
        BookingStatus.USED,
        BookingStatus.CONFIRMED,
    )

    # The box office's lists (rule B11): both bookings, the 19 columns, in order.
    lines = list(
        csv.reader(
            io.StringIO(_download(desk, "Télécharger CSV").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert len(lines[0]) == 19 and lines[0][1] == "Nom de l’offre"
    by_code = {line[lines[0].index("Contremarque")]: line for line in lines[1:]}
    assert set(by_code) == {first_code, second_code}
    assert by_code[first_code][lines[0].index("Statut de la contremarque")] == "validé"
    sheet = load_workbook(io.BytesIO(_download(desk, "Télécharger Excel")), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == lines[0]
    assert {row[lines[0].index("Contremarque")] for row in rows[1:]} == {first_code, second_code}
    desk_context.close()

    _another_structure_sees_and_validates_nothing(browser, app_url, first, second_code)


def _another_structure_sees_and_validates_nothing(browser, app_url, booking_id, code):
    """Rule O7, through the pages and through forged events."""
    elsewhere = factories.make_offerer()
    stranger = factories.make_pro(elsewhere)
    factories.make_venue(elsewhere)
    context = new_context(browser, app_url, viewport=DESKTOP)
    page = context.new_page()
    forge, forged = forger(page)
    sign_in(page, "/pro/connexion", stranger.email)
    expect_path(page, "/pro")
    page.goto("/pro/reservations")
    expect(page.get_by_role("heading", name="Aucune réservation")).to_be_visible()
    forge("ask_cancel", {"booking_id": str(booking_id)})
    page.get_by_role("button", name="Réinitialiser les filtres").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert forged == ["ask_cancel"]

    page.get_by_role("navigation", name="Navigation de l’espace professionnel").get_by_role(
        "link", name="Guichet"
    ).click()
    look_up(page, code)
    expect(page.get_by_role("alert")).to_have_text(
        "Cette contremarque n'existe pas ou ne correspond à aucune de vos offres."
    )
    context.close()
    assert _booking(booking_id).status == BookingStatus.USED
    with db.transaction(write=False) as session:
        unchanged = session.exec(select(Booking).where(Booking.code == code)).one()
    assert unchanged.status == BookingStatus.CONFIRMED
