"""« Suivi des remboursements » (rule P6): a structure's statements, what is still to be
paid per venue and why it waits, and the rate scale in one sentence (P2, P4).

Every function takes the signed-in user and the structure in use, and checks access
first: another structure's ids (structure, bank account) read as missing ones (O7).

Why priced bookings wait, in the order they are told (the first that holds wins, so the
pro reads what is up to them first); the run's own conditions are in services/payouts.py:
- the venue is paid on no accepted bank account (no link, or a draft, pending or
  rejected account);
- an admin holds the account's payments;
- the event starts at or after the next cut-off (the run pays events started before it);
- otherwise it is paid by the next run. On a cut-off day, before that day's run is done,
  what that run pays is announced for today, the rest for the following cut-off.
Used bookings of a SIRET-less venue attached to no SIRET venue are not priced at all
(services/finance.py): they wait for that attachment. Amounts that pay nothing (free
bookings, digital offers at 0 %) are left out: nothing is coming for them.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy import and_, case, exists, func, literal, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    BankAccount,
    BankAccountStatus,
    Booking,
    BookingStatus,
    Offer,
    Payment,
    PaymentRun,
    PaymentRunStatus,
    Pricing,
    PricingStatus,
    Stock,
    User,
    Venue,
    VenueBankAccountLink,
)
from services import finance, payouts
from services.access import check_offerer_access
from services.bank_accounts import masked_iban
from services.errors import DomainError, NotFound
from services.formatting import date_range, long_date, percent, whole_euros
from services.identifiers import parse_id
from services.statements import issued_on
from services.subcategories import SUBCATEGORIES, Reimbursement
from services.timetable import parse_day

PAGE_SIZE = 20
BANK_DETAILS_PATH = "/pro/coordonnees-bancaires"


class Waiting(StrEnum):
    """Why an amount is not paid yet."""

    PAID_TODAY = "paid_today"  # by the run of today's cut-off, not done yet
    NEXT_PAYMENT = "next_payment"
    NO_ACCOUNT = "no_account"
    HELD = "held"
    EVENT_AHEAD = "event_ahead"
    NO_PRICING_POINT = "no_pricing_point"


REASONS = {
    Waiting.NO_ACCOUNT: "Aucun compte bancaire validé pour ce lieu",
    Waiting.HELD: "Paiements suspendus par pass Culture",
    Waiting.EVENT_AHEAD: "Évènement à venir : remboursé après sa date",
    Waiting.NO_PRICING_POINT: "Lieu sans SIRET à rattacher à un lieu avec SIRET",
}
# Shown in this order within a venue.
_ORDER = {reason: rank for rank, reason in enumerate(Waiting)}


@dataclass(frozen=True)
class StatementFilters:
    period_from: date | None = None
    period_to: date | None = None
    bank_account_id: int | None = None


@dataclass(frozen=True)
class Statement:
    payment_id: int
    reference: str
    period: str  # « du 1er au 15 décembre 2026 »
    paid_on: date  # the statement's date: the day its run finished (Paris time)
    amount: int  # cents
    booking_count: int
    bank_account_label: str
    masked_iban: str


Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    """A page of a list: its rows, the list's length, which page of what size."""

    rows: list[Row]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


@dataclass(frozen=True)
class Upcoming:
    """What one venue has waiting for one reason."""

    venue_id: int
    venue_name: str
    waiting: Waiting
    reason: str
    booking_count: int
    booking_amount: int  # cents: the bookings' price
    amount: int | None  # cents to be reimbursed; None while not priced (no rate yet)
    link: str | None  # where the pro can act on it


# --- Access ------------------------------------------------------------------------------


def _check_access(session: Session, user_id: int, offerer_id: int) -> None:
    check_offerer_access(session, session.get(User, user_id), offerer_id)


def _missing_account() -> NotFound:
    return NotFound("bank_account_not_found", "Ces coordonnées bancaires n’existent pas.")


