"""Two admins deciding on the same bank details at once (rule O5): exactly one decision
is recorded. The twin with the locks switched off shows both going through."""

from functools import partial

from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, Role, VenueBankAccountLink
from pass_culture.settings import get_settings
from services import bank_accounts as bank
from services.bank_accounts import AccountInput
from tests.factories import make_offerer, make_pro, make_user, make_venue
from tests.postgres.race import run_together, widened_race_window
from tests.unit.test_documents import pdf_bytes


def submitted_account(tmp_path, monkeypatch):
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    offerer = make_offerer()
    pro, venue = make_pro(offerer), make_venue(offerer)
    account = bank.save_draft(
        pro.id, offerer.id, None, AccountInput("Compte", "FR7630006000011234567890189", "AGRIFRPP")
    )
    bank.upload_proof(pro.id, account.id, "rib.pdf", pdf_bytes())
    bank.set_venues(pro.id, account.id, [venue.id])
    bank.submit(pro.id, account.id)
    return account, make_user(Role.ADMIN), make_user(Role.ADMIN)


def decide_both(account, first, second):
    with widened_race_window():
        return run_together(
            [
                partial(bank.accept, first.id, account.id),
                partial(bank.reject, second.id, account.id, "Justificatif illisible."),
            ]
        )


def decisions() -> int:
    with db.transaction(write=False) as session:
        return len(session.exec(select(AdminAuditLog)).all())


def test_two_admins_at_once_make_one_decision(postgres, tmp_path, monkeypatch):
    account, first, second = submitted_account(tmp_path, monkeypatch)

    outcomes = decide_both(account, first, second)

    assert sorted(o.code or "ok" for o in outcomes) == ["bank_account_not_pending", "ok"]
    assert decisions() == 1


def test_without_locks_both_decisions_go_through(postgres, tmp_path, monkeypatch):
    account, first, second = submitted_account(tmp_path, monkeypatch)
    db.locking_enabled = False

    outcomes = decide_both(account, first, second)

    assert all(o.ok for o in outcomes)
    assert decisions() == 2


def test_one_venue_linked_to_two_accounts_at_once_stays_on_one(postgres, tmp_path, monkeypatch):
    # Rule O5: one account per venue; the loser gets a French message, never a crash.
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    offerer = make_offerer()
    pro, venue = make_pro(offerer), make_venue(offerer)
    first, second = (
        bank.save_draft(
            pro.id, offerer.id, None, AccountInput(label, "FR7630006000011234567890189", "AGRIFRPP")
        )
        for label in ("Compte A", "Compte B")
    )
    with widened_race_window():
        link = [partial(bank.set_venues, pro.id, a.id, [venue.id]) for a in (first, second)]
        outcomes = run_together(link)

    assert sorted(o.code or "ok" for o in outcomes) == ["ok", "venue_linked_meanwhile"]
    with db.transaction(write=False) as session:
        links = session.exec(select(VenueBankAccountLink)).all()
    assert [link.venue_id for link in links] == [venue.id]
