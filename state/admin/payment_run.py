"""One payment run (/admin/paiements/<id>, issue 10 point 6): its summary and its payments,
searched by structure, SIREN or statement reference, paginated. The id in the address is
checked by services.payment_admin (an unknown one reads as missing)."""

import asyncio
from dataclasses import asdict, dataclass

import reflex as rx

from services import payment_admin
from services.errors import NotFound
from services.formatting import euros, long_date, paris_datetime
from services.identifiers import parse_id
from state.admin.payments import RunRow, run_row
from state.auth import AdminSession
from state.paging import PagedMixin

SEARCH_MAX = 140


@dataclass
class RunSummary(RunRow):
    cutoff_words: str = ""  # « lundi 16 mars 2026 »
    started_at: str = ""
    finished_at: str = ""
    sepa_href: str = ""  # "" while the run is at work or when it paid nothing


@dataclass
class PaymentRow:
    id: int = 0
    offerer: str = ""
    siren: str = ""
    account: str = ""
    iban: str = ""
    reference: str = ""
    bookings: int = 0
    amount: str = ""
    pdf_href: str = ""
    csv_href: str = ""


def _summary(line: payment_admin.RunLine) -> RunSummary:
    shown = run_row(line)
    return RunSummary(
        **asdict(shown),
        cutoff_words=long_date(line.cutoff),
        started_at=paris_datetime(line.started_at),
        finished_at=paris_datetime(line.finished_at) if line.finished_at else "",
        sepa_href=f"/admin/paiements/{line.id}/virements.xml"
        if not shown.running and line.payment_count
        else "",
    )


def _row(line: payment_admin.PaymentLine) -> PaymentRow:
    statement = f"/admin/paiements/justificatifs/{line.id}"
    return PaymentRow(
        id=line.id,
        offerer=line.offerer_name,
        siren=line.siren,
        account=line.account_label,
        iban=line.iban,
        reference=line.reference,
        bookings=line.booking_count,
        amount=euros(line.amount),
        pdf_href=f"{statement}.pdf",
        csv_href=f"{statement}.csv",
    )


class PaymentRunState(PagedMixin, AdminSession):
    missing: str = ""
    run: RunSummary = RunSummary()
    payments: list[PaymentRow] = []
    text: str = ""

    def _run_id(self) -> int:
        return parse_id(self.router.page.params.get("run_id")) or 0

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        try:
            found = await asyncio.to_thread(
                payment_admin.run_details, user.id, self._run_id(), self.text, self.page
            )
        except NotFound as missing:
            self.missing, self.loaded = missing.message, True
            return
        self.missing = ""
        self.run = _summary(found.run)
        self.payments = [_row(line) for line in found.payments]
        self._show_page(found)

    @rx.event
    async def load(self):
        self.loaded, self.text, self.page = False, "", 1
        await self._reload()
        return rx.set_value("recherche", "")

    @rx.event
    async def search(self, form_data: dict):
        self.text = " ".join(str(form_data.get("recherche", "")).split())[:SEARCH_MAX]
        self.page = 1
        await self._reload()

    @rx.event
    async def reset_search(self):
        self.text, self.page = "", 1
        await self._reload()
