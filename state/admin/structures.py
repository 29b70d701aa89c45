"""The structures queue (/admin/structures, rule O2): one status at a time with the counts
of each, a text filter, and validate / put on hold / reject, one by one or for the ticked
ones, with a flash message per structure.

Every rule (admin only, statuses, reasons) is checked in services.offerer_validation; the
ids sent by the browser are only passed on, kept to the ones this page shows."""

import asyncio
from dataclasses import dataclass, field

import reflex as rx

from pass_culture.models import ValidationStatus
from services import offerer_validation
from services.errors import DomainError
from services.formatting import paris_datetime
from services.offerer_statuses import STATUS_LABELS
from state.auth import AdminSession
from state.paging import PagedMixin

DIALOG_TITLES = {
    "validate": "Valider",
    "hold": "Mettre en attente",
    "reject": "Rejeter",
}


@dataclass
class StructureLine:
    id: int = 0
    name: str = ""
    siren: str = ""
    city: str = ""
    created_at: str = ""
    members: list[str] = field(default_factory=list)
    venues: int = 0
    last_comment: str = ""
    waiting: bool = False  # new or on hold: the actions apply


@dataclass
class StatusTab:
    status: str = ""
    label: str = ""
    count: int = 0


@dataclass
class Flash:
    ok: bool = True
    message: str = ""


def _line(row: offerer_validation.StructureRow) -> StructureLine:
    place = " ".join(part for part in (row.postal_code, row.city) if part)
    return StructureLine(
        id=row.id,
        name=row.name,
        siren=row.siren,
        city=place,
        created_at=paris_datetime(row.created_at),
        members=row.member_emails,
        venues=row.venues,
        last_comment=row.last_comment,
        waiting=row.status in offerer_validation.WAITING,
    )


class StructuresState(PagedMixin, AdminSession):
    status: str = ValidationStatus.PENDING
    text: str = ""
    lines: list[StructureLine] = []
    tabs: list[StatusTab] = []
    selected: list[int] = []
    flashes: list[Flash] = []
    busy: bool = False
    # The decision dialog: "" when closed, else a key of DIALOG_TITLES, for `dialog_ids`.
    dialog: str = ""
    dialog_ids: list[int] = []
    dialog_names: str = ""
    dialog_error: str = ""

    @rx.var
    def has_waiting(self) -> bool:
        """Rows the batch actions apply to (new or on hold)."""
        return any(line.waiting for line in self.lines)

    @rx.var
    def dialog_title(self) -> str:
        if not self.dialog:
            return ""
        count = len(self.dialog_ids)
        what = "la structure" if count == 1 else f"les {count} structures"
        return f"{DIALOG_TITLES[self.dialog]} {what}"

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        found = await asyncio.to_thread(
            offerer_validation.queue, user.id, self.status, self.text, self.page
        )
        self.lines = [_line(row) for row in found.rows]
        self.tabs = [
            StatusTab(status, label, found.counts[status])
            for status, label in STATUS_LABELS.items()
        ]
        shown = {line.id for line in self.lines}
        self.selected = [offerer_id for offerer_id in self.selected if offerer_id in shown]
        self._show_page(found)

    @rx.event
    async def load(self):
        status = str(self.router.url.query_parameters.get("statut", ""))
        self.status = status if status in STATUS_LABELS else ValidationStatus.PENDING
        self.text, self.page, self.selected, self.flashes = "", 1, [], []
        self.dialog = ""
        await self._reload()
        # The field keeps what was typed before when the page is opened again.
        return rx.set_value("texte", "")

    @rx.event
    async def show_status(self, status: str):
        self.status = status if status in STATUS_LABELS else ValidationStatus.PENDING
        self.page, self.selected, self.flashes = 1, [], []
        await self._reload()

    @rx.event
    async def filter(self, form_data: dict):
        self.text = " ".join(str(form_data.get("texte", "")).split())[:140]
        self.page, self.selected, self.flashes = 1, [], []
        await self._reload()

    @rx.event
    async def reset_filter(self):
        self.text, self.page, self.selected, self.flashes = "", 1, [], []
        await self._reload()

    def _page_left(self) -> None:
        self.selected = []

    @rx.event
    def toggle(self, offerer_id: int, checked: bool):
        shown = {line.id for line in self.lines if line.waiting}
        if checked and offerer_id in shown and offerer_id not in self.selected:
            self.selected = [*self.selected, offerer_id]
        elif not checked:
            self.selected = [other for other in self.selected if other != offerer_id]

    @rx.event
    def toggle_all(self, checked: bool):
        self.selected = [line.id for line in self.lines if line.waiting] if checked else []

    def _open(self, kind: str, ids: list[int]) -> None:
        names = {line.id: line.name for line in self.lines}
        ids = [offerer_id for offerer_id in ids if offerer_id in names]
        if kind in DIALOG_TITLES and ids:
            self.dialog, self.dialog_ids, self.dialog_error = kind, ids, ""
            self.dialog_names = ", ".join(names[offerer_id] for offerer_id in ids)

    @rx.event
    def open_one(self, kind: str, offerer_id: int):
        self._open(kind, [offerer_id])

    @rx.event
    def open_selection(self, kind: str):
        self._open(kind, self.selected)

    @rx.event
    def set_dialog_open(self, is_open: bool):
        if not is_open:
            self.dialog = ""

    @rx.event
    async def submit_decision(self, form_data: dict):
        if self.busy or self.dialog not in DIALOG_TITLES:
            return
        self.busy = True
        try:
            user = await self._signed_in_user()
            try:
                outcomes = await asyncio.to_thread(
                    offerer_validation.decide,
                    user.id,
                    self.dialog_ids,
                    self.dialog,
                    reason=str(form_data.get("reason", "")) or None,
                    comment=str(form_data.get("comment", "")),
                )
            except DomainError as refusal:
                self.dialog_error = refusal.message
                return
            self.flashes = [Flash(outcome.ok, outcome.message) for outcome in outcomes]
            self.dialog = ""
            done = {outcome.offerer_id for outcome in outcomes}
            self.selected = [offerer_id for offerer_id in self.selected if offerer_id not in done]
            await self._reload()
        finally:
            self.busy = False
