"""The bank details queue (/admin/coordonnees-bancaires, rule O5): accepting, rejecting
with a message. Rules (admin only, statuses, message) are in services.bank_accounts."""

import asyncio

import reflex as rx

from services import bank_accounts
from services.errors import DomainError
from services.formatting import paris_datetime
from services.identifiers import parse_id
from state.auth import AdminSession
from state.paging import PagedMixin


def _line(account: bank_accounts.PendingAccount) -> dict[str, str]:
    return {
        "id": str(account.id),
        "offerer": account.offerer_name,
        "siren": account.siren,
        "label": account.label,
        "iban": bank_accounts.masked_iban(account.iban),
        "bic": account.bic,
        "venues": ", ".join(account.venue_names),
        "submitted": paris_datetime(account.submitted_at),
        "proof": account.proof_filename,
        "proof_href": f"/admin/documents/rib/{account.id}",
        "is_pdf": "1" if account.proof_media_type == "application/pdf" else "",
    }


class BankQueueState(PagedMixin, AdminSession):
    queue: list[dict[str, str]] = []
    notice: str = ""
    error: str = ""
    busy: bool = False
    rejecting: str = ""  # the id of the account whose refusal dialog is open
    rejecting_label: str = ""
    dialog_error: str = ""

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        shown = await asyncio.to_thread(bank_accounts.pending_accounts, user.id, self.page)
        self.queue = [_line(account) for account in shown.accounts]
        self._show_page(shown)

    @rx.event
    async def load(self):
        self.notice = self.error = self.rejecting = ""
        self.page = 1
        await self._reload()

    @rx.event
    async def accept(self, account_id: str):
        account_id = parse_id(account_id)
        if self.busy or account_id is None:
            return
        self.busy = True
        self.notice = self.error = ""
        try:
            user = await self._signed_in_user()
            try:
                account = await asyncio.to_thread(bank_accounts.accept, user.id, account_id)
                self.notice = (
                    f"Coordonnées « {account.label} » validées : la structure est prévenue "
                    "par email."
                )
            except DomainError as refusal:
                self.error = refusal.message
            await self._reload()
        finally:
            self.busy = False

    @rx.event
    def open_reject(self, account_id: str):
        shown = {line["id"]: line["label"] for line in self.queue}
        if account_id in shown:
            self.rejecting, self.rejecting_label = account_id, shown[account_id]
            self.dialog_error = ""

    @rx.event
    def set_dialog_open(self, is_open: bool):
        if not is_open:
            self.rejecting = ""

    @rx.event
    async def reject(self, form_data: dict):
        if self.busy or not self.rejecting:
            return
        self.busy = True
        try:
            user = await self._signed_in_user()
            try:
                account = await asyncio.to_thread(
                    bank_accounts.reject,
                    user.id,
                    int(self.rejecting),
                    str(form_data.get("reason", "")),
                )
            except DomainError as refusal:
                self.dialog_error = refusal.message
                return
            self.notice = (
                f"Coordonnées « {account.label} » refusées : la structure reçoit le message "
                "par email."
            )
            self.error = self.rejecting = ""
            await self._reload()
        finally:
            self.busy = False
