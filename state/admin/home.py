"""The back-office home (/admin): the signed-in admin and what waits in each queue."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from services import admin_queues
from state.auth import AdminSession


@dataclass
class QueueLine:
    label: str = ""
    count: int = 0
    href: str = ""


class AdminHomeState(AdminSession):
    loaded: bool = False
    queues: list[QueueLine] = []

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        found = await asyncio.to_thread(admin_queues.queue_counts, user.id)
        self.queues = [QueueLine(q.label, q.count, q.href) for q in found]
        self.loaded = True
