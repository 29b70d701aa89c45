"""Inscription: the account (/inscription), « vérifie ta boîte mail »
(/inscription/email-envoye) and the verification link (/inscription/verification)."""

import asyncio

import reflex as rx

from pass_culture.models import Surface
from services import auth, signup
from services.errors import DomainError
from services.passwords import POLICY_POINTS, missing_points
from state.auth import YouthSession

CHECK_INBOX_ROUTE = "/inscription/email-envoye"
PROFILE_ROUTE = "/inscription/profil"


class SignupState(YouthSession):
    """The account step, the mailbox step and the link: no session needed."""

    signup_error: str = ""
    # Rule O2's points not met yet by what is typed (live feedback; the password is not kept).
    password_missing: list[str] = [point for point, _met in POLICY_POINTS]
    sent_to: str = ""  # the address typed, shown on « vérifie ta boîte mail »
    resend_notice: str = ""
    resend_error: str = ""
    # The link's outcome: "" (checking), "verified", or the refusal's code.
    link_outcome: str = ""
    link_error: str = ""
    _pending_email: str = ""
    _link_token: str = ""
    _verified_email: str = ""

    @rx.event
    def start(self):
        """on_load of /inscription: someone signed in goes to the profile step."""
        self.signup_error = ""
        if auth.user_for_token(self.session_token, Surface.YOUTH) is not None:
            return rx.redirect(PROFILE_ROUTE)
        return None

    @rx.event
    def check_password(self, password: str):
        self.password_missing = missing_points(password if isinstance(password, str) else "")

    @rx.event
    async def sign_up(self, form_data: dict):
        try:
            email = await asyncio.to_thread(
                signup.sign_up,
                form_data.get("email", ""),
                form_data.get("password", ""),
                form_data.get("terms") == "on",
            )
        except DomainError as refusal:
            self.signup_error = refusal.message
            return None
        self.signup_error = ""
        self._pending_email = email
        self.sent_to = email
        self.resend_notice = self.resend_error = ""
        return rx.redirect(CHECK_INBOX_ROUTE)

    @rx.event
    async def resend(self):
        """« Renvoyer l'email »: to the address of this tab's sign-up, or of the expired link."""
        self.resend_notice = self.resend_error = ""
        try:
            if self._pending_email:
                await asyncio.to_thread(signup.resend, self._pending_email)
            elif self._link_token:
                await asyncio.to_thread(signup.resend_for_token, self._link_token)
            else:
                self.resend_error = "Recommence ton inscription pour recevoir un nouvel email."
                return
        except DomainError as refusal:
            self.resend_error = refusal.message
            return
        self.resend_notice = "Email renvoyé : regarde ta boîte mail et tes courriers indésirables."

    @rx.event
    async def verify(self):
        """on_load of /inscription/verification?token=…"""
        self.link_outcome = self.link_error = ""
        self.resend_notice = self.resend_error = ""
        self._link_token = self.router.url.query_parameters.get("token", "")
        try:
            email = await asyncio.to_thread(signup.verify_email, self._link_token)
        except DomainError as refusal:
            self.link_outcome = refusal.code
            self.link_error = refusal.message
            return None
        self._verified_email = email
        user = await asyncio.to_thread(auth.user_for_token, self.session_token, Surface.YOUTH)
        if user is not None and user.email == email:
            return rx.redirect(PROFILE_ROUTE)
        self.link_outcome = "verified"
        return None

    @rx.event
    async def continue_signed_in(self, form_data: dict):
        """After the link, in a browser not signed in: the password opens the session."""
        if not self._verified_email:
            self.link_error = "Ouvre à nouveau le lien reçu par email."
            return None
        try:
            token, _user = await asyncio.to_thread(
                auth.login, self._verified_email, form_data.get("password", ""), Surface.YOUTH
            )
        except DomainError as refusal:
            self.link_error = refusal.message
            return None
        self.session_token = token
        self.link_error = ""
        return rx.redirect(PROFILE_ROUTE)
