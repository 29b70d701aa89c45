"""The pro's « Suivi des remboursements » (/pro/remboursements, rule P6): the statements of
the structure in use with their filters and pages, what is coming per venue, and the
download links. Every check is in services.reimbursement_tracking (O7); database work
runs in a thread, off the event loop."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from services import reimbursement_tracking as tracking
from services.errors import DomainError
from services.formatting import euros
from state.auth import ProSession
from state.pro.venues import NO_STRUCTURE

FILTER_KEYS = ("period_from", "period_to", "bank_account")


def _count(n: int) -> str:
    return f"{n} réservation{'s' if n > 1 else ''}"


def _statement_rows(page: tracking.Page[tracking.Statement]) -> list[dict[str, str]]:
    return [
        {
            "id": str(row.payment_id),
            "reference": row.reference,
            "period": row.period,
            "paid_on": f"{row.paid_on:%d/%m/%Y}",
            "amount": euros(row.amount),
            "bookings": _count(row.booking_count),
            "account": row.bank_account_label,
            "iban": row.masked_iban,
            "pdf": f"/pro/remboursements/{row.payment_id}/justificatif.pdf",
            "csv": f"/pro/remboursements/{row.payment_id}/justificatif.csv",
        }
        for row in page.rows
    ]


def _upcoming_rows(page: tracking.Page[tracking.Upcoming]) -> list[dict[str, str]]:
    return [
        {
            "key": f"{item.venue_id}-{item.waiting}",
            "venue": item.venue_name,
            "bookings": _count(item.booking_count),
            "booking_amount": euros(item.booking_amount),
            "amount": euros(item.amount) if item.amount is not None else "Selon le barème",
            "reason": item.reason,
            "link": item.link or "",
            "waiting": item.waiting,
        }
        for item in page.rows
    ]


@dataclass(frozen=True)
class _Read:
    statements: tracking.Page[tracking.Statement]
    upcoming: tracking.Page[tracking.Upcoming] | None = None
    accounts: list[tuple[int, str]] | None = None


def _read(
    user_id: int, offerer_id: int, params: dict[str, str], page: int, *, everything: bool
) -> _Read:
    """In a thread: a page of statements for the filters, and with `everything` the
    coming amounts and the filter's accounts too."""
    filters = tracking.parse_filters(params)
    statements = tracking.statements(
        user_id,
        offerer_id,
        period_from=filters.period_from,
        period_to=filters.period_to,
        bank_account_id=filters.bank_account_id,
        page=page,
    )
    if not everything:
        return _Read(statements)
    return _Read(
        statements,
        tracking.upcoming_page(user_id, offerer_id),
        tracking.bank_account_choices(user_id, offerer_id),
    )


class ReimbursementsState(ProSession):
    loaded: bool = False
    busy: bool = False
    missing: str = ""  # no structure, or not the pro's: nothing else is shown
    error: str = ""  # the filters' refusal
    scale: str = ""
    cadence: str = ""
    filters: dict[str, str] = {}
    account_options: list[list[str]] = []  # [id, label]
    statements: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    upcoming: list[dict[str, str]] = []
    upcoming_page: int = 1
    upcoming_page_count: int = 1

    @rx.var
    def all_csv_href(self) -> str:
        """Every statement of the page in one CSV."""
        ids = ",".join(row["id"] for row in self.statements)
        return f"/pro/remboursements/justificatifs.csv?paiements={ids}"

    @rx.var
    def summary(self) -> str:
        if self.total == 0:
            return "Aucun justificatif"
        plural = "s" if self.total > 1 else ""
        return f"{self.total} justificatif{plural} — page {self.page} sur {self.page_count}"

    def _clear(self) -> None:
        self.statements, self.total, self.page_count = [], 0, 1

    async def _display(self, params: dict[str, str], page: int, *, everything: bool = False):
        user = await self._signed_in_user()
        try:
            result = await asyncio.to_thread(
                _read, user.id, self.offerer_id, params, page, everything=everything
            )
        except DomainError as refusal:
            if everything:  # the page itself is refused (O7): nothing is shown
                self.missing = refusal.message
                self.upcoming, self.account_options = [], []
            else:
                self.error = refusal.message
            self._clear()
            return
        self.filters, self.page, self.error = params, result.statements.page, ""
        self.statements = _statement_rows(result.statements)
        self.total, self.page_count = result.statements.total, result.statements.page_count
        if everything:
            self._show_upcoming(result.upcoming)
            self.account_options = [[str(i), label] for i, label in result.accounts]

    def _show_upcoming(self, page: tracking.Page[tracking.Upcoming]) -> None:
        self.upcoming = _upcoming_rows(page)
        self.upcoming_page, self.upcoming_page_count = page.page, page.page_count

    @rx.event
    async def load(self):
        """on_load: the structure in use, no filter, the first page."""
        self.loaded = self.busy = False
        self.missing = self.error = ""
        self.filters, self.page = {}, 1
        self.scale = tracking.rate_scale_sentence()
        self.cadence = tracking.cadence_sentence()
        if not self.offerer_id:
            self.missing = NO_STRUCTURE
            self._clear()
            self.upcoming, self.account_options = [], []
        else:
            await self._display({}, 1, everything=True)
        self.loaded = True

    async def _statements(self, params: dict[str, str], page: int):
        if self.busy or self.missing or not self.offerer_id:
            return
        self.busy = True
        yield
        try:
            await self._display(params, page)
        finally:
            self.busy = False

    @rx.event
    async def apply(self, form_data: dict):
        """The filters form: checked by the service (French message, nothing shown)."""
        params = {
            key: str((form_data or {}).get(key, "")).strip()[:40]
            for key in FILTER_KEYS
            if str((form_data or {}).get(key, "")).strip()
        }
        async for update in self._statements(params, 1):
            yield update

    @rx.event
    async def reset_filters(self):
        async for update in self._statements({}, 1):
            yield update

    @rx.event
    async def go_to(self, page: int):
        if not isinstance(page, int) or not 1 <= page <= self.page_count:
            return
        async for update in self._statements(dict(self.filters), page):
            yield update

    @rx.event
    async def go_to_upcoming(self, page: int):
        """A page of « À venir »; the statements stay as they are."""
        if self.busy or self.missing or not self.offerer_id:
            return
        if not isinstance(page, int) or not 1 <= page <= self.upcoming_page_count:
            return
        user = await self._signed_in_user()
        self.busy = True
        yield
        try:
            self._show_upcoming(
                await asyncio.to_thread(tracking.upcoming_page, user.id, self.offerer_id, page=page)
            )
        except DomainError as refusal:
            self.missing = refusal.message
            self.upcoming = []
        finally:
            self.busy = False
