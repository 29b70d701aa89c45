"""Inscription, profile step (/inscription/profil): the young user's details and the
eligibility they give (rule C1)."""

import asyncio

import reflex as rx

from services import signup
from services.errors import DomainError
from state.auth import YouthSession
from state.youth.resend_link import ResendLink

PROFILE_FIELDS = ("first_name", "last_name", "birth_date", "postal_code", "phone")
_NO_ERRORS = dict.fromkeys(PROFILE_FIELDS, "")


class SignupProfileState(ResendLink, YouthSession):
    """The profile step and the eligibility (rule C1), for the signed-in young user."""

    loaded: bool = False
    blocked: bool = False  # not a young account (a pro previewing the app)
    email_verified: bool = False
    has_credit: bool = False
    editing: bool = True
    values: dict[str, str] = dict.fromkeys(PROFILE_FIELDS, "")
    errors: dict[str, str] = _NO_ERRORS
    eligible: bool = False
    eligibility_message: str = ""
    profile_error: str = ""

    def _show_status(self, status: signup.SignupStatus) -> None:
        self.email_verified = status.email_verified
        self.has_credit = status.has_credit
        self.values = {
            "first_name": status.first_name,
            "last_name": status.last_name,
            "birth_date": status.birth_date.isoformat() if status.birth_date else "",
            "postal_code": status.postal_code,
            "phone": status.phone,
        }
        result = status.eligibility
        self.editing = result is None
        self.eligible = result is not None and result.eligible
        self.eligibility_message = result.message if result else ""

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        self.errors = _NO_ERRORS
        self.profile_error = self.resend_notice = self.resend_error = ""
        try:
            status = await asyncio.to_thread(signup.status, user.id)
        except DomainError as refusal:  # a pro previewing the app
            self.profile_error = refusal.message
            self.blocked = self.loaded = True
            return
        self.blocked = False
        self._show_status(status)
        self.loaded = True

    @rx.event
    async def save(self, form_data: dict):
        user = await self._signed_in_user()
        self.values = {key: str(form_data.get(key, "")) for key in PROFILE_FIELDS}
        try:
            status = await asyncio.to_thread(signup.save_profile, user.id, form_data)
        except signup.ProfileRefused as refusal:
            self.errors = _NO_ERRORS | refusal.errors
            self.profile_error = refusal.message
            return
        except DomainError as refusal:
            self.errors = _NO_ERRORS
            self.profile_error = refusal.message
            return
        self.errors = _NO_ERRORS
        self.profile_error = ""
        self._show_status(status)

    @rx.event
    def edit(self):
        self.editing = True
