"""The payment run's SEPA credit transfer file (issue 10 point 4, rule P4): valid against
the official pain.001.001.03 schema, one transaction per payment with the accepted
account's IBAN and BIC, the statement reference, sums that add up, the same bytes at
every download."""

import time
import tracemalloc
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from sqlalchemy import insert
from sqlmodel import select

from pass_culture import db
from pass_culture.models import BankAccount, Payment, PaymentRun, Role
from pass_culture.settings import get_settings
from services import payouts, sepa
from services.bank_days import bank_day_from
from services.errors import DomainError, Forbidden, NotFound
from tests.factories import make_bank_account, make_offerer, make_user, make_venue
from tests.services.test_payouts import CUTOFF, NOW, priced, used

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(XSD)


def admin():
    return make_user(Role.ADMIN)


def paid_structure(name, amounts, **account_fields):
    """A structure with one venue on an accepted account and used bookings to pay."""
    offerer = make_offerer(name=name)
    venue = make_venue(offerer)
    account = make_bank_account(offerer, [venue], **account_fields)
    priced(*(used(venue, price=amount) for amount in amounts))
    return offerer, account


def finished_run():
    first = paid_structure("Librairie L'Été & Cie — Œuvres « rares »", [12_50, 7_25])
    second = paid_structure(
        "Théâtre du Soleil",
        [30_00],
        iban="FR1420041010050500013M02606",
        bic="PSSTFRPPPAR",
        label="Compte de la billetterie",
    )
    summary = payouts.run_payments(CUTOFF, now=NOW)
    return summary, [first, second]


def text(node, path):
    return node.find(path, NS).text


def test_the_file_is_valid_and_has_one_transaction_per_payment(database, schema):  # rule P4
    summary, [(first, first_account), (second, second_account)] = finished_run()

    found = sepa.transfer_file(admin().id, summary.run_id)

    schema.validate(found.content)  # the official XSD, not only sepaxml's own check
    assert found.filename == f"virements-VIR{summary.run_id}-2026-03-16.xml"
    root = ET.fromstring(found.content)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert text(header, "p:MsgId") == f"VIR{summary.run_id}-20260316"
    assert text(header, "p:CreDtTm") == "2026-03-16T05:00:00"  # the run's end, Paris time
    assert text(header, "p:NbOfTxs") == "2"
    assert Decimal(text(header, "p:CtrlSum")) == Decimal("49.75") == Decimal(summary.amount) / 100
    [batch] = root.findall("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert text(batch, "p:ReqdExctnDt") == "2026-03-16"  # the cut-off, a Monday
    assert text(batch, "p:Dbtr/p:Nm") == "pass Culture"
    assert text(batch, "p:DbtrAcct/p:Id/p:IBAN") == get_settings().payer_iban
    assert text(batch, "p:DbtrAgt/p:FinInstnId/p:BIC") == get_settings().payer_bic
    with db.transaction(write=False) as session:
        payments = {
            p.bank_account_id: p
            for p in session.exec(select(Payment).where(Payment.run_id == summary.run_id))
        }
    transactions = batch.findall("p:CdtTrfTxInf", NS)
    expected = [
        (
            payments[first_account.id].reference,
            "19.75",
            "Librairie L'Ete et Cie - OEuvres rares",
            "FR7630006000011234567890189",
            "AGRIFRPPXXX",
        ),
        (
            payments[second_account.id].reference,
            "30.00",
            "Theatre du Soleil",
            "FR1420041010050500013M02606",
            "PSSTFRPPPAR",
        ),
    ]
    assert [
        (
            text(tx, "p:PmtId/p:EndToEndId"),
            text(tx, "p:Amt/p:InstdAmt"),
            text(tx, "p:Cdtr/p:Nm"),
            text(tx, "p:CdtrAcct/p:Id/p:IBAN"),
            text(tx, "p:CdtrAgt/p:FinInstnId/p:BIC"),
        )
        for tx in transactions
    ] == expected
    for tx, (reference, *_) in zip(transactions, expected, strict=True):
        assert reference.startswith("F26")
        assert text(tx, "p:RmtInf/p:Ustrd") == f"{reference} VIR{summary.run_id}"
        assert tx.find("p:Amt/p:InstdAmt", NS).get("Ccy") == "EUR"
    assert sum(Decimal(text(tx, "p:Amt/p:InstdAmt")) for tx in transactions) == Decimal(
        text(batch, "p:CtrlSum")
    )


def test_two_downloads_give_the_same_bytes(database):
    summary, _ = finished_run()
    reader = admin()

    first = sepa.transfer_file(reader.id, summary.run_id)
    time.sleep(1.1)  # a creation time or id taken from the clock would differ now
    second = sepa.transfer_file(reader.id, summary.run_id)

    assert first == second


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Cinéma Ça & Là", "Cinema Ca et La"),
        ("Œil-de-Bœuf (Société)", "OEil-de-Boeuf (Societe)"),
        ("L’Atelier — “Les Îles” <b>", "L'Atelier - Les Iles b"),
        ("Straße 9/10 ? : . , ' +", "Strasse 9/10 ? : . , ' +"),
        ("Musée\u00a0du\u202fquai  Branly", "Musee du quai Branly"),
    ],
)
def test_names_are_written_in_seps_basic_character_set(typed, written):
    assert sepa.sepa_text(typed) == written


