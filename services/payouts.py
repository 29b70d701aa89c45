"""Payment runs (rules P4, P5, O5): every fortnight, what the priced bookings pay back.

Calendar: runs happen on the 1st and the 16th; the cut-off is 00:00 Europe/Paris of that
day. A run pays, in **one payment per bank account**, every priced, unpaid booking
- used before the cut-off (its pricing's value date),
- whose event started before the cut-off (or that is a thing),
- of a venue linked to a bank account that was accepted before the cut-off, linked before
  the cut-off, and whose payments no admin holds.
Others wait and are paid by a later run (retroactively, O5). Free bookings pay nothing:
their pricings are closed without a payment.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    BankAccount,
    BankAccountStatus,
    Booking,
    BookingStatus,
    Payment,
    PaymentRun,
    PaymentRunStatus,
    Pricing,
    PricingStatus,
    Stock,
    Venue,
    VenueBankAccountLink,
)
from services import audit, booking_events, payment_mails
from services.errors import DomainError
from services.formatting import euros, long_date

RUN_DAYS = (1, 16)
CHUNK_SIZE = 500  # bank accounts per transaction


def cutoff_at(cutoff: date) -> datetime:
    """00:00 Europe/Paris of the cut-off day, in UTC."""
    return datetime.combine(cutoff, time(), tzinfo=clock.PARIS).astimezone(UTC)


def is_cutoff(day: date) -> bool:
    return day.day in RUN_DAYS


def previous_cutoff(cutoff: date) -> date:
    """The cut-off before this one: the fortnight a run's statements name starts there."""
    if cutoff.day > 16:
        return cutoff.replace(day=16)
    if cutoff.day > 1:
        return cutoff.replace(day=1)
    return (cutoff - timedelta(days=1)).replace(day=16)


def latest_cutoff(moment: datetime) -> date:
    """The last cut-off at or before `moment` (Paris time): the run due now."""
    today = clock.to_paris(moment).date()
    return today if is_cutoff(today) else previous_cutoff(today)


