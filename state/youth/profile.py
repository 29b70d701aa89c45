"""Profil (/profil): my credit (rules C1–C6) with its history, and my account."""

import asyncio

import reflex as rx

from pass_culture import clock
from services import credit_history, deposits
from services.errors import NotFound
from services.formatting import euros, long_date, paris_datetime
from state.auth import YouthSession


def _room(cents: int | None) -> str:
    return "" if cents is None else euros(max(cents, 0))


class ProfileState(YouthSession):
    loaded: bool = False
    has_credit: bool = False
    remaining: str = ""
    granted: str = ""
    digital_remaining: str = ""  # "" when the credit has no digital cap
    physical_remaining: str = ""  # "" when the credit has no physical cap (C1 2018 preset)
    expires_on: str = ""
    is_expired: bool = False
    history: list[dict[str, str]] = []  # at, label, amount, kind

    def _read(self, user_id: int):
        balance = deposits.get_balance(user_id)
        return balance, credit_history.credit_history(user_id)

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        try:
            balance, lines = await asyncio.to_thread(self._read, user.id)
        except NotFound:  # a pro previewing has no credit
            self.has_credit = False
            self.loaded = True
            return
        self.has_credit = True
        self.remaining = euros(balance.remaining)
        self.granted = euros(balance.granted)
        self.digital_remaining = _room(balance.digital_remaining)
        self.physical_remaining = _room(balance.physical_remaining)
        self.expires_on = long_date(clock.to_paris(balance.expires_at).date())
        self.is_expired = balance.is_expired
        self.history = [
            {
                "at": paris_datetime(line.at),
                "label": line.label,
                "amount": ("+" if line.kind == "refund" else "") + euros(line.amount_signed_cents),
                "kind": "Remboursement" if line.kind == "refund" else "Réservation",
            }
            for line in lines
        ]
        self.loaded = True
