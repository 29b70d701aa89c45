"""Reimbursement statements (rules P4, P6): what one payment pays, read from the database.

A payment's pricings are paid, and paid pricings never change (P5): a statement rebuilt
later reads the same. Amounts are integer cents summed by the database (GROUP BY), never
recomputed from rates; the contribution is what the pro gives up: validated bookings'
amount − amount reimbursed. Nothing here loads a payment's pricings one by one: the PDF
(services/statement_pdf.py) reads these sums, the CSV (services/statement_csv.py) streams.

Who may read one (O7): the validated members of the payment's structure and the admins;
for anyone else a statement reads as missing, whichever id they try.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    BankAccount,
    Offerer,
    Payment,
    PaymentRun,
    Pricing,
    Role,
    User,
    Venue,
)
from services import access, policy
from services.bank_accounts import masked_iban
from services.errors import DomainError, NotFound
from services.finance import FULL_RATE_BP, NOT_REIMBURSED_RULE
from services.formatting import month_name, whole_euros
from services.identifiers import MAX_ID, parse_id
from services.payouts import period_end

MAX_PAYMENTS = 75  # references in one CSV download, as pcapi allows
MISSING = "Ce justificatif de remboursement n'existe pas."

STANDARD, BOOKS, NOT_REIMBURSED = "standard", "livre", NOT_REIMBURSED_RULE
GROUP_TITLES = {
    STANDARD: "Barème général",
    BOOKS: "Barème livres",
    NOT_REIMBURSED: "Barème non remboursé",
}


@dataclass(frozen=True)
class Totals:
    booking_count: int
    booking_amount: int  # cents: the validated bookings' amount (TTC)
    amount: int  # cents reimbursed

    @property
    def contribution(self) -> int:
        """The pro's contribution (cents): a price reduction, not a fee."""
        return self.booking_amount - self.amount

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(
            self.booking_count + other.booking_count,
            self.booking_amount + other.booking_amount,
            self.amount + other.amount,
        )


NO_TOTALS = Totals(0, 0, 0)


@dataclass(frozen=True)
class RateRow:
    label: str  # « Typologie »: which bookings this rate applied to
    rate_bp: int
    totals: Totals

    @property
    def contribution_rate_bp(self) -> int:
        return FULL_RATE_BP - self.rate_bp


@dataclass(frozen=True)
class RateGroup:
    kind: str  # STANDARD, BOOKS or NOT_REIMBURSED
    rows: tuple[RateRow, ...]  # highest rate first

    @property
    def title(self) -> str:
        return GROUP_TITLES[self.kind]

    @property
    def subtotal(self) -> Totals:
        return sum((row.totals for row in self.rows), NO_TOTALS)


@dataclass(frozen=True)
class VenueRow:
    name: str
    siret: str | None  # None: a digital venue
    totals: Totals


@dataclass(frozen=True)
class Statement:
    payment_id: int
    reference: str  # « F26 » + 7 digits
    issued_on: date  # the run's finished day, in Paris
    transfer_label: str  # the run's « VIR<n> »
    offerer_name: str
    siren: str
    account_label: str
    iban: str  # masked
    period_start: date
    period_end: date
    groups: tuple[RateGroup, ...]  # the groups with bookings, in GROUP_TITLES' order
    venues: tuple[VenueRow, ...]  # by name

    @property
    def total(self) -> Totals:
        return sum((group.subtotal for group in self.groups), NO_TOTALS)

    @property
    def period_text(self) -> str:
        return (
            f"Remboursement des réservations validées entre le {self.period_start:%d/%m/%Y} "
            f"et le {self.period_end:%d/%m/%Y}, sauf cas exceptionnels"
        )


def issued_on(run: PaymentRun, payment: Payment) -> date:
    """The statement's date: the day its run finished (Paris time); while a run is still
    at work (stopped half-way), the day its payment was made."""
    return clock.to_paris(run.finished_at or payment.created_at).date()


