"""The « Équipe » section of /pro/structure: members, join requests to accept or refuse,
invitations (rule O4); and « Rejoindre une autre structure » with the pro's own pending
requests. Every id from the browser is re-checked in services.memberships (O7)."""

import asyncio

import reflex as rx

from services import invitations, memberships
from services.errors import DomainError
from services.formatting import paris_datetime
from services.identifiers import parse_id
from state.auth import ProSession


def _request_line(request: memberships.JoinRequest) -> dict[str, str]:
    return {
        "id": str(request.id),
        "name": request.requester_name,
        "email": request.requester_email,
        "structure": request.offerer_name,
        "siren": request.siren,
        "at": paris_datetime(request.created_at),
    }


class TeamState(ProSession):
    team_loaded: bool = False
    members: list[dict[str, str]] = []
    requests: list[dict[str, str]] = []
    invited: list[dict[str, str]] = []
    my_requests: list[dict[str, str]] = []
    team_notice: str = ""
    team_error: str = ""
    invite_error: str = ""
    join_error: str = ""
    busy: bool = False
    # The refusal dialog: the request shown, "" when closed.
    refusing_id: str = ""
    refusing_name: str = ""
    refusal_error: str = ""

    async def _reload(self, user_id: int) -> None:
        mine = await asyncio.to_thread(memberships.my_requests, user_id)
        self.my_requests = [_request_line(r) for r in mine]
        self.members, self.requests, self.invited = [], [], []
        if self.offerer_id:
            try:
                team = await asyncio.to_thread(memberships.team, user_id, self.offerer_id)
            except DomainError:
                return
            self.members = [{"name": m.name, "email": m.email} for m in team.members]
            self.requests = [_request_line(r) for r in team.requests]
            self.invited = [
                {"email": email, "until": paris_datetime(until)}
                for email, until in team.invitations
            ]

    @rx.event
    async def load(self):
        self.team_loaded = False
        self.team_notice = self.team_error = self.invite_error = self.join_error = ""
        self.refusing_id = ""
        await self._reload((await self._signed_in_user()).id)
        self.team_loaded = True

    async def _decide(self, request_id: str, accept: bool, reason: str | None) -> bool:
        user = await self._signed_in_user()
        try:
            decision = await asyncio.to_thread(
                memberships.decide_as_member,
                user.id,
                parse_id(request_id) or 0,
                accept,
                reason,
            )
        except DomainError as refusal:
            if accept:
                self.team_error = refusal.message
            else:
                self.refusal_error = refusal.message
            await self._reload(user.id)
            return False
        verb = "a rejoint la structure" if decision.accepted else ": demande refusée"
        self.team_notice = f"{decision.requester_name} {verb}. Un email l’en informe."
        self.team_error = ""
        await self._reload(user.id)
        return True

    @rx.event
    async def accept(self, request_id: str):
        if self.busy:
            return
        self.busy, self.team_notice = True, ""
        try:
            await self._decide(request_id, True, None)
        finally:
            self.busy = False

    @rx.event
    def open_refusal(self, request_id: str):
        shown = {line["id"]: line["name"] for line in self.requests}
        if request_id in shown:
            self.refusing_id, self.refusing_name = request_id, shown[request_id]
            self.refusal_error = ""

    @rx.event
    def set_refusal_open(self, is_open: bool):
        if not is_open:
            self.refusing_id = ""

    @rx.event
    async def refuse(self, form_data: dict):
        if self.busy or not self.refusing_id:
            return
        self.busy, self.team_notice = True, ""
        try:
            if await self._decide(self.refusing_id, False, str(form_data.get("reason", ""))):
                self.refusing_id = ""
        finally:
            self.busy = False

    @rx.event
    async def invite(self, form_data: dict):
        self.invite_error = self.team_notice = ""
        user = await self._signed_in_user()
        try:
            email = await asyncio.to_thread(
                invitations.invite, user.id, self.offerer_id, str(form_data.get("email", ""))
            )
        except DomainError as refusal:
            self.invite_error = refusal.message
            return
        self.team_notice = f"Invitation envoyée à {email}."
        await self._reload(user.id)

    @rx.event
    async def join(self, form_data: dict):
        self.join_error = self.team_notice = ""
        user = await self._signed_in_user()
        try:
            name = await asyncio.to_thread(
                memberships.request_to_join, user.id, str(form_data.get("siren", ""))
            )
        except DomainError as refusal:
            self.join_error = refusal.message
            return
        self.team_notice = (
            f"Demande de rattachement à « {name} » envoyée : ses membres et nos équipes "
            "vont l’examiner."
        )
        await self._reload(user.id)