def test_long_names_are_cut_to_70_characters():
    assert sepa.sepa_text("Compagnie " * 20) == ("Compagnie " * 7).strip()


def test_a_running_run_has_no_file_yet(database):
    with db.transaction() as session:
        run = PaymentRun(cutoff=CUTOFF, period_start=date(2026, 3, 1), started_at=NOW)
        session.add(run)
    with pytest.raises(DomainError) as refusal:
        sepa.transfer_file(admin().id, run.id)
    assert refusal.value.code == "payment_run_unfinished"
    assert "pas terminé" in refusal.value.message


def test_a_run_without_payments_has_no_file(database):
    summary = payouts.run_payments(CUTOFF, now=NOW)
    with pytest.raises(DomainError) as refusal:
        sepa.transfer_file(admin().id, summary.run_id)
    assert refusal.value.code == "payment_run_empty"


def test_only_admins_read_it_and_a_missing_run_is_not_found(database):
    summary, _ = finished_run()
    with pytest.raises(NotFound):
        sepa.transfer_file(admin().id, summary.run_id + 1)
    with pytest.raises(Forbidden):
        sepa.transfer_file(make_user(Role.PRO).id, summary.run_id)


# --- The execution date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "settled"),
    [
        (date(2026, 3, 16), date(2026, 3, 16)),  # a Monday
        (date(2026, 8, 16), date(2026, 8, 17)),  # a Sunday
        (date(2026, 5, 1), date(2026, 5, 4)),  # Labour Day, a Friday
        (date(2027, 1, 1), date(2027, 1, 4)),  # New Year's Day, a Friday
        (date(2024, 4, 1), date(2024, 4, 2)),  # Easter Monday
        (date(2022, 4, 15), date(2022, 4, 19)),  # Good Friday, then Easter Monday
        (date(2026, 12, 25), date(2026, 12, 28)),  # Christmas, St Stephen's, the weekend
        (date(2038, 4, 23), date(2038, 4, 27)),  # Good Friday of a late Easter (25 April)
    ],
)
def test_transfers_are_executed_on_a_target2_business_day(day, settled):
    assert bank_day_from(day) == settled


def test_a_run_finished_after_its_cutoff_is_executed_from_its_end():
    run = PaymentRun(
        cutoff=date(2026, 3, 16),
        period_start=date(2026, 3, 1),
        finished_at=datetime(2026, 3, 20, 23, 30, tzinfo=UTC),  # Saturday 21, in Paris
    )
    assert sepa.execution_date(run) == date(2026, 3, 23)


# --- Size ------------------------------------------------------------------------------


def test_ten_thousand_payments_make_one_file_quickly(database):
    # Issue point 8: a run over 10,000 venues. Rows written in bulk, as a run leaves them.
    offerer = make_offerer(name="Réseau des scènes")
    count = 10_000
    with db.transaction() as session:
        run = PaymentRun(
            cutoff=CUTOFF,
            period_start=date(2026, 3, 1),
            status="done",
            finished_at=NOW,
            payment_count=count,
        )
        session.add(run)
        session.flush()
        session.execute(
            insert(BankAccount),
            [
                {
                    "offerer_id": offerer.id,
                    "label": f"Compte {n}",
                    "iban": "FR7630006000011234567890189",
                    "bic": "AGRIFRPPXXX",
                    "status": "accepted",
                }
                for n in range(count)
            ],
        )
        accounts = session.exec(select(BankAccount.id).order_by(BankAccount.id)).all()
        session.execute(
            insert(Payment),
            [
                {
                    "run_id": run.id,
                    "bank_account_id": account_id,
                    "offerer_id": offerer.id,
                    "period_start": date(2026, 3, 1),
                    "cutoff": CUTOFF,
                    "amount": 100 + n,
                    "booking_count": 1,
                    "reference": f"F26{n + 1:07d}",
                }
                for n, account_id in enumerate(accounts)
            ],
        )

    tracemalloc.start()
    started = time.monotonic()
    found = sepa.transfer_file(admin().id, run.id)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    root = ET.fromstring(found.content)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert text(header, "p:NbOfTxs") == str(count)
    expected_cents = sum(100 + n for n in range(count))
    assert Decimal(text(header, "p:CtrlSum")) * 100 == expected_cents
    assert len(root.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)) == count
    assert elapsed < 20, f"{elapsed:.1f} s pour 10 000 virements"
    assert peak < 150 * 2**20, f"{peak / 2**20:.0f} Mo au plus fort"
