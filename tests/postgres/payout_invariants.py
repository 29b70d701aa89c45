"""What the database says about payments, read independently of the services (P1, P4, P5).

`payment_problems()` lists every broken invariant in words; an empty list means: each
booking paid at most once, « remboursée » exactly when its pricing is settled; every
payment equal to its pricings and made when its bookings became « remboursées »; every
run finished, its totals those of its payments; one statement email per payment.
"""

from collections import Counter, defaultdict

from sqlmodel import select

from pass_culture import db
from pass_culture.models import (
    Booking,
    BookingStatus,
    EmailOutbox,
    Payment,
    PaymentRun,
    PaymentRunStatus,
    Pricing,
    PricingStatus,
    VenueBankAccountLink,
)
from services import payouts

SETTLED = {PricingStatus.PAID, PricingStatus.CLOSED}


def _read():
    with db.transaction(write=False) as session:
        return (
            session.exec(select(Booking)).all(),
            session.exec(select(Pricing)).all(),
            session.exec(select(Payment)).all(),
            session.exec(select(PaymentRun)).all(),
            dict(
                session.exec(
                    select(VenueBankAccountLink.venue_id, VenueBankAccountLink.bank_account_id)
                ).all()
            ),
            session.exec(
                select(EmailOutbox.subject).where(EmailOutbox.template == "statement_available")
            ).all(),
        )


def _booking_problems(bookings, pricings) -> list[str]:
    live = defaultdict(list)
    for pricing in pricings:
        if pricing.status != PricingStatus.CANCELLED:
            live[pricing.booking_id].append(pricing)
    problems = []
    for booking in bookings:
        mine = live[booking.id]
        settled = [p for p in mine if p.status in SETTLED]
        if len(mine) > 1:
            problems.append(f"réservation {booking.id} : {len(mine)} tarifications vivantes")
        if booking.status == BookingStatus.REIMBURSED:
            if booking.used_at is None or not settled:
                problems.append(
                    f"réservation {booking.id} remboursée sans tarification réglée "
                    f"(utilisée le {booking.used_at})"
                )
        elif any(p.status == PricingStatus.PAID for p in mine):
            problems.append(
                f"réservation {booking.id} ({booking.status}) payée sans être remboursée"
            )
    return problems


def _pricing_problems(pricings) -> list[str]:
    problems = []
    for pricing in pricings:
        if (pricing.payment_id is not None) != (pricing.status == PricingStatus.PAID):
            problems.append(
                f"tarification {pricing.id} ({pricing.status}) et paiement {pricing.payment_id}"
            )
    paid = Counter(p.booking_id for p in pricings if p.payment_id is not None)
    problems += [f"réservation {b} payée {n} fois" for b, n in paid.items() if n > 1]
    return problems


def _payment_problems(payments, pricings, links, runs, bookings) -> list[str]:
    of_payment = defaultdict(list)
    for pricing in pricings:
        if pricing.payment_id is not None:
            of_payment[pricing.payment_id].append(pricing)
    cutoffs = {run.id: run.cutoff for run in runs}
    reimbursed_at = {booking.id: booking.reimbursed_at for booking in bookings}
    problems = []
    for payment in payments:
        mine = of_payment[payment.id]
        if not mine or payment.amount <= 0:
            problems.append(f"paiement {payment.reference} sans rien à payer")
        if (payment.amount, payment.booking_count) != (sum(p.amount for p in mine), len(mine)):
            problems.append(
                f"paiement {payment.reference} : {payment.amount} pour {payment.booking_count} "
                f"réservations, ses tarifications {sum(p.amount for p in mine)} pour {len(mine)}"
            )
        moment = payouts.cutoff_at(cutoffs[payment.run_id])
        for pricing in mine:
            if links.get(pricing.venue_id) != payment.bank_account_id:
                problems.append(f"tarification {pricing.id} payée sur un autre compte")
            if pricing.value_date >= moment:
                problems.append(f"tarification {pricing.id} utilisée après l'échéance")
            stamped = reimbursed_at[pricing.booking_id]
            if stamped != payment.created_at:
                problems.append(
                    f"réservation {pricing.booking_id} remboursée le {stamped}, "
                    f"son paiement fait le {payment.created_at}"
                )
    twice = Counter((p.bank_account_id, p.cutoff) for p in payments)
    problems += [f"compte {a} payé {n} fois le {c}" for (a, c), n in twice.items() if n > 1]
    return problems


def _run_problems(runs, payments, finished: bool) -> list[str]:
    problems = []
    for run in runs:
        mine = [p for p in payments if p.run_id == run.id]
        totals = (len(mine), sum(p.booking_count for p in mine), sum(p.amount for p in mine))
        if run.status != PaymentRunStatus.DONE:
            if finished:
                problems.append(f"paiement de l'échéance {run.cutoff} inachevé")
        elif (run.payment_count, run.booking_count, run.amount) != totals:
            problems.append(f"totaux de {run.label} faux : {run.amount} au lieu de {totals[2]}")
    return problems


def payment_problems(*, finished: bool = True) -> list[str]:
    """Every broken invariant; `finished=False` accepts a run stopped half-way (killed),
    whose committed chunks must be whole all the same."""
    bookings, pricings, payments, runs, links, subjects = _read()
    problems = (
        _booking_problems(bookings, pricings)
        + _pricing_problems(pricings)
        + _payment_problems(payments, pricings, links, runs, bookings)
        + _run_problems(runs, payments, finished)
    )
    mailed = Counter(subject.rsplit(" ", 1)[-1] for subject in subjects)
    if mailed != Counter(p.reference for p in payments):
        problems.append(f"emails {sorted(mailed.elements())} pour {len(payments)} paiements")
    return problems


def paid_booking_ids() -> set[int]:
    with db.transaction(write=False) as session:
        return set(
            session.exec(select(Pricing.booking_id).where(Pricing.status == PricingStatus.PAID))
        )
