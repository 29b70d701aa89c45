"""The payment runs (/admin/paiements, issue 10 point 6): the list, newest first, and
« Lancer un paiement » for a recent cut-off. The run goes on in a background event, off
the event loop, and the page shows what it has paid so far every second, then its result
or the service's French refusal. Rules (admins only, which cut-off, resuming a stopped
run, the audit entry) are in services.payouts and services.payment_admin."""

import asyncio
from dataclasses import dataclass
from datetime import date

import reflex as rx

from pass_culture.models import PaymentRunStatus, Surface
from services import auth, payment_admin, payouts
from services.errors import DomainError
from services.formatting import euros, long_date
from state.auth import AdminSession, SignedOut
from state.paging import PagedMixin

PROGRESS_SECONDS = 1.0


@dataclass
class RunRow:
    id: int = 0
    label: str = ""
    cutoff: str = ""
    period: str = ""
    status: str = ""
    running: bool = False
    started_by: str = ""
    payments: int = 0
    bookings: int = 0
    amount: str = ""


@dataclass
class CutoffChoice:
    value: str = ""  # ISO date
    label: str = ""


def period_text(line: payment_admin.RunLine) -> str:
    return f"du {line.period_start:%d/%m/%Y} au {line.period_end:%d/%m/%Y}"


def run_row(line: payment_admin.RunLine) -> RunRow:
    return RunRow(
        id=line.id,
        label=line.label,
        cutoff=f"{line.cutoff:%d/%m/%Y}",
        period=period_text(line),
        status=line.status_label,
        running=line.status == PaymentRunStatus.RUNNING,
        started_by=line.started_by,
        payments=line.payment_count,
        bookings=line.booking_count,
        amount=euros(line.amount),
    )


def _admin_id(token: str) -> int:
    """The signed-in admin, from a session token read in a background event."""
    user = auth.user_for_token(token, Surface.ADMIN)
    if user is None:
        raise SignedOut(Surface.ADMIN)
    return user.id


def _result(summary: payouts.RunSummary) -> str:
    return (
        f"Paiement VIR{summary.run_id} de l’échéance du {long_date(summary.cutoff)} : "
        f"{summary.created} virement(s) ajouté(s) ; en tout {summary.payment_count} "
        f"virement(s), {summary.booking_count} réservation(s), {euros(summary.amount)}."
    )


def _progress(line: payment_admin.RunLine | None, cutoff: date) -> str:
    done = line.payment_count if line else 0
    return f"Paiement de l’échéance du {long_date(cutoff)} en cours : {done} virement(s) prêt(s)…"


class PaymentsState(PagedMixin, AdminSession):
    runs: list[RunRow] = []
    cutoffs: list[CutoffChoice] = []
    cutoff: str = ""  # the chosen cut-off, ISO
    unfinished: str = ""  # the stopped run's cut-off, in words
    launching: bool = False
    progress: str = ""
    result: str = ""
    error: str = ""

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        shown = await asyncio.to_thread(payment_admin.runs, user.id, self.page)
        self.runs = [run_row(line) for line in shown.runs]
        self._show_page(shown)

    async def _reload_choices(self, user_id: int) -> None:
        choices = await asyncio.to_thread(payment_admin.launch_choices, user_id)
        self.cutoffs = [CutoffChoice(day.isoformat(), long_date(day)) for day in choices.cutoffs]
        self.cutoff = choices.default.isoformat()
        self.unfinished = long_date(choices.unfinished) if choices.unfinished else ""

    @rx.event
    async def load(self):
        if self.launching:  # back on the page while a run goes on: keep following it
            return
        self.progress = self.result = self.error = ""
        self.page = 1
        user = await self._signed_in_user()
        await self._reload_choices(user.id)
        await self._reload()

    @rx.event
    def choose_cutoff(self, value: str):
        if value in {choice.value for choice in self.cutoffs}:
            self.cutoff = value

    @rx.event(background=True)
    async def launch(self):
        async with self:
            offered = {choice.value for choice in self.cutoffs}
            if self.launching or self.cutoff not in offered:
                return
            self.launching = True
            self.result = self.error = ""
            cutoff, token = date.fromisoformat(self.cutoff), self.session_token
            self.progress = _progress(None, cutoff)
        try:
            admin_id = await asyncio.to_thread(_admin_id, token)
            result, error = await self._follow(admin_id, cutoff)
            async with self:
                self.result, self.error = result, error
                await self._reload_choices(admin_id)
                await self._reload()
        finally:
            async with self:
                self.launching, self.progress = False, ""

    async def _follow(self, admin_id: int, cutoff: date) -> tuple[str, str]:
        """Run the payment in a thread, showing its progress: (result, refusal)."""
        work = asyncio.ensure_future(
            asyncio.to_thread(payouts.run_payments, cutoff, admin_id=admin_id)
        )
        while not work.done():
            await asyncio.wait({work}, timeout=PROGRESS_SECONDS)
            line = await asyncio.to_thread(payment_admin.run_of_cutoff, admin_id, cutoff)
            async with self:
                if not work.done():
                    self.progress = _progress(line, cutoff)
        try:
            return _result(work.result()), ""
        except DomainError as refusal:
            return "", refusal.message