def validation_period(cutoff: date) -> str:
    """pcapi's first CSV column: « Validées et remboursables sur mars : 1ère quinzaine »."""
    last_day = period_end(cutoff)
    fortnight = "1ère quinzaine" if last_day.day == 15 else "2nde quinzaine"
    return f"Validées et remboursables sur {month_name(last_day.month)} : {fortnight}"


# --- Who may read which statement (O7) ------------------------------------------------


def parse_payment_id(text: str) -> int:
    """A payment id from a URL; anything else names no statement (404, not 500)."""
    payment_id = parse_id(text)
    if payment_id is None:
        raise NotFound("statement_not_found", MISSING)
    return payment_id


def parse_payment_ids(values: Iterable[str]) -> list[int]:
    """« 1,2,3 » (the `paiements` parameter, possibly repeated): distinct ids in the
    order given, at most MAX_PAYMENTS of them."""
    parts = [part.strip() for value in values for part in value.split(",")]
    parts = [part for part in parts if part]
    if not parts:
        raise DomainError(
            "payments_missing",
            "Indiquez les justificatifs à télécharger : paiements=<numéros séparés par des "
            "virgules>.",
        )
    ids = [parse_id(part) for part in parts]
    if None in ids:
        part = parts[ids.index(None)]
        raise DomainError(
            "payment_id_invalid", f"« {part[:20]} » n'est pas un numéro de justificatif."
        )
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_PAYMENTS:
        raise DomainError(
            "too_many_payments",
            f"{MAX_PAYMENTS} justificatifs au plus par téléchargement (vous en demandez "
            f"{len(ids)}).",
        )
    return ids


def _check_visible(session: Session, user: User | None, payment_ids: list[int]) -> list[Payment]:
    """The payments, in the order asked, if the user may read every one; else NotFound,
    the same as for ids that do not exist (O7: no oracle)."""
    payments = {}
    if user is not None and user.is_active and user.role in (Role.ADMIN, Role.PRO):
        wanted = [payment_id for payment_id in payment_ids if payment_id <= MAX_ID]
        query = select(Payment).where(Payment.id.in_(wanted))
        if user.role == Role.PRO:
            query = query.where(Payment.offerer_id.in_(access.offerer_ids_of(session, user.id)))
        payments = {payment.id: payment for payment in session.exec(query)}
    if not payment_ids or len(payments) != len(set(payment_ids)):
        raise NotFound("statement_not_found", MISSING)
    return [payments[payment_id] for payment_id in payment_ids]


def check_payments(user: User | None, payment_ids: list[int]) -> list[str]:
    """The statements' references, once the user may read them all (else NotFound)."""
    with db.transaction(write=False) as session:
        return [payment.reference for payment in _check_visible(session, user, payment_ids)]


# --- A statement's content ------------------------------------------------------------


def statement_for(user: User | None, payment_id: int) -> Statement:
    """The statement of one payment the user may read (else NotFound)."""
    with db.transaction(write=False) as session:
        (payment,) = _check_visible(session, user, [payment_id])
        return _read(session, payment)


def _read(session: Session, payment: Payment) -> Statement:
    run = session.get(PaymentRun, payment.run_id)
    offerer = session.get(Offerer, payment.offerer_id)
    account = session.get(BankAccount, payment.bank_account_id)
    return Statement(
        payment_id=payment.id,
        reference=payment.reference,
        issued_on=issued_on(run, payment),
        transfer_label=run.label,
        offerer_name=offerer.name,
        siren=offerer.siren,
        account_label=account.label,
        iban=masked_iban(account.iban),
        period_start=payment.period_start,
        period_end=period_end(payment.cutoff),
        groups=_rate_groups(session, payment.id),
        venues=_venue_rows(session, payment.id),
    )


