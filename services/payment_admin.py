"""What the back office reads of the payments (issue 10 point 6, rules P4–P6): the runs,
the payments of one run, the accepted bank accounts with their holds, and the cut-offs an
admin may launch. Admins only; every list is paginated in SQL."""

import math
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    BankAccount,
    BankAccountStatus,
    Offerer,
    Payment,
    PaymentRun,
    PaymentRunStatus,
    User,
)
from services import audit, payouts
from services.bank_accounts import masked_iban
from services.errors import NotFound
from services.text_match import contains, number_or_words

PAGE_SIZE = 20
CUTOFF_CHOICES = 6  # the latest cut-offs offered to launch
STATUS_LABELS = {PaymentRunStatus.RUNNING: "En cours", PaymentRunStatus.DONE: "Terminé"}
AUTOMATIC = "Automatique"  # a run the scheduler started


def missing_run() -> NotFound:
    return NotFound("payment_run_not_found", "Ce paiement n'existe pas.")


def _window(total: int, page: int, page_size: int) -> tuple[int, int]:
    """(the page asked, kept within the pages; how many pages)."""
    pages = max(1, math.ceil(total / page_size))
    return min(max(1, page), pages), pages


# --- Runs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunLine:
    id: int
    label: str
    cutoff: date
    period_start: date
    period_end: date
    status: str
    status_label: str
    started_by: str  # the admin's name, or « Automatique »
    started_at: datetime
    finished_at: datetime | None
    payment_count: int  # so far, for a run at work
    booking_count: int
    amount: int  # cents


@dataclass(frozen=True)
class RunPage:
    runs: list[RunLine]
    total: int
    page: int
    pages: int


