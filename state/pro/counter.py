"""The counter page (/pro/guichet, rule B6): look a code up, validate or undo it.

Every rule lives in services.counter; each call goes through the guessing brake of
services.counter_limit and runs off the event loop."""

import asyncio
import logging

import reflex as rx

from pass_culture.models import BookingStatus
from services import counter, counter_limit
from services.codes import CODE_LENGTH, scanned_code, typed_code
from services.errors import DomainError
from services.formatting import euros, paris_datetime, price
from state.auth import ProSession

logger = logging.getLogger(__name__)

SCAN_REFUSED = (
    "Ce QR code n'est pas une contremarque pass Culture : scannez le QR code du billet "
    "ou saisissez le code à 6 caractères."
)


class CounterState(ProSession):
    code: str = ""
    error: str = ""
    notice: str = ""
    busy: bool = False
    scanning: bool = False
    undo_open: bool = False
    # The card of the booking found (empty code: none).
    found_code: str = ""
    status: str = ""
    offer_name: str = ""
    venue_name: str = ""
    beneficiary_name: str = ""
    when: str = ""
    amount: str = ""
    used_at: str = ""
    refusal: str = ""

    def _show_view(self, view: counter.CounterView | None) -> None:
        self.found_code = view.code if view else ""
        self.status = view.status if view else ""
        self.offer_name = view.offer_name if view else ""
        self.venue_name = view.venue_name if view else ""
        self.beneficiary_name = view.beneficiary_name if view else ""
        self.when = paris_datetime(view.beginning_at) if view and view.beginning_at else ""
        self.used_at = paris_datetime(view.used_at) if view and view.used_at else ""
        self.refusal = (view.refusal or "") if view else ""
        if view is None:
            self.amount = ""
        elif view.quantity > 1:
            self.amount = f"{view.quantity} × {price(view.unit_price)} = {euros(view.amount)}"
        else:
            self.amount = price(view.amount)

    async def _call(self, call, code: str):
        user = await self._signed_in_user()
        return await asyncio.to_thread(counter_limit.limited, user.id, call, code)

    async def _look_up(self, code: str) -> None:
        self.error = self.notice = ""
        try:
            self._show_view(await self._call(counter.find_booking, code))
        except DomainError as refusal:
            self._show_view(None)
            self.error = refusal.message

    @rx.event
    def set_code(self, value: str):
        self.code = typed_code(str(value)) if value else ""

    @rx.event
    async def look_up(self, form_data: dict | None = None):
        if self.busy:
            return
        if form_data is not None:
            self.code = typed_code(str(form_data.get("code", "")))
        if len(self.code) != CODE_LENGTH:
            self._show_view(None)
            self.notice = ""
            self.error = "Saisissez les 6 caractères de la contremarque."
            return
        self.busy = True
        yield
        try:
            await self._look_up(self.code)
        finally:
            self.busy = False

    @rx.event
    def set_scanning(self, scanning: bool):
        self.scanning = bool(scanning)

    @rx.event
    async def scanned(self, payload: str):
        """A QR code read by the camera: only a pass Culture ticket is looked up."""
        self.scanning = False
        code = scanned_code(payload) if isinstance(payload, str) else None
        if code is None:
            self._show_view(None)
            self.notice = ""
            self.error = SCAN_REFUSED
            return
        self.code = code
        await self._look_up(self.code)

    @rx.event
    def scan_failed(self, message: str):
        logger.info("Caméra du guichet indisponible : %s", message)
        self.scanning = False
        self.error = (
            "La caméra n'est pas disponible : autorisez-la dans votre navigateur "
            "ou saisissez le code."
        )

    async def _change(self, call, done: str) -> None:
        if self.busy or not self.found_code:
            return
        self.busy = True
        code = self.found_code
        try:
            try:
                await self._call(call, code)
                error, notice = "", done
            except DomainError as refusal:
                error, notice = refusal.message, ""
            # The card shows the booking as it is now (another desk may have scanned it).
            await self._look_up(code)
            if not self.error:
                self.error, self.notice = error, notice
        finally:
            self.busy = self.undo_open = False

    @rx.event
    async def validate(self):
        await self._change(counter.validate, "Contremarque validée.")

    @rx.event
    async def undo(self):
        await self._change(counter.undo_validation, "Contremarque invalidée.")

    @rx.event
    def set_undo_open(self, is_open: bool):
        self.undo_open = bool(is_open) and self.status == BookingStatus.USED
