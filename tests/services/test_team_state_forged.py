"""Forged events on the « Équipe » section (rule O7): every handler is callable by the
browser with any argument and any structure id in its state; the services re-check them
against the signed-in pro, so another structure's ids change nothing."""

import asyncio
from types import SimpleNamespace

from sqlmodel import select

from pass_culture import db
from pass_culture.models import ProInvitation, Role, UserOfferer, ValidationStatus
from services import memberships
from state.pro.team import TeamState
from tests import factories

NOW = factories.NOW


class _Forged(SimpleNamespace):
    """A TeamState stand-in: the handlers' code with the signed-in pro of our choosing."""

    _reload = TeamState.__dict__["_reload"]
    _decide = TeamState.__dict__["_decide"]

    async def _signed_in_user(self):
        return self.user


def _state(user, offerer_id: int) -> _Forged:
    return _Forged(
        user=user,
        offerer_id=offerer_id,
        busy=False,
        team_notice="",
        team_error="",
        invite_error="",
        join_error="",
        refusal_error="",
        refusing_id="",
        members=[],
        requests=[],
        invited=[],
        my_requests=[],
    )


def _run(handler: str, state, *args):
    asyncio.run(TeamState.event_handlers[handler].fn(state, *args))


def test_a_pro_of_another_structure_forging_ids_changes_nothing(database):
    offerer = factories.make_offerer()
    factories.make_pro(offerer)
    requester = factories.make_user(Role.PRO)
    memberships.request_to_join(requester.id, offerer.siren, now=NOW)
    [request] = memberships.my_requests(requester.id)
    stranger = factories.make_pro(factories.make_offerer())
    # The stranger's state names the other structure, as a forged event would.
    forged = _state(stranger, offerer.id)

    _run("accept", forged, str(request.id))
    forged.refusing_id = str(request.id)
    _run("refuse", forged, {"reason": "forgé"})
    _run("invite", forged, {"email": "complice@example.fr"})

    assert forged.team_error == "Cette demande de rattachement n'existe pas."
    assert forged.refusal_error == forged.team_error
    assert forged.invite_error == "Cette structure n'existe pas."
    assert forged.requests == [] and forged.members == []  # nothing of B is shown
    with db.transaction(write=False) as session:
        assert session.get(UserOfferer, request.id).status == ValidationStatus.PENDING
        assert session.exec(select(ProInvitation)).all() == []


def test_a_pending_member_forging_its_own_request_changes_nothing(database):
    offerer = factories.make_offerer()
    factories.make_pro(offerer)
    requester = factories.make_user(Role.PRO)
    memberships.request_to_join(requester.id, offerer.siren, now=NOW)
    [request] = memberships.my_requests(requester.id)
    forged = _state(requester, offerer.id)

    _run("accept", forged, str(request.id))
    _run("accept", forged, "pas-un-nombre")

    assert forged.team_error == "Cette demande de rattachement n'existe pas."
    assert [line["structure"] for line in forged.my_requests] == [offerer.name]
    with db.transaction(write=False) as session:
        assert session.get(UserOfferer, request.id).status == ValidationStatus.PENDING