def _check_account(session: Session, offerer_id: int, bank_account_id: int) -> None:
    """Rule O7: an account of another structure reads as a missing one."""
    account = session.get(BankAccount, bank_account_id)
    if account is None or account.offerer_id != offerer_id:
        raise _missing_account()


# --- Statements --------------------------------------------------------------------------


def parse_filters(params: Mapping[str, str]) -> StatementFilters:
    """The filters form (`period_from`, `period_to` as `<input type="date">` sends them,
    `bank_account`): empty fields are no filter; a bad one raises a French DomainError."""

    def text(key: str) -> str:
        return str(params.get(key) or "").strip()

    account = text("bank_account")
    account_id = parse_id(account) if account else None
    if account and account_id is None:
        raise _missing_account()
    filters = StatementFilters(
        period_from=parse_day(text("period_from"), "le début de la période")
        if text("period_from")
        else None,
        period_to=parse_day(text("period_to"), "la fin de la période")
        if text("period_to")
        else None,
        bank_account_id=account_id,
    )
    _check_period(filters.period_from, filters.period_to)
    return filters


def _check_period(period_from: date | None, period_to: date | None) -> None:
    if period_from and period_to and period_from > period_to:
        raise DomainError("invalid_period", "La période doit commencer avant de finir (du … au …).")


def _bounded(page: int, page_size: int) -> tuple[int, int]:
    return max(int(page), 1), min(max(int(page_size), 1), 100)