def next_cutoff(moment: datetime) -> date:
    """The first cut-off strictly after `moment`: when what is payable now will be paid."""
    today = clock.to_paris(moment).date()
    if today.day < 16:
        return today.replace(day=16)
    return (today.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_end(cutoff: date) -> date:
    """The last day of the fortnight a cut-off closes."""
    return cutoff - timedelta(days=1)


def _payable(moment: datetime):
    """Rule P4 and O5: a pricing this run may settle, on a venue link to its account."""
    return and_(
        Pricing.status == PricingStatus.VALIDATED,
        Pricing.payment_id.is_(None),
        Pricing.value_date < moment,
        VenueBankAccountLink.venue_id == Pricing.venue_id,
        VenueBankAccountLink.created_at < moment,
        BankAccount.id == VenueBankAccountLink.bank_account_id,
        _account_payable(moment),
    )


def _account_payable(moment: datetime):
    return and_(
        BankAccount.status == BankAccountStatus.ACCEPTED,
        BankAccount.status_changed_at < moment,
        BankAccount.payments_held_at.is_(None),
    )


def _event_passed(stock, moment: datetime):
    """A thing, or an event that started before the cut-off (pcapi's rule)."""
    return or_(stock.beginning_at.is_(None), stock.beginning_at < moment)


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    cutoff: date
    created: int  # payments made by this call: 0 when the run was already complete (P5)
    payment_count: int
    booking_count: int
    amount: int  # cents

    @property
    def text(self) -> str:
        return (
            f"Échéance du {self.cutoff:%d/%m/%Y} : {self.created} paiement(s) ajouté(s) ; "
            f"{self.payment_count} paiement(s), {self.booking_count} réservation(s), "
            f"{euros(self.amount)} en tout."
        )


def run_payments(
    cutoff: date | None = None,
    *,
    admin_id: int | None = None,
    now: datetime | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> RunSummary:
    """Rules P4, P5: pay everything payable at `cutoff` (by default the latest one due).

    Idempotent: a finished run is returned as it is; a run stopped half-way (crash, kill)
    is resumed, the accounts it paid are skipped. Bank accounts go by chunks, one
    transaction each, so that a crash loses at most the chunk at work.

    Lock order, the same in every chunk: payment run row (one runner at a time) → bank
    accounts (a hold waits) → establishments (`Venue` rows, as the pricing job and the
    counter's undo lock them) → bookings (skipping those an undo holds) → pricings. The
    pricing job takes establishment → bookings (skip locked); the undo takes booking →
    establishment → pricing: no cycle with either.
    """
    now = now or clock.utcnow()
    cutoff = cutoff or latest_cutoff(now)
    _check_cutoff(cutoff, now)
    run_id, finished = _open_run(cutoff, admin_id, now)
    created = 0
    if not finished:
        moment = cutoff_at(cutoff)
        accounts = _candidate_accounts(cutoff, moment)
        for start in range(0, len(accounts), chunk_size):
            with db.transaction() as session:
                created += _pay_chunk(
                    session, run_id, cutoff, accounts[start : start + chunk_size], now
                )
    return _finish(run_id, created, now)


def run_due_payments(*, now: datetime | None = None) -> list[RunSummary]:
    """The scheduled job: finish a run stopped half-way, then make the one due now."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        unfinished = session.exec(
            select(PaymentRun.cutoff).where(PaymentRun.status == PaymentRunStatus.RUNNING)
        ).first()
    due = [unfinished] if unfinished else []
    if latest_cutoff(now) not in due:
        due.append(latest_cutoff(now))
    return [run_payments(cutoff, now=now) for cutoff in due]


def _check_cutoff(cutoff: date, now: datetime) -> None:
    if not is_cutoff(cutoff):
        raise DomainError(
            "not_a_cutoff", "Les paiements se font pour une échéance du 1er ou du 16 du mois."
        )
    if cutoff_at(cutoff) > now:
        raise DomainError(
            "cutoff_in_future",
            f"L'échéance du {long_date(cutoff)} n'est pas encore passée.",
        )


def _open_run(cutoff: date, admin_id: int | None, now: datetime) -> tuple[int, bool]:
    """The run of this cut-off, created if need be: (id, already finished)."""
    try:
        with db.transaction() as session:
            admin = audit.check_admin(session, admin_id) if admin_id is not None else None
            run = session.exec(select(PaymentRun).where(PaymentRun.cutoff == cutoff)).first()
            if run is None:
                run = _new_run(session, cutoff, admin_id, now)
            if admin is not None:
                audit.record(
                    session,
                    admin,
                    audit.AuditAction.PAYMENT_RUN_STARTED,
                    "payment_run",
                    run.id,
                    {"comment": _start_comment(run)},
                    now,
                )
            return run.id, run.status == PaymentRunStatus.DONE
    except IntegrityError:
        # Another process created a run at the same moment: this cut-off's (use it) or
        # another one (the one-running-run index refused ours).
        with db.transaction(write=False) as session:
            run = session.exec(select(PaymentRun).where(PaymentRun.cutoff == cutoff)).first()
        if run is None:
            raise _unfinished_elsewhere() from None
        return run.id, run.status == PaymentRunStatus.DONE


def _new_run(session: Session, cutoff: date, admin_id: int | None, now: datetime) -> PaymentRun:
    later = session.exec(select(func.max(PaymentRun.cutoff))).one()
    if later is not None and later > cutoff:
        raise DomainError(
            "later_run_exists",
            f"Le paiement de l'échéance du {long_date(later)} est déjà fait : une échéance "
            "antérieure ne peut plus être payée (ses réservations l'ont été avec elle).",
        )
    if session.exec(
        select(PaymentRun.id).where(PaymentRun.status == PaymentRunStatus.RUNNING)
    ).first():
        raise _unfinished_elsewhere()
    run = PaymentRun(
        cutoff=cutoff,
        period_start=previous_cutoff(cutoff),
        started_by_user_id=admin_id,
        started_at=now,
    )
    session.add(run)
    session.flush()
    return run


def _unfinished_elsewhere() -> DomainError:
    return DomainError(
        "other_run_unfinished",
        "Un paiement d'une autre échéance est inachevé : relancez-le d'abord.",
    )


def _start_comment(run: PaymentRun) -> str:
    text = f"Échéance du {long_date(run.cutoff)}"
    if run.status == PaymentRunStatus.DONE:
        return f"{text} : déjà terminé, rien d'ajouté"
    return text


def _candidate_accounts(cutoff: date, moment: datetime) -> list[int]:
    """The accounts with something payable and no payment yet for this cut-off."""
    already_paid = exists().where(
        Payment.bank_account_id == BankAccount.id, Payment.cutoff == cutoff
    )
    with db.transaction(write=False) as session:
        return list(
            session.exec(
                select(BankAccount.id)
                .select_from(Pricing)
                .join(VenueBankAccountLink, VenueBankAccountLink.venue_id == Pricing.venue_id)
                .join(BankAccount, BankAccount.id == VenueBankAccountLink.bank_account_id)
                .where(_payable(moment), ~already_paid)
                .distinct()
                .order_by(BankAccount.id)
            )
        )


def _pay_chunk(
    session: Session, run_id: int, cutoff: date, account_ids: list[int], now: datetime
) -> int:
    """One transaction: pay these accounts (the locks in the order of `run_payments`)."""
    moment = cutoff_at(cutoff)
    db.lock_one(session, PaymentRun, run_id)
    paid_before = set(
        session.exec(
            select(Payment.bank_account_id).where(
                Payment.cutoff == cutoff, Payment.bank_account_id.in_(account_ids)
            )
        )
    )
    accounts = [
        account
        for account in db.lock(session, BankAccount, account_ids)
        if account.id not in paid_before and _still_payable(account, moment)
    ]
    if not accounts:
        return 0
    ids = [account.id for account in accounts]
    establishments = session.exec(
        select(Pricing.pricing_point_id)
        .join(VenueBankAccountLink, VenueBankAccountLink.venue_id == Pricing.venue_id)
        .join(BankAccount, BankAccount.id == VenueBankAccountLink.bank_account_id)
        .where(_payable(moment), BankAccount.id.in_(ids))
        .distinct()
    ).all()
    db.lock(session, Venue, establishments)
    in_chunk = and_(
        _payable(moment),
        BankAccount.id.in_(ids),
        Pricing.pricing_point_id.in_(establishments),
    )
    payments = _open_payments(session, run_id, cutoff, accounts, now)
    _pay_pricings(session, payments, establishments, moment)
    _mark_reimbursed(session, payments, now)
    payments = _count_payments(session, payments)
    _close_free_pricings(session, in_chunk, moment)
    payment_mails.statements_available(session, payments, now)
    return len(payments)


def _still_payable(account: BankAccount, moment: datetime) -> bool:
    """Read under the account's lock: an admin may have held it since the candidates."""
    return (
        account.status == BankAccountStatus.ACCEPTED
        and account.status_changed_at is not None
        and account.status_changed_at < moment
        and account.payments_held_at is None
    )


def _linked(in_chunk):
    """Pricings of the chunk, as a correlated condition on `Pricing`."""
    return exists().where(in_chunk).correlate(Pricing)


def _open_payments(
    session: Session, run_id: int, cutoff: date, accounts: list[BankAccount], now: datetime
) -> list[Payment]:
    """One payment per account (P4), its amount counted once its pricings are attached."""
    payments = [
        Payment(
            run_id=run_id,
            bank_account_id=account.id,
            offerer_id=account.offerer_id,
            period_start=previous_cutoff(cutoff),
            cutoff=cutoff,
            amount=0,
            booking_count=0,
            reference=f"en-cours-{account.id}-{cutoff.isoformat()}",
            created_at=now,
        )
        for account in accounts
    ]
    session.add_all(payments)
    session.flush()
    for payment in payments:
        payment.reference = f"F{cutoff.year % 100:02d}{payment.id:07d}"
    return payments


def _pay_pricings(
    session: Session, payments: list[Payment], establishments: list[int], moment: datetime
) -> None:
    """Pricings with something to pay go with their account's payment (P4), in one joined
    UPDATE (a venue has one account, the account one payment of this cut-off). Their
    bookings are locked first, skipping those an undo holds: that undo waits for the
    establishment we hold, then undoes a booking left unpaid (P5)."""
    stock = aliased(Stock)
    venues = select(VenueBankAccountLink.venue_id).where(
        VenueBankAccountLink.bank_account_id.in_([payment.bank_account_id for payment in payments])
    )
    bookings = (
        select(Booking.id)
        .join(stock, stock.id == Booking.stock_id)
        .where(
            Booking.venue_id.in_(venues),
            Booking.status == BookingStatus.USED,
            Booking.used_at < moment,
            _event_passed(stock, moment),
        )
    )
    if db.locking_enabled:
        bookings = bookings.with_for_update(of=Booking, skip_locked=True)
    session.exec(
        update(Pricing)
        .where(
            Pricing.status == PricingStatus.VALIDATED,
            Pricing.value_date < moment,
            Pricing.booking_amount > 0,
            Pricing.pricing_point_id.in_(establishments),
            Pricing.booking_id.in_(bookings),
            VenueBankAccountLink.venue_id == Pricing.venue_id,
            VenueBankAccountLink.created_at < moment,
            Payment.bank_account_id == VenueBankAccountLink.bank_account_id,
            Payment.id.in_([payment.id for payment in payments]),
        )
        .values(status=PricingStatus.PAID, payment_id=Payment.id)
        .execution_options(synchronize_session=False)
    )


def _mark_reimbursed(session: Session, payments: list[Payment], now: datetime) -> None:
    """The paid pricings' bookings become « remboursée »: the undo refuses them (P5)."""
    paid = Pricing.payment_id.in_([payment.id for payment in payments])
    session.exec(
        update(Booking)
        .where(
            Booking.id == Pricing.booking_id,
            paid,
            Booking.status == BookingStatus.USED,
        )
        .values(status=BookingStatus.REIMBURSED, reimbursed_at=now)
        .execution_options(synchronize_session=False)
    )
    booking_events.log_reimbursed(
        session,
        select(func.max(Pricing.booking_id)).where(paid).group_by(Pricing.payment_id),
        now,
    )


def _count_payments(session: Session, payments: list[Payment]) -> list[Payment]:
    """Each payment's amount and bookings, from its pricings. A payment of nothing (no
    booking left to pay, or digital offers at 0 % only) is no transfer: its pricings are
    closed without it (P1) and it is deleted. Returns the payments kept."""
    totals = {
        payment_id: (count, amount)
        for payment_id, count, amount in session.exec(
            select(Pricing.payment_id, func.count(), func.sum(Pricing.amount))
            .where(Pricing.payment_id.in_([payment.id for payment in payments]))
            .group_by(Pricing.payment_id)
        )
    }
    kept, empty = [], []
    for payment in payments:
        payment.booking_count, payment.amount = totals.get(payment.id, (0, 0))
        (kept if payment.amount > 0 else empty).append(payment)
    if empty:
        session.exec(
            update(Pricing)
            .where(Pricing.payment_id.in_([payment.id for payment in empty]))
            .values(status=PricingStatus.CLOSED, payment_id=None)
            .execution_options(synchronize_session=False)
        )
        for payment in empty:
            session.delete(payment)
    session.flush()
    return kept


def _close_free_pricings(session: Session, in_chunk, moment: datetime) -> None:
    """Free bookings pay nothing: their pricings are closed without a payment (P1)."""
    stock = aliased(Stock)
    event_passed = (
        exists()
        .where(Booking.id == Pricing.booking_id, stock.id == Booking.stock_id)
        .where(_event_passed(stock, moment))
        .correlate(Pricing)
    )
    session.exec(
        update(Pricing)
        .where(
            Pricing.status == PricingStatus.VALIDATED,
            Pricing.booking_amount == 0,
            event_passed,
            _linked(in_chunk),
        )
        .values(status=PricingStatus.CLOSED)
        .execution_options(synchronize_session=False)
    )


def _finish(run_id: int, created: int, now: datetime) -> RunSummary:
    with db.transaction() as session:
        run = db.lock_one(session, PaymentRun, run_id)
        if run.status == PaymentRunStatus.RUNNING:
            run.payment_count, run.booking_count, run.amount = session.exec(
                select(
                    func.count(),
                    func.coalesce(func.sum(Payment.booking_count), 0),
                    func.coalesce(func.sum(Payment.amount), 0),
                ).where(Payment.run_id == run_id)
            ).one()
            run.status, run.finished_at = PaymentRunStatus.DONE, now
        return RunSummary(
            run.id, run.cutoff, created, run.payment_count, run.booking_count, run.amount
        )
