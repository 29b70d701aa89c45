"""Join requests (rule O4): asked by a signed-in pro, decided by an admin or a validated
member of the structure, emails both ways; another structure's request reads as missing
(O7); the admin's decisions are audit-logged, one by one and in batch."""

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, Role, UserOfferer, ValidationStatus
from services import memberships
from services.errors import DomainError, Forbidden, NotFound
from tests import factories
from tests.pro_accounts import mails

NOW = factories.NOW


def _refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value


def _status(request_id: int) -> str:
    with db.transaction(write=False) as session:
        return session.get(UserOfferer, request_id).status


def _setup():
    offerer = factories.make_offerer(name="Cinéma Lumière")
    member = factories.make_pro(offerer)
    requester = factories.make_user(Role.PRO, first_name="Inès", last_name="Roux")
    memberships.request_to_join(requester.id, offerer.siren, now=NOW)
    [request] = memberships.my_requests(requester.id)
    return offerer, member, requester, request


def test_a_pro_asks_to_join_and_the_members_are_told(database):
    # rule O4
    offerer, member, requester, request = _setup()

    assert (request.offerer_name, request.requester_email) == ("Cinéma Lumière", requester.email)
    assert [m.template for m in mails(member.email)] == ["pro_membership_requested"]
    again = _refusal(memberships.request_to_join, requester.id, offerer.siren, now=NOW)
    assert again.code == "request_pending"


def test_joining_an_unknown_or_invalid_siren_is_refused(database):
    requester = factories.make_user(Role.PRO)
    unknown = factories.luhn_number("6", 9)

    assert _refusal(memberships.request_to_join, requester.id, unknown).code == (
        "siren_not_registered"
    )
    assert _refusal(memberships.request_to_join, requester.id, "123").code == "invalid_siren"
    assert memberships.my_requests(requester.id) == []


def test_a_member_of_the_structure_asking_again_is_told(database):
    offerer = factories.make_offerer()
    member = factories.make_pro(offerer)

    assert _refusal(memberships.request_to_join, member.id, offerer.siren).code == (
        "already_member"
    )


def test_a_validated_member_accepts_and_the_requester_is_told(database):
    offerer, member, requester, request = _setup()
    team = memberships.team(member.id, offerer.id)
    assert [r.id for r in team.requests] == [request.id]

    decision = memberships.decide_as_member(member.id, request.id, True, now=NOW)

    assert decision.accepted and _status(request.id) == ValidationStatus.VALIDATED
    assert [m.template for m in mails(requester.email)] == ["pro_membership_decided"]
    assert {m.email for m in memberships.team(member.id, offerer.id).members} == {
        member.email,
        requester.email,
    }
    again = _refusal(memberships.decide_as_member, member.id, request.id, False)
    assert again.code == "request_already_decided"


def test_a_member_refuses_with_an_optional_reason(database):
    _offerer, member, requester, request = _setup()

    memberships.decide_as_member(member.id, request.id, False, "  Inconnue ici  ", now=NOW)

    assert _status(request.id) == ValidationStatus.REJECTED
    [mail] = mails(requester.email)
    assert "refusée" in mail.body_text and "Motif : Inconnue ici" in mail.body_text
    # Refused, the pro may ask again.
    memberships.request_to_join(requester.id, _offerer.siren, now=NOW)
    assert _status(request.id) == ValidationStatus.PENDING


def test_a_pro_of_another_structure_or_a_pending_member_cannot_see_or_decide(database):
    # rule O7: another structure's request reads as a missing one
    offerer, _member, requester, request = _setup()
    stranger = factories.make_pro(factories.make_offerer())

    for outsider in (stranger, requester):
        assert isinstance(_refusal(memberships.team, outsider.id, offerer.id), NotFound)
        refused = _refusal(memberships.decide_as_member, outsider.id, request.id, True)
        assert refused.code == "request_not_found"
    missing = _refusal(memberships.decide_as_member, stranger.id, 999_999, True)
    assert missing.message == refused.message
    assert _status(request.id) == ValidationStatus.PENDING


def test_an_admin_decides_with_the_audit_log_and_a_required_reason(database):
    offerer, _member, requester, request = _setup()
    admin = factories.make_user(Role.ADMIN)
    assert memberships.pending_memberships_count(admin.id) == 1
    page = memberships.pending_requests(admin.id)
    assert (page.total, [r.id for r in page.requests]) == (1, [request.id])

    no_reason = _refusal(memberships.decide_as_admin, admin.id, request.id, False, " ")
    assert no_reason.code == "reason_required"
    memberships.decide_as_admin(admin.id, request.id, False, "SIREN usurpé", now=NOW)

    assert memberships.pending_memberships_count(admin.id) == 0
    with db.transaction(write=False) as session:
        [entry] = session.exec(select(AdminAuditLog)).all()
    assert (entry.action, entry.target_type, entry.target_id) == (
        "membership_refused",
        "user_offerer",
        request.id,
    )
    assert entry.details["reason"] == "SIREN usurpé"
    assert entry.details["after"] == "Refusé"
    assert "SIREN usurpé" in mails(requester.email)[-1].body_text
    assert offerer.id == request.offerer_id


def test_an_admin_decides_a_batch_and_a_request_decided_meanwhile_is_reported(database):
    offerer = factories.make_offerer()
    member = factories.make_pro(offerer)
    admin = factories.make_user(Role.ADMIN)
    ids = []
    for _ in range(3):
        pro = factories.make_user(Role.PRO)
        memberships.request_to_join(pro.id, offerer.siren, now=NOW)
        ids.append(memberships.my_requests(pro.id)[0].id)
    memberships.decide_as_member(member.id, ids[0], False, now=NOW)

    decisions, refusals = memberships.decide_many_as_admin(admin.id, ids, True, now=NOW)

    assert len(decisions) == 2 and len(refusals) == 1
    assert [_status(i) for i in ids] == ["rejected", "validated", "validated"]
    with db.transaction(write=False) as session:
        assert len(session.exec(select(AdminAuditLog)).all()) == 2


def test_only_admins_use_the_admin_queue(database):
    _offerer, member, _requester, request = _setup()

    for call in (
        lambda: memberships.pending_memberships_count(member.id),
        lambda: memberships.pending_requests(member.id),
        lambda: memberships.decide_as_admin(member.id, request.id, True),
        lambda: memberships.decide_many_as_admin(member.id, [request.id], True),
    ):
        with pytest.raises(Forbidden):
            call()
    assert _status(request.id) == ValidationStatus.PENDING
