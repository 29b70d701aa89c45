"""The back-office home (/admin): the signed-in admin and how many offers wait."""

import asyncio

import reflex as rx

from services import moderation
from state.auth import AdminSession


class AdminHomeState(AdminSession):
    pending_count: int = -1  # -1: not loaded yet

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        self.pending_count = await asyncio.to_thread(moderation.pending_count, user.id)
