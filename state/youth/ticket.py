"""The ticket (/reservations/<id>, rule B9) and its cancellation (rule B5)."""

import asyncio

import reflex as rx

from services import bookings, my_bookings
from services.errors import DomainError
from state.auth import YouthSession
from state.youth.offline import keep_offline


class TicketState(YouthSession):
    loaded: bool = False
    error: str = ""
    booking_id: str = ""
    code: str = ""
    qr_src: str = ""
    offer_id: str = ""
    offer_name: str = ""
    venue_name: str = ""
    address: str = ""
    withdrawal_details: str = ""
    url: str = ""
    when: str = ""
    date_label: str = ""
    status_label: str = ""
    quantity: int = 1
    amount: str = ""
    can_cancel: bool = False
    cancellation: str = ""
    cancel_open: bool = False
    cancel_error: str = ""
    cancelling: bool = False

    def _display(self, ticket: my_bookings.Ticket) -> None:
        self.booking_id = str(ticket.id)
        self.code = ticket.code
        self.qr_src = ticket.qr_src
        self.offer_id = str(ticket.offer_id)
        self.offer_name = ticket.offer_name
        self.venue_name = ticket.venue_name
        self.address = ticket.address
        self.withdrawal_details = ticket.withdrawal_details
        self.url = ticket.url
        self.when = ticket.when
        self.date_label = ticket.date_label
        self.status_label = ticket.status_label
        self.quantity = ticket.quantity
        self.amount = ticket.amount
        self.can_cancel = ticket.can_cancel
        self.cancellation = ticket.cancellation

    async def _fetch(self, user_id: int, booking_id: str) -> None:
        ticket = await asyncio.to_thread(my_bookings.ticket, user_id, booking_id)
        self._display(ticket)

    @rx.event
    async def load(self):
        self.loaded = False
        self.error = self.cancel_error = ""
        self.cancel_open = self.cancelling = False
        user = await self._signed_in_user()
        try:
            await self._fetch(user.id, self.router.page.params.get("id", ""))
        except DomainError as refusal:
            self.error = refusal.message
            self.loaded = True
            return None
        self.loaded = True
        return keep_offline([int(self.booking_id)])

    @rx.event
    def set_cancel_open(self, is_open: bool):
        self.cancel_open = is_open and self.can_cancel
        self.cancel_error = ""

    @rx.event
    async def cancel(self):
        """Rule B5, checked by the service whatever this page showed."""
        if self.cancelling or not self.booking_id:
            return
        self.cancelling = True
        yield
        user = await self._signed_in_user()
        try:
            await asyncio.to_thread(bookings.cancel_by_beneficiary, user.id, int(self.booking_id))
        except DomainError as refusal:
            self.cancel_error = refusal.message
        self.cancelling = self.cancel_open = False
        try:
            await self._fetch(user.id, self.booking_id)
        except DomainError as refusal:
            self.error = refusal.message
