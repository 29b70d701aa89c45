"""What was sent to whom (/admin/emails): the outbox, filtered and paged, and the text of
one message on demand. The admin check and every rule live in services.mail_log."""

import asyncio

import reflex as rx

from services import mail_delivery, mail_log
from services.errors import DomainError
from services.formatting import paris_datetime
from services.identifiers import parse_id
from services.mail_log import MailRow
from state.auth import AdminSession


def _row(row: MailRow) -> dict[str, str]:
    return {
        "id": str(row.id),
        "created_at": paris_datetime(row.created_at),
        "to_address": row.to_address,
        "subject": row.subject,
        "template": mail_log.template_label(row.template),
        "status": row.status.value,
        "status_label": row.status_label,
    }


class EmailsState(AdminSession):
    loaded: bool = False
    error: str = ""
    smtp_missing: bool = False
    # Filters
    recipient: str = ""
    template: str = ""
    page: int = 1
    # The page of emails
    rows: list[dict[str, str]] = []
    templates: list[dict[str, str]] = []
    total_label: str = ""
    page_count: int = 1
    # The message read
    message_open: bool = False
    message: dict[str, str] = {}

    async def _refresh(self) -> None:
        user = await self._signed_in_user()
        try:
            page = await asyncio.to_thread(
                mail_log.list_emails,
                user.id,
                recipient=self.recipient,
                template=self.template,
                page=self.page,
            )
            templates = await asyncio.to_thread(mail_log.templates_in_use, user.id)
        except DomainError as refusal:
            self.error = refusal.message
            self.rows, self.total_label = [], ""
            return
        self.error = ""
        self.rows = [_row(row) for row in page.rows]
        self.page = page.page
        self.page_count = page.page_count
        self.total_label = f"{page.total} email" + ("s" if page.total > 1 else "")
        self.templates = [{"key": t, "label": mail_log.template_label(t)} for t in templates]

    @rx.event
    async def load(self):
        self.recipient = self.template = ""
        self.page = 1
        self.message_open = False
        self.smtp_missing = not mail_delivery.is_configured()
        await self._refresh()
        self.loaded = True

    @rx.event
    async def apply_filters(self, form_data: dict):
        self.recipient = str(form_data.get("recipient", ""))[:320]
        self.template = str(form_data.get("template", ""))[:60]
        self.page = 1
        await self._refresh()

    @rx.event
    async def reset_filters(self):
        self.recipient = self.template = ""
        self.page = 1
        await self._refresh()

    @rx.event
    async def go_to_page(self, page: int):
        self.page = parse_id(page) or 1
        await self._refresh()

    @rx.event
    async def open_message(self, email_id: str):
        user = await self._signed_in_user()
        try:
            detail = await asyncio.to_thread(
                mail_log.email_detail, user.id, parse_id(email_id) or 0
            )
        except DomainError as refusal:
            self.error = refusal.message
            return
        self.message = _row(detail) | {
            "body_text": detail.body_text,
            "attempts": str(detail.attempts),
        }
        self.message_open = True

    @rx.event
    def set_message_open(self, is_open: bool):
        self.message_open = bool(is_open)
