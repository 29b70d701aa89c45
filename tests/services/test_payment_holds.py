"""Holding a bank account's payments (issue 10 point 6, rules P4, O5): the reason is
required, only accepted accounts are held, every change is in the audit log, the payment
run skips a held account and pays its bookings once released."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, BankAccount, BookingStatus, Role
from services import audit, payment_holds, payouts
from services.errors import DomainError, Forbidden, NotFound
from tests.factories import make_bank_account, make_offerer, make_pro, make_user, make_venue
from tests.services.test_payouts import CUTOFF, NEXT, NEXT_NOW, NOW, priced, state_of, used


@pytest.fixture
def account(database):
    offerer = make_offerer(name="Cinéma Le Royal", siren="123456782")
    venue = make_venue(offerer)
    return make_bank_account(offerer, [venue], label="Compte du cinéma")


def stored(account) -> BankAccount:
    with db.transaction(write=False) as session:
        return session.get(BankAccount, account.id)


def journal() -> list[AdminAuditLog]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(AdminAuditLog).order_by(AdminAuditLog.id)))


def test_an_admin_holds_then_releases_and_both_are_in_the_journal(account):
    admin = make_user(Role.ADMIN)

    payment_holds.hold_payments(admin.id, account.id, "  Contrôle   du RIB ", now=NOW)

    held = stored(account)
    assert (held.payments_held_at, held.payments_hold_reason) == (NOW, "Contrôle du RIB")
    later = NOW + timedelta(days=3)
    payment_holds.release_payments(admin.id, account.id, now=later)
    released = stored(account)
    assert (released.payments_held_at, released.payments_hold_reason) == (None, None)

    first, second = journal()
    assert (first.action, first.target_type, first.target_id, first.at) == (
        audit.AuditAction.PAYMENTS_HELD,
        "bank_account",
        account.id,
        NOW,
    )
    assert first.details == {
        "structure": "Cinéma Le Royal (SIREN 123456782)",
        "compte": "Compte du cinéma",
        "iban": "FR76 •••• •••• … 0189",
        "before": "Paiements versés",
        "after": "Paiements suspendus",
        "reason": "Contrôle du RIB",
    }
    assert (second.action, second.at, second.admin_user_id) == (
        audit.AuditAction.PAYMENTS_RELEASED,
        later,
        admin.id,
    )
    assert (second.details["before"], second.details["after"]) == (
        "Paiements suspendus",
        "Paiements versés",
    )
    assert "reason" not in second.details
    shown = audit.entries(admin.id).entries[0]
    assert shown.action_label == "Paiements repris"
    assert "Avant : Paiements suspendus" in shown.detail_lines


@pytest.mark.parametrize(
    ("reason", "code"),
    [("", "hold_reason_required"), ("   ", "hold_reason_required"), (None, "hold_reason_required")]
    + [("x" * 1001, "hold_reason_too_long")],
)
def test_a_hold_needs_a_short_reason(account, reason, code):
    with pytest.raises(DomainError) as refusal:
        payment_holds.hold_payments(make_user(Role.ADMIN).id, account.id, reason, now=NOW)
    assert refusal.value.code == code
    assert stored(account).payments_held_at is None
    assert journal() == []


def test_a_reason_of_1000_characters_is_enough(account):
    payment_holds.hold_payments(make_user(Role.ADMIN).id, account.id, "x" * 1000, now=NOW)
    assert len(stored(account).payments_hold_reason) == 1000


def test_holding_twice_or_releasing_a_paid_account_is_refused(account):
    admin = make_user(Role.ADMIN)
    with pytest.raises(DomainError) as refusal:
        payment_holds.release_payments(admin.id, account.id, now=NOW)
    assert refusal.value.code == "payments_not_held"

    payment_holds.hold_payments(admin.id, account.id, "Fraude suspectée", now=NOW)
    with pytest.raises(DomainError) as refusal:
        payment_holds.hold_payments(admin.id, account.id, "Encore", now=NOW)
    assert refusal.value.code == "payments_already_held"
    assert "depuis le 16/03/2026 à 05h00" in refusal.value.message
    assert stored(account).payments_hold_reason == "Fraude suspectée"
    assert len(journal()) == 1


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_only_accepted_accounts_are_held(database, status):
    offerer = make_offerer()
    extra = {"rejection_message": "Illisible"} if status == "rejected" else {}
    account = make_bank_account(offerer, status=status, **extra)
    with pytest.raises(DomainError) as refusal:
        payment_holds.hold_payments(make_user(Role.ADMIN).id, account.id, "Contrôle", now=NOW)
    assert refusal.value.code == "bank_account_not_accepted"
    assert journal() == []


def test_a_missing_account_is_not_found(database):
    with pytest.raises(NotFound):
        payment_holds.hold_payments(make_user(Role.ADMIN).id, 999, "Contrôle", now=NOW)


@pytest.mark.parametrize("who", ["pro", "beneficiary", "inactive admin"])
def test_non_admins_are_refused(account, who):
    if who == "pro":
        user = make_pro(make_offerer())
    elif who == "beneficiary":
        user = make_user()
    else:
        user = make_user(Role.ADMIN, is_active=False)
    with pytest.raises(Forbidden):
        payment_holds.hold_payments(user.id, account.id, "Contrôle", now=NOW)
    payment_holds.hold_payments(make_user(Role.ADMIN).id, account.id, "Contrôle", now=NOW)
    with pytest.raises(Forbidden):
        payment_holds.release_payments(user.id, account.id, now=NOW)
    assert stored(account).payments_held_at == NOW
    assert len(journal()) == 1


def test_the_run_skips_a_held_account_and_pays_it_once_released(database):  # rules P4, O5
    offerer = make_offerer()
    venue = make_venue(offerer)
    account = make_bank_account(offerer, [venue])
    booking = used(venue)
    priced(booking)
    admin = make_user(Role.ADMIN)
    payment_holds.hold_payments(admin.id, account.id, "Contrôle", now=NOW - timedelta(hours=1))

    assert payouts.run_payments(CUTOFF, now=NOW).created == 0
    assert state_of(booking) == (BookingStatus.USED, "validated", None)

    payment_holds.release_payments(admin.id, account.id, now=NEXT_NOW - timedelta(days=1))
    assert payouts.run_payments(NEXT, now=NEXT_NOW).created == 1
    assert state_of(booking)[:2] == (BookingStatus.REIMBURSED, "paid")
