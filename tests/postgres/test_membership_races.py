"""Two deciders of one join request at the same moment (rule O4): one decision, the other
gets a clear message. The twin with the locks off shows both would decide."""

from functools import partial

from pass_culture import db
from pass_culture.models import Role
from services import memberships
from tests import factories
from tests.postgres.race import run_together, widened_race_window
from tests.pro_accounts import mails

NOW = factories.NOW


def _deciders_at_once():
    offerer = factories.make_offerer()
    member = factories.make_pro(offerer)
    admin = factories.make_user(Role.ADMIN)
    requester = factories.make_user(Role.PRO)
    memberships.request_to_join(requester.id, offerer.siren, now=NOW)
    [request] = memberships.my_requests(requester.id)
    with widened_race_window():
        outcomes = run_together(
            [
                partial(memberships.decide_as_member, member.id, request.id, True, now=NOW),
                partial(memberships.decide_as_admin, admin.id, request.id, False, "Non", now=NOW),
            ]
        )
    return outcomes, requester


def test_two_deciders_at_once_make_one_decision(postgres):
    outcomes, requester = _deciders_at_once()

    assert sum(o.ok for o in outcomes) == 1, [o.error for o in outcomes]
    [refused] = [o for o in outcomes if not o.ok]
    assert refused.code == "request_already_decided"
    assert "déjà été traitée" in refused.error.message
    assert len(mails(requester.email)) == 1


def test_without_locks_both_decide(postgres):
    db.locking_enabled = False

    outcomes, requester = _deciders_at_once()

    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert len(mails(requester.email)) == 2
