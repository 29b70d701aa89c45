"""The audit log (/admin/journal, rule F12): every admin action, most recent first,
paginated, filtered by action. Read only: services.audit has nothing to change it."""

import asyncio
from dataclasses import dataclass, field

import reflex as rx

from services import audit
from services.formatting import paris_datetime
from state.auth import AdminSession
from state.paging import PagedMixin


@dataclass
class EntryRow:
    id: int = 0
    at: str = ""
    admin_name: str = ""
    admin_email: str = ""
    action: str = ""
    target: str = ""
    target_href: str = ""
    details: list[str] = field(default_factory=list)


def _row(entry: audit.Entry) -> EntryRow:
    return EntryRow(
        id=entry.id,
        at=paris_datetime(entry.at),
        admin_name=entry.admin_name,
        admin_email=entry.admin_email,
        action=entry.action_label,
        target=entry.target,
        target_href=entry.target_href,
        details=entry.detail_lines,
    )


class JournalState(PagedMixin, AdminSession):
    entries: list[EntryRow] = []
    action: str = ""  # "" = every action

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        found = await asyncio.to_thread(
            audit.entries, user.id, action=self.action or None, page=self.page
        )
        self.entries = [_row(entry) for entry in found.entries]
        self._show_page(found)

    @rx.event
    async def load(self):
        self.action, self.page = "", 1
        await self._reload()

    @rx.event
    async def filter(self, action: str):
        self.action = action if action in audit.ACTION_LABELS else ""
        self.page = 1
        await self._reload()
