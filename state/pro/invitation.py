"""A team invitation's link (/pro/invitation?token=…): signed in with the invited address,
« Rejoindre la structure »; signed out, sign in here or sign up with the address
pre-filled. Rules live in services.invitations."""

import asyncio

import reflex as rx

from pass_culture.models import Surface
from services import auth, invitations
from services.errors import DomainError
from state.auth import ProSession


class InvitationState(ProSession):
    invitation_loaded: bool = False
    invitation_error: str = ""
    invited_email: str = ""
    invitation_offerer: str = ""
    has_account: bool = False
    signed_in_email: str = ""  # "" when signed out
    accept_error: str = ""
    _token: str = ""

    @rx.event
    async def open_invitation(self):
        self.invitation_loaded = False
        self.invitation_error = self.accept_error = ""
        self._token = self.router.url.query_parameters.get("token", "")
        user = await asyncio.to_thread(auth.user_for_token, self.session_token, Surface.PRO)
        self.signed_in_email = user.email if user else ""
        try:
            shown = await asyncio.to_thread(invitations.invitation_of, self._token)
        except DomainError as refusal:
            self.invitation_error = refusal.message
        else:
            self.invited_email, self.invitation_offerer = shown.email, shown.offerer_name
            self.has_account = shown.has_account
        self.invitation_loaded = True

    @rx.var
    def signup_href(self) -> str:
        return f"/pro/inscription?invitation={self._token}"

    async def _accept(self, user_id: int):
        try:
            await asyncio.to_thread(invitations.accept, self._token, user_id)
        except DomainError as refusal:
            self.accept_error = refusal.message
            return None
        # The structure just joined becomes the one in use.
        return rx.redirect("/pro/structure")

    @rx.event
    async def accept(self):
        self.accept_error = ""
        return await self._accept((await self._signed_in_user()).id)

    @rx.event
    async def sign_in_and_accept(self, form_data: dict):
        """Signed out: the invited account's password opens the session, then it joins."""
        self.accept_error = ""
        try:
            token, user = await asyncio.to_thread(
                auth.login,
                self.invited_email,
                form_data.get("password", ""),
                Surface.PRO,
                client_ip=self.router.session.client_ip,
            )
        except DomainError as refusal:
            self.accept_error = refusal.message
            return None
        self.session_token = token
        return await self._accept(user.id)