def statements(
    user_id: int,
    offerer_id: int,
    *,
    period_from: date | None = None,
    period_to: date | None = None,
    bank_account_id: int | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Page[Statement]:
    """Rule P6: the structure's payments, newest first, a page at a time. The period
    filter keeps the statements whose fortnight meets [period_from, period_to]."""
    _check_period(period_from, period_to)
    page, page_size = _bounded(page, page_size)
    conditions = [Payment.offerer_id == offerer_id]
    if period_from is not None:
        conditions.append(Payment.cutoff > period_from)  # its last day is the day before
    if period_to is not None:
        conditions.append(Payment.period_start <= period_to)
    if bank_account_id is not None:
        conditions.append(Payment.bank_account_id == bank_account_id)
    with db.transaction(write=False) as session:
        _check_access(session, user_id, offerer_id)
        if bank_account_id is not None:
            _check_account(session, offerer_id, bank_account_id)
        total = session.exec(select(func.count(Payment.id)).where(*conditions)).one()
        rows = session.exec(
            select(Payment, BankAccount.label, BankAccount.iban, PaymentRun)
            .join(BankAccount, BankAccount.id == Payment.bank_account_id)
            .join(PaymentRun, PaymentRun.id == Payment.run_id)
            .where(*conditions)
            .order_by(Payment.cutoff.desc(), Payment.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    return Page(
        [
            Statement(
                payment_id=payment.id,
                reference=payment.reference,
                period=date_range(payment.period_start, payouts.period_end(payment.cutoff)),
                paid_on=issued_on(run, payment),
                amount=payment.amount,
                booking_count=payment.booking_count,
                bank_account_label=label,
                masked_iban=masked_iban(iban),
            )
            for payment, label, iban, run in rows
        ],
        total,
        page,
        page_size,
    )


def bank_account_choices(user_id: int, offerer_id: int) -> list[tuple[int, str]]:
    """The structure's accounts that were paid at least once, for the filter: (id, label
    with the masked IBAN), by label."""
    with db.transaction(write=False) as session:
        _check_access(session, user_id, offerer_id)
        paid = exists().where(Payment.bank_account_id == BankAccount.id)
        accounts = session.exec(
            select(BankAccount.id, BankAccount.label, BankAccount.iban)
            .where(BankAccount.offerer_id == offerer_id, paid)
            .order_by(BankAccount.label, BankAccount.id)
        ).all()
    return [(account_id, f"{label} — {masked_iban(iban)}") for account_id, label, iban in accounts]


# --- What is coming ----------------------------------------------------------------------


def _today_run_pending(session: Session, now: datetime) -> date | None:
    """Today's cut-off (Paris) when its run is not done yet: it pays what was payable at
    its midnight, later today."""
    today = clock.to_paris(now).date()
    if not payouts.is_cutoff(today):
        return None
    done = session.exec(
        select(PaymentRun.id).where(
            PaymentRun.cutoff >= today, PaymentRun.status == PaymentRunStatus.DONE
        )
    ).first()
    return None if done else today


def _paid_by_run_at(moment: datetime):
    """What a run at this cut-off pays (services/payouts.py), on the joined rows."""
    return and_(
        Pricing.value_date < moment,
        VenueBankAccountLink.created_at < moment,
        BankAccount.status_changed_at < moment,
        or_(Stock.beginning_at.is_(None), Stock.beginning_at < moment),
    )


def _priced_waiting(session: Session, offerer_id: int, now: datetime) -> list[tuple]:
    """(venue id, waiting, count, booking amount, amount) per venue and reason."""
    next_at = payouts.cutoff_at(payouts.next_cutoff(now))
    today = _today_run_pending(session, now)
    branches = [
        (
            or_(BankAccount.id.is_(None), BankAccount.status != BankAccountStatus.ACCEPTED),
            literal(Waiting.NO_ACCOUNT.value),
        ),
        (BankAccount.payments_held_at.is_not(None), literal(Waiting.HELD.value)),
    ]
    if today is not None:
        branches.append(
            (_paid_by_run_at(payouts.cutoff_at(today)), literal(Waiting.PAID_TODAY.value))
        )
    branches.append((Stock.beginning_at >= next_at, literal(Waiting.EVENT_AHEAD.value)))
    # The reason of each pricing in a subquery, grouped outside: PostgreSQL does not see
    # that a CASE with parameters in SELECT and in GROUP BY is the same expression.
    waiting = (
        select(
            Pricing.venue_id,
            case(*branches, else_=literal(Waiting.NEXT_PAYMENT.value)).label("waiting"),
            Pricing.booking_amount,
            Pricing.amount,
        )
        .join(Venue, Venue.id == Pricing.venue_id)
        .join(Booking, Booking.id == Pricing.booking_id)
        .join(Stock, Stock.id == Booking.stock_id)
        .outerjoin(VenueBankAccountLink, VenueBankAccountLink.venue_id == Pricing.venue_id)
        .outerjoin(BankAccount, BankAccount.id == VenueBankAccountLink.bank_account_id)
        .where(
            Venue.offerer_id == offerer_id,
            Pricing.status == PricingStatus.VALIDATED,
            Pricing.payment_id.is_(None),
            Pricing.amount > 0,
        )
        .subquery()
    )
    return session.exec(
        select(
            waiting.c.venue_id,
            waiting.c.waiting,
            func.count(),
            func.sum(waiting.c.booking_amount),
            func.sum(waiting.c.amount),
        ).group_by(waiting.c.venue_id, waiting.c.waiting)
    ).all()


_REIMBURSED_SUBCATEGORIES = sorted(
    key
    for key, subcategory in SUBCATEGORIES.items()
    if subcategory.reimbursement != Reimbursement.NOT_REIMBURSED
)


def _unpriced_waiting(session: Session, offerer_id: int) -> list[tuple]:
    """Rule P2: used bookings of SIRET-less venues attached to no SIRET venue, which the
    pricing job leaves aside; only those that will pay something once priced. Same
    shape as `_priced_waiting`, without an amount (no rate yet)."""
    live_pricing = exists().where(
        Pricing.booking_id == Booking.id, Pricing.status != PricingStatus.CANCELLED
    )
    rows = session.exec(
        select(Booking.venue_id, func.count(Booking.id), func.sum(Booking.amount))
        .join(Venue, Venue.id == Booking.venue_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .where(
            Booking.offerer_id == offerer_id,
            Booking.status == BookingStatus.USED,
            Booking.amount > 0,
            Venue.siret.is_(None),
            Venue.pricing_point_id.is_(None),
            Offer.subcategory_id.in_(_REIMBURSED_SUBCATEGORIES),
            ~live_pricing,
        )
        .group_by(Booking.venue_id)
    ).all()
    return [(venue, Waiting.NO_PRICING_POINT, count, total, None) for venue, count, total in rows]


def _reason(waiting: Waiting, now: datetime) -> str:
    if waiting == Waiting.PAID_TODAY:
        day = clock.to_paris(now).date()
        return f"Sera versé lors du paiement d'aujourd'hui, le {long_date(day)}"
    if waiting == Waiting.NEXT_PAYMENT:
        return f"Sera versé lors du prochain paiement, le {long_date(payouts.next_cutoff(now))}"
    return REASONS[waiting]


def upcoming(user_id: int, offerer_id: int, *, now: datetime | None = None) -> list[Upcoming]:
    """Rules P4, P6, O5: per venue, what is priced and not paid yet (and the used bookings
    a pricing point is missing for), with the reason it waits; by venue name."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        _check_access(session, user_id, offerer_id)
        rows = [
            *_priced_waiting(session, offerer_id, now),
            *_unpriced_waiting(session, offerer_id),
        ]
        names = {
            venue.id: venue.display_name
            for venue in session.exec(select(Venue).where(Venue.id.in_({row[0] for row in rows})))
        }
    items = [
        Upcoming(
            venue_id=venue_id,
            venue_name=names[venue_id],
            waiting=Waiting(waiting),
            reason=_reason(Waiting(waiting), now),
            booking_count=count,
            booking_amount=booking_amount,
            amount=amount,
            link=BANK_DETAILS_PATH if waiting == Waiting.NO_ACCOUNT else None,
        )
        for venue_id, waiting, count, booking_amount, amount in rows
    ]
    return sorted(items, key=lambda i: (i.venue_name.lower(), i.venue_id, _ORDER[i.waiting]))


def upcoming_page(
    user_id: int,
    offerer_id: int,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    now: datetime | None = None,
) -> Page[Upcoming]:
    """`upcoming`, a page at a time (a chain has hundreds of venues). A page past the end
    gives the last one."""
    page, page_size = _bounded(page, page_size)
    items = upcoming(user_id, offerer_id, now=now)
    page = min(page, max(1, math.ceil(len(items) / page_size)))
    return Page(items[(page - 1) * page_size : page * page_size], len(items), page, page_size)


# --- The rate scale ----------------------------------------------------------------------


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def rate_scale_sentence(now: datetime | None = None) -> str:
    """Rule P2 in one sentence, from the scale in force (services/policy.py)."""
    brackets = finance.rule_set_at(now or clock.utcnow()).brackets
    first, rest = brackets[0], brackets[1:]
    bounds = [bracket.upper_bound for bracket in brackets[:-1]]
    sentence = (
        f"{percent(first.rate_bp)} jusqu'à {whole_euros(first.upper_bound)} de chiffre d'affaires "
        f"annuel par établissement, puis {_listed([percent(b.rate_bp) for b in rest])} "
        f"au-delà de {_listed([whole_euros(bound) for bound in bounds])}"
    )
    book_rates = sorted({b.book_rate_bp for b in rest}, reverse=True)
    if book_rates != sorted({b.rate_bp for b in rest}, reverse=True):
        sentence += (
            f" ; les livres restent remboursés à {_listed([percent(r) for r in book_rates])} "
            f"au-delà de {whole_euros(first.upper_bound)}"
        )
    return sentence


def cadence_sentence() -> str:
    """Rule P4: when payments are made."""
    days = _listed(["1er" if day == 1 else str(day) for day in payouts.RUN_DAYS])
    return (
        f"Les remboursements sont versés toutes les deux semaines, les {days} du mois, pour "
        "les réservations validées avant ces dates ; celles d'un évènement le sont une fois "
        "sa date passée."
    )
