"""Offers waiting for review (/admin/offres, rule F12): the queue, approving, rejecting
with a reason, and finding a live offer to deactivate it with a reason.

Every rule (admin only, statuses, reasons) is checked in services.moderation; ids sent
by the browser are only passed on."""

import asyncio
from dataclasses import dataclass, field

import reflex as rx

from services import moderation
from services.errors import DomainError
from services.formatting import paris_datetime
from state.auth import AdminSession
from state.paging import PagedMixin

REJECT = "reject"
DEACTIVATE = "deactivate"
DIALOG_TITLES = {REJECT: "Rejeter l’offre", DEACTIVATE: "Désactiver l’offre"}


@dataclass
class OfferCard:
    id: int = 0
    name: str = ""
    description: str = ""
    offerer_name: str = ""
    venue_name: str = ""
    subcategory: str = ""
    prices: str = ""
    submitted_at: str = ""
    reasons: list[str] = field(default_factory=list)


def _card(offer: moderation.OfferSummary) -> OfferCard:
    return OfferCard(
        id=offer.id,
        name=offer.name,
        description=offer.description,
        offerer_name=offer.offerer_name,
        venue_name=offer.venue_name,
        subcategory=offer.subcategory,
        prices=offer.prices,
        submitted_at=paris_datetime(offer.updated_at),
        reasons=offer.reasons,
    )


class OffersState(PagedMixin, AdminSession):
    queue: list[OfferCard] = []
    notice: str = ""
    error: str = ""
    busy: bool = False
    # Finding a live offer to deactivate.
    query: str = ""
    searched: bool = False
    found: list[OfferCard] = []
    # The reason dialog: "" when closed, else REJECT or DEACTIVATE for one offer.
    dialog: str = ""
    dialog_offer_id: int = 0
    dialog_offer_name: str = ""
    dialog_error: str = ""

    @rx.var
    def dialog_title(self) -> str:
        return DIALOG_TITLES.get(self.dialog, "")

    async def _reload(self) -> None:
        user = await self._signed_in_user()
        queue = await asyncio.to_thread(moderation.pending_offers, user.id, self.page)
        self.queue = [_card(offer) for offer in queue.offers]
        if self.searched:
            found = await asyncio.to_thread(moderation.find_live_offers, user.id, self.query)
            self.found = [_card(offer) for offer in found]
        self._show_page(queue)

    @rx.event
    async def load(self):
        self.notice = self.error = ""
        self.page, self.query, self.searched, self.found, self.dialog = 1, "", False, [], ""
        await self._reload()

    @rx.event
    async def approve(self, offer_id: int):
        if self.busy:
            return
        self.busy = True
        self.notice = self.error = ""
        try:
            user = await self._signed_in_user()
            try:
                offer = await asyncio.to_thread(moderation.approve_offer, user.id, int(offer_id))
                self.notice = (
                    f"Offre « {offer.name} » validée : la structure est prévenue par email."
                )
            except DomainError as refusal:
                self.error = refusal.message
            await self._reload()
        finally:
            self.busy = False

    @rx.event
    def open_dialog(self, action: str, offer_id: int):
        """For an offer this page shows (its name is the one the server sent)."""
        shown = {card.id: card.name for card in self.queue + self.found}
        if action in DIALOG_TITLES and offer_id in shown:
            self.dialog, self.dialog_offer_id = action, offer_id
            self.dialog_offer_name, self.dialog_error = shown[offer_id], ""

    @rx.event
    def set_dialog_open(self, is_open: bool):
        if not is_open:
            self.dialog = ""

    @rx.event
    async def submit_reason(self, form_data: dict):
        if self.busy or self.dialog not in DIALOG_TITLES:
            return
        self.busy = True
        try:
            user = await self._signed_in_user()
            call = {REJECT: moderation.reject_offer, DEACTIVATE: moderation.deactivate_offer}
            done = {REJECT: "rejetée", DEACTIVATE: "désactivée"}[self.dialog]
            try:
                offer = await asyncio.to_thread(
                    call[self.dialog],
                    user.id,
                    self.dialog_offer_id,
                    str(form_data.get("reason", "")),
                )
            except DomainError as refusal:
                self.dialog_error = refusal.message
                return
            self.notice = f"Offre « {offer.name} » {done} : la structure reçoit le motif par email."
            self.error = self.dialog = ""
            await self._reload()
        finally:
            self.busy = False

    @rx.event
    async def search(self, form_data: dict):
        self.query = " ".join(str(form_data.get("query", "")).split())[:140]
        self.searched = bool(self.query)
        self.found = []
        await self._reload()
