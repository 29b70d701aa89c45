"""Two admins approving the same identity document at the same instant: one credit, the
other admin told « déjà traitée » (rule C1). The twin with the locks off shows the race."""

from functools import partial

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, Deposit, Role
from services import identity_review
from tests.factories import NOW, make_user
from tests.identity_factories import data_dir, make_pending_check  # noqa: F401  (fixture)
from tests.postgres.race import run_together, widened_race_window

pytestmark = pytest.mark.usefixtures("data_dir")


def _two_admins_approve_at_once() -> list:
    check = make_pending_check()
    admins = [make_user(Role.ADMIN), make_user(Role.ADMIN)]
    with widened_race_window():
        return run_together(
            [partial(identity_review.approve, admin.id, check.id, now=NOW) for admin in admins]
        )


def _count(model) -> int:
    with db.transaction(write=False) as session:
        return len(session.exec(select(model.id)).all())


def test_two_admins_approving_at_once_grant_one_credit(database):
    outcomes = _two_admins_approve_at_once()

    assert sum(o.ok for o in outcomes) == 1, [o.error for o in outcomes]
    (late,) = [o for o in outcomes if not o.ok]
    assert late.code == "identity_already_decided", late.error
    assert late.error.message == "Cette vérification a déjà été traitée."
    assert _count(Deposit) == 1 and _count(AdminAuditLog) == 1


def test_without_locks_the_second_admin_gets_no_clear_answer(postgres):
    db.locking_enabled = False

    outcomes = _two_admins_approve_at_once()

    # Both read « pending » and went on to the grant: only the last guard (one deposit per
    # user, unique) stopped a second credit, and the admin is not told the check was decided.
    assert not any(o.code == "identity_already_decided" for o in outcomes)
    assert any(o.code == "already_granted" or o.crashed for o in outcomes)
