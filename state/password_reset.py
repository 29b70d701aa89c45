"""The password reset pages: asking for a link by email, then choosing the new password
through it. Nobody is signed in here; the token comes from the page's address."""

import asyncio

import reflex as rx

from pass_culture.models import Surface
from services import password_reset
from services.errors import DomainError
from state.auth import DOOR_LINKS, FORGOT_PASSWORD_ROUTES, LOGIN_ROUTES


class ForgotPasswordState(rx.State):
    sent: bool = False
    error: str = ""

    @rx.event
    def start(self):
        self.sent = False
        self.error = ""

    @rx.event
    async def request(self, form_data: dict[str, str]):
        try:
            await asyncio.to_thread(
                password_reset.request_reset,
                form_data.get("email", ""),
                self.router.session.client_ip,
            )
        except DomainError as refusal:
            self.error = refusal.message
            return
        self.error = ""
        self.sent = True


class NewPasswordState(rx.State):
    checked: bool = False
    link_valid: bool = False
    error: str = ""
    # Once saved: where the account signs in.
    door_href: str = ""
    door_label: str = ""
    # Where to ask for a new link (the account's door, named in the emailed link).
    forgot_href: str = FORGOT_PASSWORD_ROUTES[Surface.YOUTH]

    def _parameter(self, name: str) -> str:
        return self.router.url.query_parameters.get(name, "")

    @rx.event
    async def check_link(self):
        self.error = self.door_href = self.door_label = ""
        door = self._parameter("espace")
        self.forgot_href = FORGOT_PASSWORD_ROUTES[
            Surface(door) if door in set(Surface) else Surface.YOUTH
        ]
        self.link_valid = await asyncio.to_thread(
            password_reset.link_is_valid, self._parameter("token")
        )
        self.checked = True

    @rx.event
    async def save(self, form_data: dict[str, str]):
        password = form_data.get("password", "")
        if password != form_data.get("confirmation", ""):
            self.error = "Les deux mots de passe saisis ne sont pas identiques."
            return
        try:
            door = await asyncio.to_thread(
                password_reset.reset_password, self._parameter("token"), password
            )
        except DomainError as refusal:
            self.error = refusal.message
            self.link_valid = refusal.code != "invalid_reset_link"
            return
        self.error = ""
        self.door_href = LOGIN_ROUTES[door]
        self.door_label = DOOR_LINKS[door]
