"""Who may act on a structure's data (rule O7)."""

import pytest

from pass_culture import db
from pass_culture.models import Role, UserOfferer, ValidationStatus
from services.access import check_offerer_access, offerer_ids_of
from services.errors import NotFound
from tests.factories import make_offerer, make_pro, make_user


def check(user, offerer_id) -> None:
    with db.transaction(write=False) as session:
        check_offerer_access(session, user, offerer_id)


def refusal(user, offerer_id) -> NotFound:
    with pytest.raises(NotFound) as error:
        check(user, offerer_id)
    return error.value


def join(user, offerer, status) -> None:
    with db.transaction() as session:
        session.add(UserOfferer(user_id=user.id, offerer_id=offerer.id, status=status))


def test_a_pro_reaches_their_structures_only(database):  # rule O7
    mine, theirs = make_offerer(), make_offerer()
    pro = make_pro(mine)

    check(pro, mine.id)
    other = refusal(pro, theirs.id)
    missing = refusal(pro, theirs.id + 1000)

    # No oracle: another structure looks exactly like one that does not exist.
    assert (other.code, other.message) == (missing.code, missing.message)
    assert other.code == "offerer_not_found"


def test_a_pending_or_rejected_membership_gives_no_access(database):  # rules O4, O7
    offerer = make_offerer()
    pending, rejected = make_user(Role.PRO), make_user(Role.PRO)
    join(pending, offerer, ValidationStatus.PENDING)
    join(rejected, offerer, ValidationStatus.REJECTED)

    for user in (pending, rejected):
        refusal(user, offerer.id)
        with db.transaction(write=False) as session:
            assert offerer_ids_of(session, user.id) == set()


def test_offerer_ids_of_lists_validated_memberships(database):  # rule O7
    first, second, pending = make_offerer(), make_offerer(), make_offerer()
    pro = make_pro(first)
    join(pro, second, ValidationStatus.VALIDATED)
    join(pro, pending, ValidationStatus.PENDING)

    with db.transaction(write=False) as session:
        assert offerer_ids_of(session, pro.id) == {first.id, second.id}


def test_an_admin_reaches_every_structure(database):  # rule O7
    offerer = make_offerer(validated=False)
    check(make_user(Role.ADMIN), offerer.id)


def test_young_users_unknown_and_deactivated_accounts_are_refused(database):  # rule O7
    offerer = make_offerer()
    deactivated = make_pro(offerer, is_active=False)

    for user in (make_user(Role.BENEFICIARY), None, deactivated):
        assert refusal(user, offerer.id).code == "offerer_not_found"
