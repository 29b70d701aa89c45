"""« Suivi des remboursements » in the browser (rules P2, P4, P6, O7): an admin's payment
run for a cut-off pays a structure's priced bookings; its pro opens the page, reads the
statement, downloads the PDF and the CSV through the page's links and the files say what
the bookings say; a booking whose event is ahead waits in « À venir »; another
structure's pro sees none of it and gets 404 on the files."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlmodel import func, select

from pass_culture import clock, db
from pass_culture.models import BookingStatus, Payment, PaymentRun, Role
from services import finance, payouts
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.pro import DESKTOP, TABLET, new_context

pytestmark = pytest.mark.e2e


@pytest.fixture
def desk(browser, app_url) -> Page:
    context = new_context(browser, app_url, viewport=DESKTOP, accept_downloads=True)
    yield context.new_page()
    context.close()


def _cutoff_to_pay() -> tuple[date, datetime]:
    """The cut-off due now and the moment to run it. The browser tests share one
    database: when another test has paid that cut-off (or a later one), the first
    cut-off after the last run, run at 05:00 that day (a run never goes back, P5)."""
    now = clock.utcnow()
    cutoff = payouts.latest_cutoff(now)
    with db.transaction(write=False) as session:
        last = session.exec(select(func.max(PaymentRun.cutoff))).one()
    if last is not None and last >= cutoff:
        cutoff = payouts.next_cutoff(payouts.cutoff_at(last))
        now = payouts.cutoff_at(cutoff) + timedelta(hours=5)
    return cutoff, now


def _used(venue, name: str, price: int, used_at: datetime, *, subcategory="LIVRE_PAPIER", **stock):
    offer = factories.make_offer(venue, name=name, subcategory_id=subcategory)
    young, deposit = factories.make_beneficiary()
    return factories.make_booking(
        factories.make_stock(offer, price=price, **stock),
        young,
        deposit,
        status=BookingStatus.USED,
        used_at=used_at,
    )


def _paid_structure():
    """A bookshop and a theatre on one accepted account, three bookings paid by the run
    of a cut-off, and one whose show is after the next cut-off."""
    offerer = factories.make_offerer(name="Les Éditions du Quai")
    pro = factories.make_pro(offerer)
    shop = factories.make_venue(offerer, name="Librairie du Quai")
    theatre = factories.make_venue(offerer, name="Théâtre du Quai")
    factories.make_bank_account(offerer, [shop, theatre], label="Compte du Quai")
    cutoff, run_at = _cutoff_to_pay()
    # Used before the cut-off, and already (the pricing job prices what is used by now).
    before = min(payouts.cutoff_at(cutoff), clock.utcnow()) - timedelta(days=2)
    paid = [
        _used(shop, "Le Petit Prince", 8_50, before),
        _used(shop, "Atlas des nuages", 12_00, before),
        _used(
            theatre,
            "Cyrano",
            25_00,
            before,
            subcategory="SPECTACLE_REPRESENTATION",
            beginning_at=before - timedelta(hours=3),
        ),
    ]
    show_day = payouts.cutoff_at(payouts.next_cutoff(max(run_at, clock.utcnow()))) + timedelta(
        days=10
    )
    waiting = _used(
        theatre,
        "Le Misanthrope",
        18_00,
        before,
        subcategory="SPECTACLE_REPRESENTATION",
        beginning_at=show_day,
    )
    finance.price_used_bookings()
    admin = factories.make_user(Role.ADMIN)
    payouts.run_payments(cutoff, admin_id=admin.id, now=run_at)
    with db.transaction(write=False) as session:
        payment = session.exec(select(Payment).where(Payment.offerer_id == offerer.id)).one()
    return pro, payment, paid, waiting


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("€", "").replace("\u202f", "").replace(" ", "").replace(",", "."))


def _csv_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as download:
        return list(csv.DictReader(io.StringIO(download.read()), delimiter=";"))


def test_the_pro_follows_a_payment_and_opens_its_statement(desk, browser, app_url):  # P6
    pro, payment, paid, waiting = _paid_structure()
    assert (payment.amount, payment.booking_count) == (45_50, 3)

    sign_in(desk, "/pro/connexion", pro.email)
    expect_path(desk, "/pro")
    nav = desk.get_by_role("navigation", name="Navigation de l’espace professionnel")
    nav.get_by_role("link", name="Remboursements").click()
    expect_path(desk, "/pro/remboursements")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Suivi des remboursements")
    expect(nav.get_by_role("link", name="Remboursements")).to_have_attribute("aria-current", "page")
    # The scale (P2) and the cadence (P4), in words.
    expect(desk.get_by_text("100 % jusqu'à 20 000 € de chiffre d'affaires")).to_be_visible()
    expect(desk.get_by_text("les 1er et 16 du mois")).to_be_visible()

    row = desk.locator(f"tr[data-payment='{payment.id}']")
    expect(row).to_contain_text(payment.reference)
    expect(row).to_contain_text("45,50 €")
    expect(row).to_contain_text("3 réservations")
    expect(row).to_contain_text("Compte du Quai")
    period_end = payouts.period_end(payment.cutoff)
    expect(row).to_contain_text(f"au {period_end.day} ")
    upcoming = desk.get_by_role("region", name="À venir")
    expect(upcoming).to_contain_text("Théâtre du Quai")
    expect(upcoming).to_contain_text("18,00 €")
    expect(upcoming).to_contain_text("Évènement à venir : remboursé après sa date")
    screenshot(desk, "pro-reimbursements")
    expect_accessible(desk)

    # At 1024 × 768 the page still works (the tables scroll sideways inside their card).
    desk.set_viewport_size(TABLET)
    expect(row).to_be_visible()
    screenshot(desk, "pro-reimbursements-tablet")
    desk.set_viewport_size(DESKTOP)

    # The PDF, through the row's link: its reference and its total.
    with desk.expect_download() as caught:
        row.get_by_role(
            "link", name=f"Télécharger le PDF du justificatif {payment.reference}"
        ).click()
    assert caught.value.suggested_filename.endswith(".pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(caught.value.path()).pages)
    assert payment.reference in text
    assert "45,50" in text

    # The CSV, through the row's link: one line per booking paid, codes and amounts.
    with desk.expect_download() as caught:
        row.get_by_role(
            "link", name=f"Télécharger le CSV du justificatif {payment.reference}"
        ).click()
    assert caught.value.suggested_filename.endswith(".csv")
    lines = _csv_rows(caught.value.path())
    assert sorted(
        (line["Contremarque"], _amount(line["Montant remboursé"])) for line in lines
    ) == sorted((booking.code, Decimal(booking.amount) / 100) for booking in paid)
    assert {line["N° du justificatif"] for line in lines} == {payment.reference}
    assert waiting.code not in {line["Contremarque"] for line in lines}

    # Every statement of the page in one CSV.
    with desk.expect_download() as caught:
        desk.get_by_role("link", name="Télécharger tous les justificatifs (CSV)").click()
    assert {line["Contremarque"] for line in _csv_rows(caught.value.path())} >= {
        booking.code for booking in paid
    }

    # Another structure's pro: nothing of it on the page, 404 on its files (O7).
    other = factories.make_pro(factories.make_offerer(name="Autre structure"))
    context = new_context(browser, app_url, viewport=DESKTOP)
    intruder = context.new_page()
    sign_in(intruder, "/pro/connexion", other.email)
    expect_path(intruder, "/pro")
    intruder.goto("/pro/remboursements")
    expect(intruder.get_by_role("heading", level=1)).to_have_text("Suivi des remboursements")
    expect(intruder.get_by_text("Aucun justificatif pour le moment")).to_be_visible()
    expect(intruder.get_by_text(payment.reference)).to_have_count(0)
    expect(intruder.get_by_text("Théâtre du Quai")).to_have_count(0)
    for path in (
        f"/pro/remboursements/{payment.id}/justificatif.pdf",
        f"/pro/remboursements/{payment.id}/justificatif.csv",
        f"/pro/remboursements/justificatifs.csv?paiements={payment.id}",
    ):
        assert intruder.request.get(path).status == 404, path
    expect_accessible(intruder)
    context.close()