def _sums():
    return (
        func.count(),
        func.coalesce(func.sum(Pricing.booking_amount), 0),
        func.coalesce(func.sum(Pricing.amount), 0),
    )


def _rate_groups(session: Session, payment_id: int) -> tuple[RateGroup, ...]:
    """One row per rate within each group. The database sums by (rule, rate): a rate met
    under several rules (books: 95 % above 20 000 € is three brackets) adds their sums."""
    merged: dict[tuple[str, int], tuple[list[str], Totals]] = {}
    for rule, rate_bp, count, booking_amount, amount in session.exec(
        select(Pricing.rule, Pricing.rate_bp, *_sums())
        .where(Pricing.payment_id == payment_id)
        .group_by(Pricing.rule, Pricing.rate_bp)
        .order_by(Pricing.rule, Pricing.rate_bp)
    ):
        key = (rule_kind(rule), rate_bp)
        rules, totals = merged.get(key, ([], NO_TOTALS))
        merged[key] = (rules + [rule], totals + Totals(count, booking_amount, amount))
    groups = []
    for kind in GROUP_TITLES:
        rows = tuple(
            RateRow(typology(kind, rules), rate_bp, totals)
            for (row_kind, rate_bp), (rules, totals) in sorted(
                merged.items(), key=lambda item: -item[0][1]
            )
            if row_kind == kind
        )
        if rows:
            groups.append(RateGroup(kind, rows))
    return tuple(groups)


def _venue_rows(session: Session, payment_id: int) -> tuple[VenueRow, ...]:
    return tuple(
        VenueRow(name, siret, Totals(count, booking_amount, amount))
        for name, siret, count, booking_amount, amount in session.exec(
            select(Venue.name, Venue.siret, *_sums())
            .select_from(Pricing)
            .join(Venue, Venue.id == Pricing.venue_id)
            .where(Pricing.payment_id == payment_id)
            .group_by(Venue.id, Venue.name, Venue.siret)
            .order_by(Venue.name, Venue.id)
        )
    )


# --- The rows' « Typologie » ----------------------------------------------------------


def rule_kind(rule: str) -> str:
    """A pricing's group from its rule: "bareme_2018:livre:2" → BOOKS (finance.rate_for)."""
    if rule == NOT_REIMBURSED_RULE:
        return NOT_REIMBURSED
    parts = rule.split(":")
    return BOOKS if len(parts) == 3 and parts[1] == BOOKS else STANDARD


def _revenue_range(rule: str) -> tuple[int, int | None] | None:
    """The yearly revenue bracket (cents; None: no upper bound) a rule names, if known."""
    code, _, number = rule.rpartition(":")
    code = code.rpartition(":")[0]
    rule_set = next((each for each in policy.REIMBURSEMENT_RULE_SETS if each.code == code), None)
    if rule_set is None or not number.isdigit() or not 1 <= int(number) <= len(rule_set.brackets):
        return None
    index = int(number) - 1
    lower = rule_set.brackets[index - 1].upper_bound if index else 0
    return lower, rule_set.brackets[index].upper_bound


def typology(kind: str, rules: list[str]) -> str:
    """What a row covers, e.g. « Chiffre d'affaires annuel du lieu de 20 000 € à 40 000 € »
    (the brackets of the scale its rules name, P2)."""
    if kind == NOT_REIMBURSED:
        return "Offres numériques"
    ranges = [_revenue_range(rule) for rule in rules]
    if not ranges or None in ranges:
        return "Réservations de ce barème"
    lower = min(low for low, _ in ranges)
    uppers = [high for _, high in ranges]
    upper = None if None in uppers else max(uppers)
    if upper is None:
        span = f"au-delà de {whole_euros(lower)}" if lower else "sans plafond"
    elif lower == 0:
        span = f"jusqu'à {whole_euros(upper)}"
    else:
        span = f"de {whole_euros(lower)} à {whole_euros(upper)}"
    return f"Chiffre d'affaires annuel du lieu {span}"
