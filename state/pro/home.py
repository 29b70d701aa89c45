"""The pro home (/pro): what needs attention today in the structure (or venue) in use."""

import asyncio

import reflex as rx

from pass_culture import clock
from services import pro_home
from services.errors import DomainError
from state.auth import ProSession


def _places(event: pro_home.TodayEvent) -> str:
    booked = f"{event.booked} réservée{'s' if event.booked > 1 else ''}"
    return booked if event.quantity is None else f"{booked} sur {event.quantity}"


class HomeState(ProSession):
    loaded: bool = False
    error: str = ""
    events_today: list[dict[str, str]] = []
    events_today_count: int = 0
    to_validate: int = 0
    offers_without_stock: list[dict[str, str]] = []
    offers_without_stock_count: int = 0

    @rx.event
    async def load(self):
        self.loaded = False
        if not self.offerer_id:
            return
        user = await self._signed_in_user()
        try:
            attention = await asyncio.to_thread(
                pro_home.attention, user.id, self.offerer_id, self.venue_id or None
            )
        except DomainError as refusal:
            self.error = refusal.message
            return
        self.error = ""
        self.events_today = [
            {
                "name": event.offer_name,
                "venue": event.venue_name,
                "when": clock.to_paris(event.beginning_at).strftime("%Hh%M"),
                "places": _places(event),
            }
            for event in attention.events_today
        ]
        self.events_today_count = attention.events_today_count
        self.to_validate = attention.to_validate
        self.offers_without_stock = [
            {"id": str(offer.id), "name": offer.name} for offer in attention.offers_without_stock
        ]
        self.offers_without_stock_count = attention.offers_without_stock_count
        self.loaded = True
