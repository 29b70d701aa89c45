"""The identities queue (/admin/identites): documents sent by young users, approved (the
credit, rule C1) or rejected with a reason. Every rule is checked in
services.identity_review; ids sent by the browser are only passed on."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from services import identity_review
from services.errors import DomainError
from services.formatting import paris_datetime
from state.auth import AdminSession
from state.paging import PagedMixin

REASON_CHOICES = [
    {"code": code, "label": label} for code, label in identity_review.REJECTION_REASONS.items()
]


@dataclass
class IdentityCard:
    id: int = 0
    full_name: str = ""
    email: str = ""
    birth_date: str = ""
    age: str = ""
    department_code: str = ""
    sent_at: str = ""
    is_pdf: bool = False
    file_name: str = ""
    document_url: str = ""


def _card(check: identity_review.PendingCheck) -> IdentityCard:
    return IdentityCard(
        id=check.id,
        full_name=check.full_name,
        email=check.email,
        birth_date=check.birth_date.strftime("%d/%m/%Y") if check.birth_date else "—",
        age=f"{check.age} ans" if check.age is not None else "—",
        department_code=check.department_code or "—",
        sent_at=paris_datetime(check.sent_at),
        is_pdf=check.media_type == "application/pdf",
        file_name=check.original_file_name,
        document_url=f"/admin/documents/identite/{check.id}",
    )


class IdentitiesState(PagedMixin, AdminSession):
    queue: list[IdentityCard] = []
    notice: str = ""
    error: str = ""
    busy: bool = False
    # The rejection dialog, for one check of the page (0: closed).
    dialog_check_id: int = 0
    dialog_name: str = ""
    dialog_reason: str = ""
    dialog_error: str = ""

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        found = await asyncio.to_thread(identity_review.pending_checks, user.id, self.page)
        self.queue = [_card(check) for check in found.checks]
        self._show_page(found)

    @rx.event
    async def load(self):
        self.notice = self.error = ""
        self.page, self.dialog_check_id = 1, 0
        await self._reload()

    def _name_of(self, check_id: int) -> str:
        return next((card.full_name for card in self.queue if card.id == check_id), "")

    @rx.event
    async def approve(self, check_id: int):
        if self.busy:
            return
        self.busy = True
        self.notice = self.error = ""
        try:
            user = await self._signed_in_user()
            name = self._name_of(check_id)
            try:
                await asyncio.to_thread(identity_review.approve, user.id, int(check_id))
                self.notice = f"Identité de {name} validée : son crédit est activé."
            except DomainError as refusal:
                self.error = refusal.message
            await self._reload()
        finally:
            self.busy = False

    @rx.event
    def open_rejection(self, check_id: int):
        """For a check this page shows."""
        name = self._name_of(check_id)
        if name:
            self.dialog_check_id, self.dialog_name = check_id, name
            self.dialog_reason = self.dialog_error = ""

    @rx.event
    def set_dialog_open(self, is_open: bool):
        if not is_open:
            self.dialog_check_id = 0

    @rx.event
    def choose_reason(self, code: str):
        self.dialog_reason = code if code in identity_review.REJECTION_REASONS else ""

    @rx.event
    async def submit_rejection(self, form_data: dict):
        if self.busy or not self.dialog_check_id:
            return
        self.busy = True
        try:
            user = await self._signed_in_user()
            try:
                await asyncio.to_thread(
                    identity_review.reject,
                    user.id,
                    self.dialog_check_id,
                    str(form_data.get("reason", "")),
                    str(form_data.get("other", "")),
                )
            except DomainError as refusal:
                self.dialog_error = refusal.message
                return
            self.notice = f"Document de {self.dialog_name} refusé : le motif lui est envoyé."
            self.error, self.dialog_check_id = "", 0
            await self._reload()
        finally:
            self.busy = False