def _run_rows(session: Session, *where, offset: int = 0, limit: int | None = None) -> list[RunLine]:
    rows = session.exec(
        select(PaymentRun, User.first_name, User.last_name)
        .outerjoin(User, User.id == PaymentRun.started_by_user_id)
        .where(*where)
        .order_by(PaymentRun.cutoff.desc(), PaymentRun.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    running = [run.id for run, *_ in rows if run.status == PaymentRunStatus.RUNNING]
    # A run at work has no totals yet: what its payments add up to so far.
    so_far = {
        run_id: (count, bookings, amount)
        for run_id, count, bookings, amount in session.exec(
            select(
                Payment.run_id,
                func.count(),
                func.sum(Payment.booking_count),
                func.sum(Payment.amount),
            )
            .where(Payment.run_id.in_(running))
            .group_by(Payment.run_id)
        )
    }
    lines = []
    for run, first_name, last_name in rows:
        totals = so_far.get(run.id, (0, 0, 0)) if run.id in running else None
        count, bookings, amount = totals or (run.payment_count, run.booking_count, run.amount)
        lines.append(
            RunLine(
                id=run.id,
                label=run.label,
                cutoff=run.cutoff,
                period_start=run.period_start,
                period_end=payouts.period_end(run.cutoff),
                status=run.status,
                status_label=STATUS_LABELS[run.status],
                started_by=f"{first_name} {last_name}" if first_name else AUTOMATIC,
                started_at=run.started_at,
                finished_at=run.finished_at,
                payment_count=count,
                booking_count=bookings,
                amount=amount,
            )
        )
    return lines


def runs(admin_id: int, page: int = 1, *, page_size: int = PAGE_SIZE) -> RunPage:
    """The payment runs, the latest cut-off first."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        total = session.exec(select(func.count(PaymentRun.id))).one()
        page, pages = _window(total, page, page_size)
        lines = _run_rows(session, offset=(page - 1) * page_size, limit=page_size)
    return RunPage(lines, total, page, pages)


def run_of_cutoff(admin_id: int, cutoff: date) -> RunLine | None:
    """The run of this cut-off as it is now (a launch's progress), None before it starts."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        lines = _run_rows(session, PaymentRun.cutoff == cutoff)
    return lines[0] if lines else None


# --- Launching -------------------------------------------------------------------------


@dataclass(frozen=True)
class LaunchChoices:
    cutoffs: list[date]  # the latest first
    default: date
    unfinished: date | None  # a run stopped half-way: launching it again resumes it


def launch_choices(admin_id: int, now: datetime | None = None) -> LaunchChoices:
    """The recent cut-offs (1st and 16th) up to the one due now; by default the one due,
    or the unfinished run's, which has to be finished first."""
    latest = payouts.latest_cutoff(now or clock.utcnow())
    cutoffs = [latest]
    while len(cutoffs) < CUTOFF_CHOICES:
        cutoffs.append(payouts.previous_cutoff(cutoffs[-1]))
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        unfinished = session.exec(
            select(PaymentRun.cutoff).where(PaymentRun.status == PaymentRunStatus.RUNNING)
        ).first()
    if unfinished is not None and unfinished not in cutoffs:
        cutoffs.append(unfinished)
    return LaunchChoices(cutoffs, unfinished or latest, unfinished)


# --- The payments of a run -------------------------------------------------------------


@dataclass(frozen=True)
class PaymentLine:
    id: int
    offerer_name: str
    siren: str
    account_label: str
    iban: str  # masked
    reference: str
    booking_count: int
    amount: int  # cents


@dataclass(frozen=True)
class RunDetails:
    run: RunLine
    payments: list[PaymentLine]
    total: int  # payments matching the search
    page: int
    pages: int


def _payment_filter(text: str | None) -> list:
    """A number: the start of the SIREN. Words: each in the structure's name or the
    statement's reference."""
    number, typed = number_or_words(text)
    if number:
        return [Offerer.siren.startswith(number)]
    return [or_(contains(Offerer.name, word), contains(Payment.reference, word)) for word in typed]


def run_details(
    admin_id: int,
    run_id: int,
    text: str | None = None,
    page: int = 1,
    *,
    page_size: int = PAGE_SIZE,
) -> RunDetails:
    """One run and its payments matching `text`, by structure name (whatever the case)."""
    where = [Payment.run_id == run_id, *_payment_filter(text)]
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        lines = _run_rows(session, PaymentRun.id == run_id)
        if not lines:
            raise missing_run()
        total = session.exec(
            select(func.count(Payment.id))
            .join(Offerer, Offerer.id == Payment.offerer_id)
            .where(*where)
        ).one()
        page, pages = _window(total, page, page_size)
        rows = session.exec(
            select(Payment, Offerer.name, Offerer.siren, BankAccount.label, BankAccount.iban)
            .join(Offerer, Offerer.id == Payment.offerer_id)
            .join(BankAccount, BankAccount.id == Payment.bank_account_id)
            .where(*where)
            .order_by(func.lower(Offerer.name), Payment.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    payments = [
        PaymentLine(
            id=payment.id,
            offerer_name=name,
            siren=siren,
            account_label=label,
            iban=masked_iban(iban),
            reference=payment.reference,
            booking_count=payment.booking_count,
            amount=payment.amount,
        )
        for payment, name, siren, label, iban in rows
    ]
    return RunDetails(lines[0], payments, total, page, pages)


# --- Accepted bank accounts and their holds --------------------------------------------


@dataclass(frozen=True)
class AccountLine:
    id: int
    offerer_id: int
    offerer_name: str
    siren: str
    label: str
    iban: str  # masked
    held_at: datetime | None
    hold_reason: str


@dataclass(frozen=True)
class AccountPage:
    accounts: list[AccountLine]
    total: int  # matching the search and the filter
    held: int  # held ones matching the search
    page: int
    pages: int


def _account_filter(text: str | None) -> list:
    """A number: the start of the SIREN or the end of the IBAN. Words: each in the
    structure's name or the account's label, or ending the IBAN."""
    number, typed = number_or_words(text)
    if number:
        return [or_(Offerer.siren.startswith(number), BankAccount.iban.endswith(number))]
    return [
        or_(
            contains(Offerer.name, word),
            contains(BankAccount.label, word),
            BankAccount.iban.endswith(word.upper(), autoescape=True),
        )
        for word in typed
    ]


def accepted_accounts(
    admin_id: int,
    text: str | None = None,
    *,
    held_only: bool = False,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> AccountPage:
    """Accepted accounts matching `text`, the held ones first (the latest hold first),
    then by structure name."""
    where = [BankAccount.status == BankAccountStatus.ACCEPTED, *_account_filter(text)]
    held = BankAccount.payments_held_at.is_not(None)
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)

        def count(*more) -> int:
            return session.exec(
                select(func.count(BankAccount.id))
                .join(Offerer, Offerer.id == BankAccount.offerer_id)
                .where(*where, *more)
            ).one()

        held_total = count(held)
        if held_only:
            where.append(held)
        total = held_total if held_only else count()
        page, pages = _window(total, page, page_size)
        rows = session.exec(
            select(BankAccount, Offerer.name, Offerer.siren)
            .join(Offerer, Offerer.id == BankAccount.offerer_id)
            .where(*where)
            .order_by(
                case((held, 0), else_=1),
                BankAccount.payments_held_at.desc(),
                func.lower(Offerer.name),
                func.lower(BankAccount.label),
                BankAccount.id,
            )
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    accounts = [
        AccountLine(
            id=account.id,
            offerer_id=account.offerer_id,
            offerer_name=name,
            siren=siren,
            label=account.label,
            iban=masked_iban(account.iban),
            held_at=account.payments_held_at,
            hold_reason=account.payments_hold_reason or "",
        )
        for account, name, siren in rows
    ]
    return AccountPage(accounts, total, held_total, page, pages)
