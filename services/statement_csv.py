"""The reimbursement CSV (rule P4; pcapi-facts §3): every booking one or several payments
paid, in pcapi's 22 columns and their order, so that a pro's spreadsheet keeps working.

Streamed: one query read `yield_per` rows at a time, written in chunks
(services/csv_export.py). Amounts with a decimal comma, dates in Paris time. The access
check comes first (`statements.check_payments`), the stream reads only checked ids.

Two columns follow pcapi rather than their names: « SIRET de la structure » and « Raison
sociale de la structure » hold the venue's SIRET and name (the establishment paid for the
booking). The IBAN is masked, as everywhere in the pro portal. Collective offers are not
part of this project: their five columns stay empty.
"""

from collections.abc import Iterator

from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    BankAccount,
    Booking,
    Offer,
    Payment,
    PaymentRun,
    Pricing,
    Stock,
    Venue,
)
from services.bank_accounts import masked_iban
from services.booking_export import DATE_FORMAT, OFFER_TYPE
from services.csv_export import csv_chunks
from services.formatting import address, decimal_amount, percent
from services.statements import issued_on, validation_period

HEADERS = (
    "Réservations concernées par le remboursement",
    "Date du justificatif",
    "N° du justificatif",
    "N° de virement",
    "Intitulé du compte bancaire",
    "IBAN",
    "SIRET de la structure",
    "Raison sociale de la structure",
    "Nom de l'offre",
    "Adresse de l'offre",
    "N° de réservation (offre collective)",
    "Nom (offre collective)",
    "Prénom (offre collective)",
    "Nom de l'établissement (offre collective)",
    "Date de l'évènement (offre collective)",
    "Contremarque",
    "Date de validation de la réservation",
    "Intitulé du tarif",
    "Montant de la réservation",
    "Barème",
    "Montant remboursé",
    "Type d'offre",
)
COLLECTIVE_COLUMNS = ("",) * 5
FILENAME = "remboursements_pass_culture.csv"
YIELD_PER = 500


def _payment_columns(session: Session, payment_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The first six columns, the same for every booking of a payment."""
    rows = session.exec(
        select(Payment, PaymentRun, BankAccount)
        .join(PaymentRun, PaymentRun.id == Payment.run_id)
        .join(BankAccount, BankAccount.id == Payment.bank_account_id)
        .where(Payment.id.in_(payment_ids))
    )
    return {
        payment.id: (
            validation_period(payment.cutoff),
            f"{issued_on(run, payment):%d/%m/%Y}",
            payment.reference,
            run.label,
            account.label,
            masked_iban(account.iban),
        )
        for payment, run, account in rows
    }


def lines(payment_ids: list[int]) -> Iterator[tuple[str, ...]]:
    """One line per booking paid, payment by payment, then by venue and use date."""
    with db.transaction(write=False) as session:
        heads = _payment_columns(session, payment_ids)
        query = (
            select(
                Pricing.payment_id,
                Venue,  # a few per payment: each is loaded once
                Offer.name,
                Booking.code,
                Booking.used_at,
                Stock.price_label,
                Pricing.booking_amount,
                Pricing.rate_bp,
                Pricing.amount,
            )
            .select_from(Pricing)
            .join(Booking, Booking.id == Pricing.booking_id)
            .join(Stock, Stock.id == Booking.stock_id)
            .join(Offer, Offer.id == Booking.offer_id)
            .join(Venue, Venue.id == Pricing.venue_id)
            .where(Pricing.payment_id.in_(payment_ids))
            .order_by(Pricing.payment_id, Venue.name, Venue.id, Booking.used_at, Booking.id)
            .execution_options(yield_per=YIELD_PER)
        )
        for row in session.exec(query):
            payment_id, venue, offer_name, code, used_at, price_label = row[:6]
            booking_amount, rate_bp, amount = row[6:]
            yield (
                *heads[payment_id],
                venue.siret or "",
                venue.name,
                offer_name,
                address(venue),
                *COLLECTIVE_COLUMNS,
                code,
                clock.to_paris(used_at).strftime(DATE_FORMAT),
                price_label or "",
                decimal_amount(booking_amount),
                percent(rate_bp),
                decimal_amount(amount),
                OFFER_TYPE,
            )


def csv_of(payment_ids: list[int]) -> Iterator[str]:
    """The CSV's chunks for payments already checked (`statements.check_payments`)."""
    return csv_chunks(HEADERS, lines(payment_ids))
