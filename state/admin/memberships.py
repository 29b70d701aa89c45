"""Join requests waiting for an admin (/admin/rattachements, rule O4): the queue, accept
or refuse with a reason, one by one or a selection at once. Rules (admin only, reasons,
statuses, audit log) live in services.memberships; ids from the browser are re-checked."""

import asyncio

import reflex as rx

from services import memberships
from services.errors import DomainError
from services.formatting import paris_datetime
from services.identifiers import parse_id
from state.auth import AdminSession
from state.paging import PagedMixin


class MembershipsState(PagedMixin, AdminSession):
    lines: list[dict[str, str]] = []
    selected: list[str] = []
    notice: str = ""
    error: str = ""
    busy: bool = False
    # The refusal dialog: the requests it refuses ([] when closed).
    refusing: list[str] = []
    dialog_error: str = ""

    async def _reload(self) -> None:
        admin = await self._signed_in_user()
        queue = await asyncio.to_thread(memberships.pending_requests, admin.id, self.page)
        self.lines = [
            {
                "id": str(r.id),
                "name": r.requester_name,
                "email": r.requester_email,
                "structure": r.offerer_name,
                "siren": r.siren,
                "at": paris_datetime(r.created_at),
            }
            for r in queue.requests
        ]
        shown = {line["id"] for line in self.lines}
        self.selected = [i for i in self.selected if i in shown]
        self._show_page(queue)

    @rx.event
    async def load(self):
        self.notice = self.error = ""
        self.page, self.selected, self.refusing = 1, [], []
        await self._reload()

    def _page_left(self) -> None:
        self.selected = []

    @rx.event
    def toggle(self, request_id: str, checked: bool):
        others = [i for i in self.selected if i != request_id]
        self.selected = others + [request_id] if checked is True else others

    async def _decide(self, ids: list[str], accept: bool, reason: str | None) -> bool:
        """True when done (the dialog may close); the refusal shown otherwise."""
        admin = await self._signed_in_user()
        wanted = [i for i in map(parse_id, ids) if i is not None]
        try:
            decisions, refusals = await asyncio.to_thread(
                memberships.decide_many_as_admin, admin.id, wanted, accept, reason
            )
        except DomainError as refusal:
            self.dialog_error = self.error = refusal.message
            return False
        verb = "acceptée" if accept else "refusée"
        count = len(decisions)
        self.notice = (
            f"{count} demande{'s' if count > 1 else ''} {verb}{'s' if count > 1 else ''} : "
            "les demandeurs sont prévenus par email."
            if count
            else ""
        )
        self.error = " ".join(refusals)
        self.selected = []
        await self._reload()
        return True

    @rx.event
    async def accept(self, ids: list[str]):
        if self.busy:
            return
        self.busy, self.notice, self.error = True, "", ""
        try:
            await self._decide(ids, True, None)
        finally:
            self.busy = False

    @rx.event
    def open_refusal(self, ids: list[str]):
        shown = {line["id"] for line in self.lines}
        self.refusing = [i for i in ids if i in shown]
        self.dialog_error = ""

    @rx.event
    def set_dialog_open(self, is_open: bool):
        if not is_open:
            self.refusing = []

    @rx.event
    async def refuse(self, form_data: dict):
        if self.busy or not self.refusing:
            return
        self.busy, self.notice, self.error = True, "", ""
        try:
            if await self._decide(self.refusing, False, str(form_data.get("reason", ""))):
                self.refusing = []
        finally:
            self.busy = False
