"""Accepted bank accounts and their holds (/admin/paiements/comptes, issue 10 point 6):
search, « Suspendus » only, « Suspendre les paiements » with a reason, « Reprendre les
paiements ». Rules (admins only, accepted accounts, the reason, the journal) are in
services.payment_holds; the ids sent by the browser are kept to the rows shown."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from services import payment_admin, payment_holds
from services.errors import DomainError
from services.formatting import paris_datetime
from state.admin.payment_run import SEARCH_MAX
from state.auth import AdminSession
from state.paging import PagedMixin


@dataclass
class AccountRow:
    id: int = 0
    offerer_id: int = 0
    offerer: str = ""
    siren: str = ""
    label: str = ""
    iban: str = ""
    held: bool = False
    held_at: str = ""
    reason: str = ""


def _row(line: payment_admin.AccountLine) -> AccountRow:
    return AccountRow(
        id=line.id,
        offerer_id=line.offerer_id,
        offerer=line.offerer_name,
        siren=line.siren,
        label=line.label,
        iban=line.iban,
        held=line.held_at is not None,
        held_at=paris_datetime(line.held_at) if line.held_at else "",
        reason=line.hold_reason,
    )


class PaymentHoldsState(PagedMixin, AdminSession):
    accounts: list[AccountRow] = []
    text: str = ""
    held_only: bool = False
    held: int = 0
    notice: str = ""
    error: str = ""
    busy: bool = False
    holding: int = 0  # the account whose hold dialog is open, 0 when closed
    holding_name: str = ""
    dialog_error: str = ""

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        found = await asyncio.to_thread(
            payment_admin.accepted_accounts,
            user.id,
            self.text,
            held_only=self.held_only,
            page=self.page,
        )
        self.accounts = [_row(line) for line in found.accounts]
        self.held = found.held
        self._show_page(found)

    @rx.event
    async def load(self):
        self.text, self.held_only, self.page = "", False, 1
        self.notice = self.error = ""
        self.holding = 0
        await self._reload()
        return rx.set_value("recherche", "")

    @rx.event
    async def search(self, form_data: dict):
        self.text = " ".join(str(form_data.get("recherche", "")).split())[:SEARCH_MAX]
        self.page, self.notice, self.error = 1, "", ""
        await self._reload()

    @rx.event
    async def reset_search(self):
        self.text, self.page, self.notice, self.error = "", 1, "", ""
        await self._reload()

    @rx.event
    async def show_held(self, held_only: bool):
        self.held_only, self.page = bool(held_only), 1
        await self._reload()

    def _shown(self, account_id) -> AccountRow | None:
        return next((row for row in self.accounts if row.id == account_id), None)

    @rx.event
    def open_hold(self, account_id: int):
        row = self._shown(account_id)
        if row is not None and not row.held:
            self.holding, self.dialog_error = row.id, ""
            self.holding_name = f"{row.offerer} — {row.label}"

    @rx.event
    def set_dialog_open(self, is_open: bool):
        if not is_open:
            self.holding = 0

    @rx.event
    async def hold(self, form_data: dict):
        if self.busy or not self.holding:
            return
        self.busy = True
        try:
            user = await self._signed_in_user()
            try:
                account = await asyncio.to_thread(
                    payment_holds.hold_payments,
                    user.id,
                    self.holding,
                    str(form_data.get("reason", "")),
                )
            except DomainError as refusal:
                self.dialog_error = refusal.message
                return
            self.notice = (
                f"Paiements du compte « {account.label} » suspendus : les prochains paiements "
                "l’ignorent, ses réservations attendent."
            )
            self.error, self.holding = "", 0
            await self._reload()
        finally:
            self.busy = False

    @rx.event
    async def release(self, account_id: int):
        row = self._shown(account_id)
        if self.busy or row is None:
            return
        self.busy = True
        self.notice = self.error = ""
        try:
            user = await self._signed_in_user()
            try:
                account = await asyncio.to_thread(payment_holds.release_payments, user.id, row.id)
            except DomainError as refusal:
                self.error = refusal.message
            else:
                self.notice = (
                    f"Paiements du compte « {account.label} » repris : le prochain paiement "
                    "verse ce qui attendait."
                )
            await self._reload()
        finally:
            self.busy = False
