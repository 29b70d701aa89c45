"""The back office's search (/admin/recherche): one box, results grouped by kind, one
pager for the groups. The rules (admins only, query length) are in services.admin_search."""

import asyncio
from dataclasses import dataclass, field

import reflex as rx

from services import admin_search
from services.errors import DomainError
from services.identifiers import parse_id
from state.auth import AdminSession


@dataclass
class HitLine:
    id: int = 0
    title: str = ""
    subtitle: str = ""
    href: str = ""


@dataclass
class GroupLines:
    hits: list[HitLine] = field(default_factory=list)
    total: int = 0


def _group(group: admin_search.Group) -> GroupLines:
    return GroupLines([HitLine(h.id, h.title, h.subtitle, h.href) for h in group.hits], group.total)


class AdminSearchState(AdminSession):
    query: str = ""
    searched: bool = False
    error: str = ""
    users: GroupLines = GroupLines()
    structures: GroupLines = GroupLines()
    venues: GroupLines = GroupLines()
    page: int = 1
    pages: int = 1

    async def _run(self) -> None:
        user = await self._signed_in_user()
        try:
            found = await asyncio.to_thread(admin_search.search, user.id, self.query, self.page)
        except DomainError as refusal:
            self.error, self.searched = refusal.message, False
            return
        self.users, self.structures = _group(found.users), _group(found.structures)
        self.venues, self.page, self.pages = _group(found.venues), found.page, found.pages
        self.error, self.searched = "", True

    @rx.event
    def load(self):
        self.query, self.searched, self.error, self.page = "", False, "", 1

    @rx.event
    async def search(self, form_data: dict):
        self.query = " ".join(str(form_data.get("q", "")).split())[:140]
        self.page = 1
        await self._run()

    @rx.event
    async def go_to_page(self, page: int):
        self.page = parse_id(page) or 1
        await self._run()
