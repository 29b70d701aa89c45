"""Two admins deciding the same structure at the same instant (rule O2): one wins, the
other reads « déjà validée » — one log entry, one activation email. The twin with the
locks switched off shows both decisions going through."""

from functools import partial

from sqlmodel import func, select

from pass_culture import db
from pass_culture.models import AdminAuditLog, EmailOutbox, Offerer, Role
from services import offerer_validation
from tests import factories
from tests.postgres.race import run_together, widened_race_window


def two_admins_and_a_new_structure():
    structure = factories.make_offerer(validated=False, name="Cinéma Vox")
    factories.make_pro(structure)
    admins = [factories.make_user(Role.ADMIN) for _ in range(2)]
    return admins, structure


def decide_together(admins, structure, kinds):
    calls = [
        partial(offerer_validation.decide, admin.id, [structure.id], kind, reason="ineligible")
        for admin, kind in zip(admins, kinds, strict=True)
    ]
    with widened_race_window():
        outcomes = run_together(calls)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return [o.result[0] for o in outcomes]


def counts(structure):
    with db.transaction(write=False) as session:
        log = session.exec(
            select(func.count(AdminAuditLog.id)).where(AdminAuditLog.target_id == structure.id)
        ).one()
        mails = session.exec(
            select(func.count(EmailOutbox.id)).where(EmailOutbox.template.like("offerer_%"))
        ).one()
        status = session.get(Offerer, structure.id).validation_status
    return log, mails, status


def test_two_admins_validating_at_once_one_wins(postgres):
    admins, structure = two_admins_and_a_new_structure()

    results = decide_together(admins, structure, ["validate", "validate"])

    assert sorted(r.message for r in results) == [
        "La structure Cinéma Vox a été validée.",
        "La structure Cinéma Vox est déjà validée.",
    ]
    assert counts(structure) == (1, 1, "validated")


def test_validate_against_reject_at_once_one_decision_stands(postgres):
    admins, structure = two_admins_and_a_new_structure()

    results = decide_together(admins, structure, ["validate", "reject"])

    assert sorted(r.ok for r in results) == [False, True]
    [refused] = [r for r in results if not r.ok]
    assert refused.message.startswith("La structure Cinéma Vox est déjà ")
    log, mails, status = counts(structure)
    assert (log, mails) == (1, 1) and status in ("validated", "rejected")


def test_without_locks_both_admins_decide(postgres):
    db.locking_enabled = False
    admins, structure = two_admins_and_a_new_structure()

    results = decide_together(admins, structure, ["validate", "validate"])

    assert all(r.ok for r in results)
    assert counts(structure) == (2, 2, "validated")  # two entries, two activation emails
