"""The offer page: the offer, the dates to choose from, the confirmation step, booking."""

import asyncio

import reflex as rx

from services import bookings, favorites, offer_details
from services.errors import DomainError
from services.formatting import euros
from state.youth.location import LocationState


class OfferState(LocationState):
    loaded: bool = False
    error: str = ""  # the page's only content when the offer cannot be shown
    offer_id: str = ""
    name: str = ""
    description: str = ""
    image_url: str = ""
    category_label: str = ""
    subcategory_label: str = ""
    venue_name: str = ""
    address: str = ""
    map_url: str = ""
    distance: str = ""
    withdrawal_details: str = ""
    accessibility: list[dict[str, str]] = []
    stocks: list[dict[str, str]] = []  # id, when, label, places_left, cancellation
    is_event: bool = False
    duo_allowed: bool = False
    cta: str = ""
    can_book: bool = False
    booking_id: str = ""
    has_credit: bool = False
    remaining_label: str = ""
    is_favorite: bool = False

    selected_stock: str = ""
    quantity: int = 1
    confirm_open: bool = False
    booking_error: str = ""
    booking: bool = False  # a booking request is on its way

    _remaining: int = 0
    _prices: dict[str, int] = {}

    @rx.var
    def total_label(self) -> str:
        return euros(self._prices.get(self.selected_stock, 0) * self.quantity)

    @rx.var
    def credit_after_label(self) -> str:
        total = self._prices.get(self.selected_stock, 0) * self.quantity
        return euros(max(self._remaining - total, 0))

    @rx.var
    def selected(self) -> dict[str, str]:
        return next((s for s in self.stocks if s["id"] == self.selected_stock), {})

    def _clear(self) -> None:
        self.error = self.booking_error = self.selected_stock = ""
        self.quantity = 1
        self.confirm_open = self.booking = False

    async def _fetch(self, user_id: int) -> None:
        """The offer and the user's booking button, off the event loop."""
        latitude, longitude = self._coordinates() or (None, None)
        details = await asyncio.to_thread(
            offer_details.offer_details,
            self.router.page.params.get("id", ""),
            latitude=latitude,
            longitude=longitude,
        )
        action = await asyncio.to_thread(offer_details.offer_action, user_id, details)
        favorite = await asyncio.to_thread(favorites.favorite_ids, user_id, [details.id])
        selected = self.selected_stock
        self._show_offer(details)
        self._show_action(action)
        self.is_favorite = details.id in favorite
        if selected in self._prices:
            self.selected_stock = selected

    @rx.event
    async def load(self):
        self.loaded = False
        self._clear()
        user = await self._signed_in_user()
        try:
            await self._fetch(user.id)
        except DomainError as refusal:
            self.error = refusal.message
        self.loaded = True

    def _show_offer(self, details: offer_details.OfferDetails) -> None:
        self.offer_id = str(details.id)
        self.name = details.name
        self.description = details.description
        self.image_url = details.image_url
        self.category_label = details.category_label
        self.subcategory_label = details.subcategory_label
        self.venue_name = details.venue_name
        self.address = details.address
        self.map_url = details.map_url
        self.distance = details.distance
        self.withdrawal_details = details.withdrawal_details
        self.accessibility = [
            {"label": a.label, "status": "Accessible" if a.compliant else "Non accessible"}
            for a in details.accessibility
        ]
        self.stocks = [
            {
                "id": str(s.id),
                "when": s.when,
                "label": s.label,
                "places_left": s.places_left,
                "cancellation": s.cancellation,
            }
            for s in details.stocks
        ]
        self._prices = {str(s.id): s.price for s in details.stocks}
        self.is_event = details.is_event
        self.duo_allowed = len(offer_details.quantities(details)) > 1
        if len(details.stocks) == 1:
            self.selected_stock = str(details.stocks[0].id)

    def _show_action(self, action: offer_details.OfferAction) -> None:
        self.cta = action.cta
        self.can_book = action.can_book and not self.is_preview
        self.booking_id = str(action.booking_id or "")
        self.has_credit = action.remaining is not None
        self._remaining = action.remaining or 0
        self.remaining_label = euros(self._remaining)

    @rx.event
    def select_stock(self, stock_id: str):
        if stock_id in self._prices:
            self.selected_stock = stock_id
            self.booking_error = ""

    @rx.event
    def set_quantity(self, value: str):
        if value == "2" and self.duo_allowed:
            self.quantity = 2
        elif value == "1":
            self.quantity = 1

    @rx.event
    def open_confirmation(self):
        self.booking_error = ""
        if not self.can_book:
            return
        if self.selected_stock not in self._prices:
            self.booking_error = (
                "Choisis une date avant de réserver." if self.is_event else "Choisis un tarif."
            )
            return
        self.confirm_open = True

    @rx.event
    def set_confirm_open(self, is_open: bool):
        self.confirm_open = is_open and self.can_book and self.selected_stock in self._prices

    @rx.event
    async def confirm(self):
        """Books through the rules engine, which checks everything again (B1–B5)."""
        if self.booking or self.selected_stock not in self._prices:
            return
        self.booking = True
        yield
        user = await self._signed_in_user()
        try:
            booking = await asyncio.to_thread(
                bookings.book, user.id, int(self.selected_stock), self.quantity
            )
        except DomainError as refusal:
            self.confirm_open = self.booking = False
            try:  # the credit or the places changed meanwhile: show them as they are
                await self._fetch(user.id)
            except DomainError as gone:
                self.error = gone.message
            self.booking_error = refusal.message
            return
        self.booking = False
        self.confirm_open = False
        yield rx.redirect(f"/reservations/{booking.id}")

    @rx.event
    async def toggle_favorite(self):
        if not self.offer_id:
            return
        user = await self._signed_in_user()
        offer_id = int(self.offer_id)
        try:
            if self.is_favorite:
                await asyncio.to_thread(favorites.remove_favorite, user.id, offer_id)
            else:
                await asyncio.to_thread(favorites.add_favorite, user.id, offer_id)
        except DomainError as refusal:
            self.booking_error = refusal.message
            return
        self.is_favorite = not self.is_favorite
