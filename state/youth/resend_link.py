"""« Renvoyer l'email » for a signed-in young user whose address is not verified yet."""

import asyncio

import reflex as rx

from services import signup
from services.errors import DomainError


class ResendLink(rx.State, mixin=True):
    """Mixed into youth page states (their YouthSession gives `_signed_in_user`)."""

    resend_notice: str = ""
    resend_error: str = ""

    @rx.event
    async def resend(self):
        """A new link to the signed-in user's own address (never one from the browser)."""
        user = await self._signed_in_user()
        self.resend_notice = self.resend_error = ""
        try:
            await asyncio.to_thread(signup.resend, user.email)
        except DomainError as refusal:
            self.resend_error = refusal.message
            return
        self.resend_notice = f"Un nouvel email est parti vers {user.email}."
