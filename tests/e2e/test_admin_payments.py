"""Payments in the back office (issue 10 points 4 and 6, rules P4, O5), as an admin does it
on a desktop: launch the run of the cut-off due, see it and its payments, download the
SEPA file (parsed, sums checked), hold a bank account's payments with a reason and find
it in the journal; then the same pages on a 1024 × 768 screen."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import BankAccount, BookingStatus, Payment, Role
from services import finance, payouts
from services.formatting import long_date
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, settled, sign_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 1024, "height": 768}
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = browser.new_context(
        base_url=app_url, locale="fr-FR", viewport=DESKTOP, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def paid_structure(name: str, prices: list[int], **account_fields):
    """A structure with one venue on an accepted account and bookings used in the
    fortnight the run due now pays."""
    offerer = factories.make_offerer(name=name)
    venue = factories.make_venue(offerer)
    account = factories.make_bank_account(offerer, [venue], **account_fields)
    used_at = payouts.cutoff_at(payouts.latest_cutoff(clock.utcnow())) - timedelta(days=3)
    for price in prices:
        stock = factories.make_stock(factories.make_offer(venue), price=price)
        factories.make_booking(
            stock, factories.make_user(), None, status=BookingStatus.USED, used_at=used_at
        )
    return offerer, account


def payments_of(account_ids) -> dict[int, Payment]:
    with db.transaction(write=False) as session:
        rows = session.exec(select(Payment).where(Payment.bank_account_id.in_(account_ids)))
        return {payment.bank_account_id: payment for payment in rows}


def fits_the_window(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_an_admin_pays_downloads_the_transfers_and_holds_an_account(desktop):
    page = desktop
    admin = factories.make_user(Role.ADMIN, first_name="Alix", last_name="Trésor")
    bookshop, bookshop_account = paid_structure("Librairie Zéphyr & Fils", [12_50, 7_50])
    cinema, cinema_account = paid_structure(
        "Cinéma Quartz", [30_00], iban="FR1420041010050500013M02606", bic="PSSTFRPPPAR"
    )
    finance.price_used_bookings()
    cutoff = payouts.latest_cutoff(clock.utcnow())

    sign_in(page, "/admin/connexion", admin.email)
    expect_path(page, "/admin")
    nav = page.get_by_role("navigation", name="Navigation du back-office")
    nav.get_by_role("link", name="Paiements").click()
    expect_path(page, "/admin/paiements")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paiements des remboursements")
    choice = page.get_by_label("Échéance")
    expect(choice.locator("option:checked")).to_have_text(long_date(cutoff))
    expect_accessible(page)

    # The run of the cut-off due, launched from the page.
    page.get_by_role("button", name="Lancer le paiement").click()
    result = page.get_by_role("status").filter(has_text="virement(s) ajouté(s)")
    expect(result).to_contain_text(
        f"de l’échéance du {long_date(cutoff)} : 2 virement(s) ajouté(s)"
    )
    paid = payments_of([bookshop_account.id, cinema_account.id])
    assert sorted(p.amount for p in paid.values()) == [20_00, 30_00]
    run_id = paid[bookshop_account.id].run_id
    row = page.get_by_role("row", name=re.compile(f"VIR{run_id}"))
    expect(row).to_contain_text("Terminé")
    expect(row).to_contain_text("Alix Trésor")
    expect(row).to_contain_text(f"{cutoff:%d/%m/%Y}")
    screenshot(page, "admin-payments")
    expect_accessible(page)

    # The run's payments, searched by structure name.
    row.get_by_role("link", name=f"VIR{run_id}").click()
    expect_path(page, f"/admin/paiements/{run_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Paiement VIR{run_id} — échéance du {long_date(cutoff)}"
    )
    payments = page.get_by_role("table", name="Virements du paiement")
    expect(payments.get_by_role("row", name=re.compile("Cinéma Quartz"))).to_contain_text("30,00 €")
    page.get_by_label("Structure, SIREN ou n° de justificatif").fill("zéphyr")
    page.get_by_role("button", name="Rechercher").click()
    expect(payments.get_by_role("row")).to_have_count(2)  # the header and the bookshop
    bookshop_row = payments.get_by_role("row", name=re.compile("Librairie Zéphyr"))
    reference = paid[bookshop_account.id].reference
    expect(bookshop_row).to_contain_text(reference)
    expect(bookshop_row).to_contain_text("20,00 €")
    expect(bookshop_row).to_contain_text("FR76 •••• •••• … 0189")
    expect(page.get_by_role("link", name=f"Justificatif {reference} en PDF")).to_have_attribute(
        "href", f"/admin/paiements/justificatifs/{paid[bookshop_account.id].id}.pdf"
    )
    screenshot(page, "admin-payment-run")
    expect_accessible(page)

    # The SEPA file: one transaction per payment of the run, sums that add up.
    with page.expect_download() as caught:
        page.get_by_role("link", name="Fichier de virements SEPA (XML)").click()
    assert caught.value.suggested_filename == f"virements-VIR{run_id}-{cutoff.isoformat()}.xml"
    root = ET.parse(caught.value.path()).getroot()
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    transactions = root.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)
    with db.transaction(write=False) as session:
        in_run = session.exec(select(Payment).where(Payment.run_id == run_id)).all()
    assert header.find("p:NbOfTxs", NS).text == str(len(in_run)) == str(len(transactions))
    assert Decimal(header.find("p:CtrlSum", NS).text) * 100 == sum(p.amount for p in in_run)
    by_reference = {tx.find("p:PmtId/p:EndToEndId", NS).text: tx for tx in transactions}
    mine = by_reference[reference]
    assert mine.find("p:Cdtr/p:Nm", NS).text == "Librairie Zephyr et Fils"
    assert mine.find("p:Amt/p:InstdAmt", NS).text == "20.00"
    assert mine.find("p:CdtrAcct/p:Id/p:IBAN", NS).text == bookshop_account.iban
    theirs = by_reference[paid[cinema_account.id].reference]
    assert theirs.find("p:CdtrAgt/p:FinInstnId/p:BIC", NS).text == "PSSTFRPPPAR"

    # The cinema's payments held, with a reason.
    page.get_by_role("link", name="← Tous les paiements").click()
    page.get_by_role("link", name="Comptes bancaires et suspensions").click()
    expect_path(page, "/admin/paiements/comptes")
    accounts = page.get_by_role("table", name="Comptes bancaires validés")
    expect(accounts).to_be_visible()  # loaded: the search field is emptied by then
    page.get_by_label("Structure, SIREN, nom du compte ou fin de l’IBAN").fill("quartz")
    page.get_by_role("button", name="Rechercher").click()
    expect(accounts.get_by_role("row")).to_have_count(2)
    accounts.get_by_role(
        "button", name="Suspendre les paiements de Cinéma Quartz — Compte principal"
    ).click()
    dialog = page.get_by_role("dialog", name="Suspendre les paiements")
    dialog.get_by_label("Motif (gardé au journal et montré ici)").fill("Contrôle du RIB demandé")
    settled(page)
    screenshot(page, "admin-payment-hold-dialog")
    expect_accessible(page)
    dialog.get_by_role("button", name="Suspendre les paiements").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text="suspendus")).to_contain_text(
        "Paiements du compte « Compte principal » suspendus"
    )
    held_row = accounts.get_by_role("row", name=re.compile("Cinéma Quartz"))
    expect(held_row).to_contain_text("Motif : Contrôle du RIB demandé")
    expect(
        held_row.get_by_role(
            "button", name="Reprendre les paiements de Cinéma Quartz — Compte principal"
        )
    ).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Suspendus \(")).click()
    expect(page.get_by_role("button", name=re.compile(r"^Suspendus \("))).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(page, "admin-payment-holds")
    expect_accessible(page)
    with db.transaction(write=False) as session:
        held = session.get(BankAccount, cinema_account.id)
    assert held.payments_hold_reason == "Contrôle du RIB demandé"
    assert held.payments_held_at is not None

    # The journal has the run and the hold.
    nav.get_by_role("link", name="Journal").click()
    journal = page.get_by_role("table")
    latest = journal.get_by_role("row").nth(1)
    expect(latest).to_contain_text("Paiements suspendus")
    expect(latest).to_contain_text("Motif : Contrôle du RIB demandé")
    expect(latest).to_contain_text(f"Cinéma Quartz (SIREN {cinema.siren})")
    expect(journal.get_by_role("link", name=f"Paiement n° {run_id}").first).to_be_visible()

    # Usable on a 1024 × 768 screen.
    page.set_viewport_size(TABLET)
    nav.get_by_role("link", name="Paiements").click()
    expect(page.get_by_role("row", name=re.compile(f"VIR{run_id}"))).to_be_visible()
    assert fits_the_window(page)
    screenshot(page, "admin-payments-1024")
    page.get_by_role("link", name=f"VIR{run_id}").click()
    expect(payments.get_by_role("row")).to_have_count(3)  # the search is forgotten
    assert fits_the_window(page)
    screenshot(page, "admin-payment-run-1024")
    page.goto("/admin/paiements/comptes")
    expect(page.get_by_role("table", name="Comptes bancaires validés")).to_be_visible()
    assert fits_the_window(page)
    screenshot(page, "admin-payment-holds-1024")
    expect(page.get_by_text(bookshop.name).first).to_be_visible()
