"""Pro sign-up (/pro/inscription, rule O2), « vérifiez votre boîte mail »
(/pro/inscription/email-envoye) and the verification link (/pro/inscription/verification).
With ?invitation=<token> the sign-up is a team invitation's: the invited address, no
structure. Rules live in services.pro_signup and services.invitations."""

import asyncio

import reflex as rx

from pass_culture.models import Surface
from services import auth, invitations, pro_signup, verification_mails
from services.errors import DomainError, FieldsRefused
from services.passwords import POLICY_POINTS, missing_points
from state.auth import ProSession

CHECK_INBOX_ROUTE = "/pro/inscription/email-envoye"
_NO_ERRORS = dict.fromkeys(pro_signup.FIELDS, "")


class ProSignupState(ProSession):
    errors: dict[str, str] = _NO_ERRORS
    signup_error: str = ""
    password_missing: list[str] = [point for point, _met in POLICY_POINTS]
    # Pre-filled from the Sirene directory when it is on (else as typed).
    structure_name: str = ""
    sirene_found: str = ""  # "Nom, adresse" of the SIREN typed, as INSEE knows it
    sirene_warning: str = ""
    # « Vérifiez votre boîte mail »
    sent_to: str = ""
    joined: bool = False
    joined_name: str = ""
    mail_notice: str = ""
    mail_error: str = ""
    # The invitation this sign-up answers ("" for none).
    invited_email: str = ""
    invitation_offerer: str = ""
    invitation_error: str = ""
    _invitation_token: str = ""
    _pending_email: str = ""
    # The verification link's outcome: "" (checking), "verified", or the refusal's code.
    link_outcome: str = ""
    link_error: str = ""
    _link_token: str = ""

    @rx.event
    async def start(self):
        """on_load of /pro/inscription: a signed-in pro goes home (or to the invitation)."""
        self.errors, self.signup_error = _NO_ERRORS, ""
        self.sirene_found = self.sirene_warning = self.structure_name = ""
        self.invited_email = self.invitation_offerer = self.invitation_error = ""
        self.password_missing = [point for point, _met in POLICY_POINTS]
        self._invitation_token = self.router.url.query_parameters.get("invitation", "")
        user = await asyncio.to_thread(auth.user_for_token, self.session_token, Surface.PRO)
        if user is not None:
            if self._invitation_token:
                return rx.redirect(f"/pro/invitation?token={self._invitation_token}")
            return rx.redirect("/pro")
        if self._invitation_token:
            try:
                shown = await asyncio.to_thread(invitations.invitation_of, self._invitation_token)
            except DomainError as refusal:
                self.invitation_error = refusal.message
                self._invitation_token = ""
            else:
                self.invited_email, self.invitation_offerer = shown.email, shown.offerer_name
        return None

    @rx.event
    def check_password(self, password: str):
        self.password_missing = missing_points(password if isinstance(password, str) else "")

    @rx.event
    def set_structure_name(self, name: str):
        self.structure_name = name[:140] if isinstance(name, str) else ""

    @rx.event
    async def look_up_siren(self, siren: str):
        """When the SIREN field is left: INSEE's name and head office (Sirene step on)."""
        self.sirene_found = self.sirene_warning = ""
        self.errors = self.errors | {"siren": ""}
        if not isinstance(siren, str) or not siren.strip():
            return
        try:
            unit, self.sirene_warning = await asyncio.to_thread(pro_signup.look_up_siren, siren)
        except DomainError as refusal:
            self.errors = self.errors | {"siren": refusal.message}
            return
        if unit is not None:
            where = ", ".join(p for p in (unit.address, unit.postal_code, unit.city) if p)
            self.sirene_found = f"{unit.name} — {where}" if where else unit.name
            self.structure_name = self.structure_name or unit.name

    @rx.event
    async def sign_up(self, form_data: dict):
        self.signup_error = ""
        try:
            if self._invitation_token:
                email = await asyncio.to_thread(
                    invitations.sign_up_invited, self._invitation_token, form_data
                )
            else:
                done = await asyncio.to_thread(pro_signup.sign_up, form_data)
        except FieldsRefused as refused:
            self.errors = _NO_ERRORS | refused.errors
            self.signup_error = refused.message
            return None
        except DomainError as refusal:
            self.errors, self.signup_error = _NO_ERRORS, refusal.message
            return None
        self.errors = _NO_ERRORS
        if self._invitation_token:
            # The link proved the address: the new member is signed in at once.
            token, _user = await asyncio.to_thread(
                auth.login, email, form_data.get("password", ""), Surface.PRO
            )
            self.session_token = token
            return rx.redirect("/pro/structure")
        self._pending_email = self.sent_to = done.email
        self.joined, self.joined_name = done.joined, done.offerer_name
        self.sirene_warning = done.warning
        self.mail_notice = self.mail_error = ""
        return rx.redirect(CHECK_INBOX_ROUTE)

    @rx.event
    async def resend(self):
        """« Renvoyer l'email »: to this tab's sign-up address, or of the expired link."""
        self.mail_notice = self.mail_error = ""
        try:
            if self._pending_email:
                await asyncio.to_thread(verification_mails.resend, self._pending_email)
            elif self._link_token:
                await asyncio.to_thread(
                    verification_mails.resend_for_token, self._link_token, formal=True
                )
            else:
                self.mail_error = "Recommencez l'inscription pour recevoir un nouvel email."
                return
        except DomainError as refusal:
            self.mail_error = refusal.message
            return
        self.mail_notice = (
            "Email renvoyé : regardez votre boîte mail et vos courriers indésirables."
        )

    @rx.event
    async def verify(self):
        """on_load of /pro/inscription/verification?token=…"""
        self.link_outcome = self.link_error = self.mail_notice = self.mail_error = ""
        self._link_token = self.router.url.query_parameters.get("token", "")
        try:
            await asyncio.to_thread(verification_mails.verify_email, self._link_token, formal=True)
        except DomainError as refusal:
            self.link_outcome, self.link_error = refusal.code, refusal.message
            return
        self.link_outcome = "verified"
