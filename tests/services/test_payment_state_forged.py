"""Forged events at the payments pages (issue 10 point 6): the real handlers of
/admin/paiements/comptes and /admin/paiements run with ids and values a browser can send.
A pro or a young user holds nothing; an id the page does not show is ignored; a cut-off
the form does not offer is not chosen."""

from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, BankAccount, Role
from state.admin.payment_holds import AccountRow, PaymentHoldsState
from state.admin.payments import CutoffChoice, PaymentsState
from tests.factories import make_bank_account, make_offerer, make_pro, make_user
from tests.services.test_forged_events import _run, _stand_in


def _held(account) -> bool:
    with db.transaction(write=False) as session:
        return session.get(BankAccount, account.id).payments_held_at is not None


def _journal() -> int:
    with db.transaction(write=False) as session:
        return len(session.exec(select(AdminAuditLog.id)).all())


def test_a_pro_or_a_young_user_holds_nothing(database):  # rule O7
    account = make_bank_account(make_offerer())
    for caller in (make_pro(make_offerer()), make_user()):
        state = _stand_in(PaymentHoldsState, caller, holding=account.id)
        _run(PaymentHoldsState, "hold", state, {"reason": "Forgé"})
        assert state.notice == ""
        row = AccountRow(id=account.id, held=True)
        state = _stand_in(PaymentHoldsState, caller, accounts=[row])
        _run(PaymentHoldsState, "release", state, account.id)
        assert state.notice == ""
    assert not _held(account)
    assert _journal() == 0

    # The positive control: the same event by an admin holds the account.
    admin = _stand_in(PaymentHoldsState, make_user(Role.ADMIN), holding=account.id)
    _run(PaymentHoldsState, "hold", admin, {"reason": "Contrôle"})
    assert admin.notice.startswith("Paiements du compte")
    assert _held(account)


def test_ids_the_page_does_not_show_are_ignored(database):
    account = make_bank_account(make_offerer())
    admin = make_user(Role.ADMIN)
    shown = _stand_in(PaymentHoldsState, admin, accounts=[])

    _run(PaymentHoldsState, "open_hold", shown, account.id)
    assert shown.holding == 0
    _run(PaymentHoldsState, "release", shown, account.id)
    assert shown.notice == shown.error == ""
    assert _journal() == 0


def test_a_cutoff_the_form_does_not_offer_is_not_chosen(database):
    state = _stand_in(
        PaymentsState,
        make_user(Role.ADMIN),
        cutoffs=[CutoffChoice("2026-03-16", "lundi 16 mars 2026")],
        cutoff="2026-03-16",
    )
    for forged in ("2026-03-17", "2030-01-01", "n'importe quoi"):
        _run(PaymentsState, "choose_cutoff", state, forged)
        assert state.cutoff == "2026-03-16"
