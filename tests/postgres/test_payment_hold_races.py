"""Two admins holding, or releasing, a bank account's payments at once (issue 10 point 6):
one change, one audit entry, the other admin told it is done already. The twins with the
locks switched off show both changes going through, each with its entry."""

from functools import partial

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, BankAccount, Role
from services import payment_holds
from tests.factories import make_bank_account, make_offerer, make_user
from tests.postgres.race import run_together, widened_race_window


def two_admins_and_an_account(held: bool):
    first, second = make_user(Role.ADMIN), make_user(Role.ADMIN)
    account = make_bank_account(make_offerer())
    if held:
        payment_holds.hold_payments(first.id, account.id, "Contrôle")
    return first, second, account


def at_once(held: bool, first, second, account):
    if held:
        calls = [
            partial(payment_holds.release_payments, admin.id, account.id)
            for admin in (first, second)
        ]
    else:
        calls = [
            partial(payment_holds.hold_payments, admin.id, account.id, f"Motif de {admin.id}")
            for admin in (first, second)
        ]
    with widened_race_window():
        return run_together(calls)


def entries() -> list[AdminAuditLog]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(AdminAuditLog).order_by(AdminAuditLog.id)))


@pytest.mark.parametrize(
    ("held", "refusal"), [(False, "payments_already_held"), (True, "payments_not_held")]
)
def test_two_admins_at_once_make_one_change(postgres, held, refusal):
    first, second, account = two_admins_and_an_account(held)
    before = len(entries())

    outcomes = at_once(held, first, second, account)

    assert sorted(o.code or "ok" for o in outcomes) == sorted(["ok", refusal])
    logged = entries()[before:]
    assert len(logged) == 1
    with db.transaction(write=False) as session:
        stored = session.get(BankAccount, account.id)
    if held:
        assert stored.payments_held_at is None
    else:  # the reason kept is the one the journal shows
        assert stored.payments_hold_reason == logged[0].details["reason"]


@pytest.mark.parametrize("held", [False, True])
def test_without_locks_both_changes_go_through(postgres, held):
    first, second, account = two_admins_and_an_account(held)
    before = len(entries())
    db.locking_enabled = False

    outcomes = at_once(held, first, second, account)

    assert all(o.ok for o in outcomes)
    assert len(entries()) - before == 2
