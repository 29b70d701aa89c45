"""Payment runs (rules P1, P4, P5, O5): what is paid, when, once, and to which account."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from jobs.pay_reimbursements import pay_reimbursements
from pass_culture import db
from pass_culture.models import (
    AdminAuditLog,
    BankAccount,
    Booking,
    BookingStatus,
    EmailOutbox,
    Payment,
    PaymentRun,
    Pricing,
    PricingStatus,
    Role,
)
from services import booking_events, counter, finance, payouts
from services.errors import DomainError
from tests.factories import (
    make_bank_account,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)

CUTOFF = date(2026, 3, 16)
CUTOFF_AT = datetime(2026, 3, 15, 23, tzinfo=UTC)  # 00:00 in Paris (winter time)
USED_AT = datetime(2026, 3, 5, 10, tzinfo=UTC)
NOW = datetime(2026, 3, 16, 4, tzinfo=UTC)
NEXT = date(2026, 4, 1)
NEXT_NOW = datetime(2026, 4, 1, 4, tzinfo=UTC)
CD = "SUPPORT_PHYSIQUE_MUSIQUE_CD"
EBOOK = "LIVRE_NUMERIQUE"  # digital: priced at 0 % (F10)
CONCERT = "CONCERT"


def used(venue, *, price=10_00, used_at=USED_AT, subcategory=CD, beginning_at=None):
    offer = make_offer(venue, subcategory_id=subcategory)
    stock = make_stock(offer, price=price, beginning_at=beginning_at)
    return make_booking(stock, make_user(), None, status=BookingStatus.USED, used_at=used_at)


def priced(*bookings):
    finance.price_used_bookings(now=NOW)
    return bookings


def structure(venues=1, **account_fields):
    offerer = make_offerer()
    pro = make_pro(offerer)
    places = [make_venue(offerer) for _ in range(venues)]
    return offerer, pro, places, make_bank_account(offerer, places, **account_fields)


def rows(model, *where):
    with db.transaction(write=False) as session:
        return list(session.exec(select(model).where(*where).order_by(model.id)))


def state_of(booking) -> tuple[str, str, int | None]:
    with db.transaction(write=False) as session:
        row = session.get(Booking, booking.id)
        pricing = session.exec(
            select(Pricing).where(
                Pricing.booking_id == booking.id, Pricing.status != PricingStatus.CANCELLED
            )
        ).one()
    return row.status, pricing.status, pricing.payment_id


# --- The calendar ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cutoff", "previous"),
    [(date(2026, 3, 16), date(2026, 3, 1)), (date(2026, 3, 1), date(2026, 2, 16))],
)
def test_a_cutoff_closes_the_fortnight_since_the_previous_one(cutoff, previous):  # rule P4
    assert payouts.previous_cutoff(cutoff) == previous
    assert payouts.period_end(cutoff) == cutoff - timedelta(days=1)


def test_cutoffs_are_midnight_in_paris_summer_and_winter():  # rule P4
    assert payouts.cutoff_at(date(2026, 3, 16)) == CUTOFF_AT
    assert payouts.cutoff_at(date(2026, 4, 1)) == datetime(2026, 3, 31, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "latest", "following"),
    [
        (datetime(2026, 3, 15, 22, 59, tzinfo=UTC), date(2026, 3, 1), date(2026, 3, 16)),
        (datetime(2026, 3, 15, 23, 0, tzinfo=UTC), date(2026, 3, 16), date(2026, 4, 1)),
        (datetime(2026, 12, 31, 12, tzinfo=UTC), date(2026, 12, 16), date(2027, 1, 1)),
    ],
)
def test_the_run_due_and_the_next_one(moment, latest, following):  # rule P4
    assert payouts.latest_cutoff(moment) == latest
    assert payouts.next_cutoff(moment) == following


# --- What a run pays (P4) ----------------------------------------------------------------


def test_one_payment_per_bank_account_with_every_venue_on_it(database):  # rules P4, O5
    offerer, pro, (first, second), account = structure(venues=2)
    other_account = make_bank_account(offerer, [third := make_venue(offerer)], label="Second")
    priced(used(first, price=10_00), used(second, price=25_50), used(third, price=7_00))

    summary = payouts.run_payments(CUTOFF, now=NOW)

    payments = rows(Payment)
    assert [(p.bank_account_id, p.amount, p.booking_count) for p in payments] == [
        (account.id, 35_50, 2),
        (other_account.id, 7_00, 1),
    ]
    assert (summary.created, summary.payment_count, summary.booking_count) == (2, 2, 3)
    assert summary.amount == 42_50
    run = rows(PaymentRun)[0]
    assert (run.status, run.period_start, run.label) == ("done", date(2026, 3, 1), f"VIR{run.id}")
    for payment in payments:
        assert payment.reference == f"F26{payment.id:07d}"
        assert (payment.period_start, payment.cutoff, payment.run_id) == (
            date(2026, 3, 1),
            CUTOFF,
            run.id,
        )


def test_the_payment_is_what_the_pricings_say(database):  # rules P2, P4
    _, _, (venue,), _ = structure()
    booking = used(venue, price=100_00)
    priced(booking)
    with db.transaction() as session:  # a rate below 100 %, as a high revenue gives
        pricing = session.exec(select(Pricing).where(Pricing.booking_id == booking.id)).one()
        pricing.amount, pricing.rate_bp = 95_00, 9500

    payouts.run_payments(CUTOFF, now=NOW)

    assert rows(Payment)[0].amount == 95_00
    assert state_of(booking) == (BookingStatus.REIMBURSED, PricingStatus.PAID, rows(Payment)[0].id)
    assert rows(Booking)[0].reimbursed_at == NOW


def test_used_before_the_cutoff_is_paid_at_the_cutoff_waits(database):  # rule P4 edge
    _, _, (venue,), _ = structure()
    before = used(venue, used_at=CUTOFF_AT - timedelta(microseconds=1))
    at = used(venue, used_at=CUTOFF_AT)
    finance.price_used_bookings(now=CUTOFF_AT + timedelta(hours=1))

    payouts.run_payments(CUTOFF, now=NOW)

    assert state_of(before)[0] == BookingStatus.REIMBURSED
    assert state_of(at) == (BookingStatus.USED, PricingStatus.VALIDATED, None)


def test_an_event_is_paid_once_it_has_started_before_the_cutoff(database):  # rule P4 edge
    _, _, (venue,), _ = structure()
    started = used(venue, subcategory=CONCERT, beginning_at=CUTOFF_AT - timedelta(minutes=1))
    at_cutoff = used(venue, subcategory=CONCERT, beginning_at=CUTOFF_AT)
    priced(started, at_cutoff)

    payouts.run_payments(CUTOFF, now=NOW)

    assert state_of(started)[1] == PricingStatus.PAID
    assert state_of(at_cutoff) == (BookingStatus.USED, PricingStatus.VALIDATED, None)
    payouts.run_payments(NEXT, now=NEXT_NOW)  # the next run pays it
    assert state_of(at_cutoff)[1] == PricingStatus.PAID
    assert [p.amount for p in rows(Payment)] == [10_00, 10_00]


@pytest.mark.parametrize(
    "account_fields",
    [
        {"status": "pending"},
        {"status": "draft"},
        {"status": "accepted", "status_changed_at": CUTOFF_AT},  # accepted at the cut-off
        {"payments_held_at": USED_AT, "payments_hold_reason": "Contrôle"},
    ],
    ids=["pending", "draft", "accepted-at-cutoff", "held"],
)
def test_venues_without_a_payable_account_wait_then_are_paid_retroactively(
    database, account_fields
):  # rules P4, O5
    _, _, (venue,), account = structure(**account_fields)
    booking = used(venue)
    priced(booking)

    assert payouts.run_payments(CUTOFF, now=NOW).created == 0
    assert state_of(booking) == (BookingStatus.USED, PricingStatus.VALIDATED, None)

    with db.transaction() as session:  # accepted / released afterwards
        row = session.get(BankAccount, account.id)
        row.status, row.status_changed_at = "accepted", CUTOFF_AT
        row.payments_held_at = row.payments_hold_reason = None
    payouts.run_payments(NEXT, now=NEXT_NOW)
    assert state_of(booking)[1] == PricingStatus.PAID
    assert rows(Payment)[0].cutoff == NEXT


def test_a_venue_linked_after_the_cutoff_waits(database):  # rule O5
    offerer, _, _, account = structure(venues=0)
    venue = make_venue(offerer)
    with db.transaction() as session:
        from pass_culture.models import VenueBankAccountLink

        session.add(
            VenueBankAccountLink(venue_id=venue.id, bank_account_id=account.id, created_at=NOW)
        )
    booking = used(venue)
    priced(booking)

    payouts.run_payments(CUTOFF, now=NOW)
    assert state_of(booking)[1] == PricingStatus.VALIDATED
    payouts.run_payments(NEXT, now=NEXT_NOW)
    assert state_of(booking)[1] == PricingStatus.PAID


def test_free_bookings_are_closed_without_a_payment(database):  # rule P1
    _, _, (venue,), _ = structure()
    free = used(venue, price=0)
    _, _, (only_free_venue,), _ = structure()
    alone = used(only_free_venue, price=0)
    paying = used(venue, price=12_00)
    priced(free, alone, paying)

    payouts.run_payments(CUTOFF, now=NOW)

    assert state_of(free) == (BookingStatus.USED, PricingStatus.CLOSED, None)
    assert state_of(alone) == (BookingStatus.USED, PricingStatus.CLOSED, None)
    [payment] = rows(Payment)
    assert (payment.amount, payment.booking_count) == (12_00, 1)


def test_digital_bookings_go_with_a_payment_but_alone_make_none(database):  # rules P1, F10
    _, _, (venue,), _ = structure()
    ebook, cd = used(venue, subcategory=EBOOK), used(venue, price=5_00)
    _, _, (digital_only,), _ = structure()
    lone_ebook = used(digital_only, subcategory=EBOOK)
    priced(ebook, cd, lone_ebook)

    payouts.run_payments(CUTOFF, now=NOW)

    [payment] = rows(Payment)
    assert (payment.amount, payment.booking_count) == (5_00, 2)
    assert state_of(ebook) == (BookingStatus.REIMBURSED, PricingStatus.PAID, payment.id)
    assert state_of(lone_ebook) == (BookingStatus.REIMBURSED, PricingStatus.CLOSED, None)


# --- Nothing is paid twice (P5) ----------------------------------------------------------


def test_rerunning_a_cutoff_adds_nothing(database):  # rule P5
    _, _, (venue,), _ = structure()
    priced(used(venue))
    first = payouts.run_payments(CUTOFF, now=NOW)
    late = used(venue, used_at=USED_AT)  # used before the cut-off, priced after the run
    finance.price_used_bookings(now=NOW)

    again = payouts.run_payments(CUTOFF, now=NOW + timedelta(hours=1))

    assert (again.created, again.payment_count, again.amount) == (0, 1, first.amount)
    assert len(rows(Payment)) == 1
    assert state_of(late)[1] == PricingStatus.VALIDATED
    payouts.run_payments(NEXT, now=NEXT_NOW)  # paid with the next fortnight
    assert state_of(late)[1] == PricingStatus.PAID


def test_a_run_stopped_half_way_is_resumed_and_pays_each_booking_once(database, monkeypatch):
    # rule P5: one transaction per chunk of accounts; a crash loses only the chunk at work
    bookings = []
    for _ in range(3):
        _, _, (venue,), _ = structure()
        bookings += [used(venue, price=3_00), used(venue, price=4_00)]
    priced(*bookings)
    real_chunk, calls = payouts._pay_chunk, []

    def crash_on_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("processus arrêté")
        return real_chunk(*args)

    monkeypatch.setattr(payouts, "_pay_chunk", crash_on_second)
    with pytest.raises(RuntimeError):
        payouts.run_payments(CUTOFF, now=NOW, chunk_size=1)
    assert rows(PaymentRun)[0].status == "running"
    assert len(rows(Payment)) == 1
    monkeypatch.setattr(payouts, "_pay_chunk", real_chunk)

    summary = payouts.run_payments(CUTOFF, now=NOW + timedelta(minutes=5), chunk_size=1)

    assert (summary.created, summary.payment_count, summary.amount) == (2, 3, 21_00)
    assert [p.amount for p in rows(Payment)] == [7_00, 7_00, 7_00]
    assert all(state_of(b)[1] == PricingStatus.PAID for b in bookings)
    assert len(rows(EmailOutbox, EmailOutbox.template == "statement_available")) == 3


def test_undoing_a_paid_booking_is_refused(database):  # rule P5
    _, pro, (venue,), _ = structure()
    paid, unpaid = used(venue), used(venue, used_at=CUTOFF_AT + timedelta(hours=2))
    finance.price_used_bookings(now=NOW + timedelta(hours=2))
    payouts.run_payments(CUTOFF, now=NOW + timedelta(hours=3))

    with pytest.raises(DomainError) as refused:
        counter.undo_validation(pro.id, paid.code, now=NOW + timedelta(hours=4))
    assert refused.value.code == "already_reimbursed"
    counter.undo_validation(pro.id, unpaid.code, now=NOW + timedelta(hours=4))
    assert rows(Booking, Booking.id == unpaid.id)[0].status == BookingStatus.CONFIRMED


# --- Which runs may start ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cutoff", "now", "code"),
    [
        (date(2026, 3, 15), NOW, "not_a_cutoff"),
        (NEXT, NOW, "cutoff_in_future"),
    ],
)
def test_a_run_needs_a_past_cutoff(database, cutoff, now, code):  # rule P4
    with pytest.raises(DomainError) as refused:
        payouts.run_payments(cutoff, now=now)
    assert refused.value.code == code
    assert rows(PaymentRun) == []


def test_an_earlier_cutoff_cannot_be_paid_after_a_later_one(database):  # rule P5
    payouts.run_payments(NEXT, now=NEXT_NOW)
    with pytest.raises(DomainError) as refused:
        payouts.run_payments(CUTOFF, now=NEXT_NOW)
    assert refused.value.code == "later_run_exists"


def test_an_unfinished_run_comes_first(database, monkeypatch):  # rule P5
    _, _, (venue,), _ = structure()
    priced(used(venue))
    monkeypatch.setattr(payouts, "_pay_chunk", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        payouts.run_payments(CUTOFF, now=NOW)
    monkeypatch.undo()
    with pytest.raises(DomainError) as refused:
        payouts.run_payments(NEXT, now=NEXT_NOW)
    assert refused.value.code == "other_run_unfinished"

    summaries = payouts.run_due_payments(now=NEXT_NOW)  # the job: finish, then the due one

    assert [(s.cutoff, s.payment_count) for s in summaries] == [(CUTOFF, 1), (NEXT, 0)]
    assert [run.status for run in rows(PaymentRun)] == ["done", "done"]


# --- Who is told, what is recorded --------------------------------------------------------


def test_the_structure_is_emailed_its_statement(database):  # rule P6
    offerer, pro, (venue,), _ = structure()
    priced(used(venue, price=20_00))
    payouts.run_payments(CUTOFF, now=NOW)
    [mail] = rows(EmailOutbox, EmailOutbox.template == "statement_available")
    [payment] = rows(Payment)
    assert mail.to_address == pro.email
    assert payment.reference in mail.subject
    assert "20,00 €" in mail.body_text and "/pro/remboursements" in mail.body_text


def test_the_live_bookings_pages_get_one_event_per_payment(database):  # rule P4
    # Not one per booking (migration 0021): a run changes a fortnight's bookings at once.
    offerer, _, venues, _ = structure(venues=2)
    other, _, (elsewhere,), _ = structure()
    paid = priced(*(used(venue) for venue in [*venues, *venues, elsewhere]))
    start = booking_events.latest_event_id()

    payouts.run_payments(CUTOFF, now=NOW)

    events = booking_events.events_after(start)
    assert sorted((e.offerer_id, e.kind) for e in events) == [
        (offerer.id, "reimbursed"),
        (other.id, "reimbursed"),
    ]
    assert {e.booking_id for e in events} <= {booking.id for booking in paid}


def test_a_run_by_an_admin_is_in_the_audit_log_others_are_refused(database):
    admin, young = make_user(Role.ADMIN), make_user()
    with pytest.raises(DomainError) as refused:
        payouts.run_payments(CUTOFF, admin_id=young.id, now=NOW)
    assert refused.value.code == "admin_only"
    assert rows(PaymentRun) == []

    payouts.run_payments(CUTOFF, admin_id=admin.id, now=NOW)
    payouts.run_payments(CUTOFF, admin_id=admin.id, now=NOW)

    entries = rows(AdminAuditLog, AdminAuditLog.action == "payment_run_started")
    assert [e.admin_user_id for e in entries] == [admin.id, admin.id]
    assert "rien d'ajouté" in entries[1].details["comment"]
    assert rows(PaymentRun)[0].started_by_user_id == admin.id


def test_the_job_pays_the_due_fortnight(database, monkeypatch):  # rule P4
    _, _, (venue,), _ = structure()
    priced(used(venue, price=8_00))
    monkeypatch.setattr("pass_culture.clock.utcnow", lambda: NOW)
    assert pay_reimbursements() == (
        "Échéance du 16/03/2026 : 1 paiement(s) ajouté(s) ; 1 paiement(s), "
        "1 réservation(s), 8,00 € en tout."
    )
    assert "0 paiement(s) ajouté(s)" in pay_reimbursements()
