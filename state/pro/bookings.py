"""The pro's bookings page (/pro/reservations, pcapi-facts §2; rules B10, B11, O7): the
filters, a page of the table, the downloads' address, cancellation with a reason, and
live updates from the structure's changes (state/pro/live.py).

Database work runs in background events, off the state's lock: every page of a
structure re-reads its rows at each change, and holds its lock only to show them."""

import asyncio
import time
from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec

from pass_culture.models import Surface
from services import auth, booking_filter_choices, bookings, pro_bookings
from services.errors import DomainError, NotFound
from services.formatting import paris_datetime, price
from services.pro_bookings import DisplayStatus
from state.auth import ProSession, SignedOut
from state.pro import live

PAGE_SIZE = 50
FILTER_KEYS = (
    "venue",
    "offer",
    "event_date",
    "period_type",
    "period_start",
    "period_end",
    "status",
    "search",
)
UNUSED = (DisplayStatus.BOOKED, DisplayStatus.CONFIRMED)
HEARTBEAT_MS = 10 * 60 * 1000  # well inside the states' 1 h expiry
UNKNOWN_BOOKING = "Cette réservation n'existe pas."
CANCELLED = "La réservation est annulée ; le bénéficiaire est prévenu et remboursé."


def _rows(page: pro_bookings.BookingPage) -> list[dict[str, str]]:
    return [
        {
            "id": str(row.id),
            "code": row.code,
            "offer_name": row.offer_name,
            "event_at": paris_datetime(row.event_at) if row.event_at else "",
            "beneficiary_name": row.beneficiary_name,
            "beneficiary_email": row.beneficiary_email,
            "booked_at": paris_datetime(row.booked_at),
            "price": f"{row.quantity} × {price(row.amount // row.quantity)}"
            if row.is_duo
            else price(row.amount),
            "status": row.status,
            "status_label": row.status_label,
            "can_cancel": "1" if row.status in UNUSED else "",
        }
        for row in page.rows
    ]


def _query(filters: dict[str, str]) -> str:
    return urlencode({key: value for key, value in filters.items() if value})


def _pro_id(token: str) -> int:
    """The signed-in pro, from a session token read in a background event."""
    user = auth.user_for_token(token, Surface.PRO)
    if user is None:
        raise SignedOut(Surface.PRO)
    return user.id


def _pro_access(token: str) -> tuple[int, frozenset[int]]:
    """The signed-in pro and the structures they see, checked at each live read."""
    user_id = _pro_id(token)
    return user_id, booking_filter_choices.structures_of(user_id)


def _list_page(user_id: int, filters: dict[str, str], page: int):
    """A page of rows for the filters (in a thread): the result or the refusal."""
    try:
        parsed = pro_bookings.parse_filters(filters)
        return pro_bookings.list_bookings(user_id, parsed, page=page, page_size=PAGE_SIZE)
    except DomainError as refusal:
        return refusal


# Pages refreshed by the same change share their identical reads (state/pro/live.py).
_shared_reads = live.SharedReads()
# A live read re-checks the session and memberships at most every few seconds (the
# pro's own actions always do): a burst of changes costs one check per page.
_access_checks = live.SharedReads(ttl=5.0)


def _next_heartbeat() -> EventSpec:
    # One timer per tab: arming it again (the page opened anew) drops the previous one.
    wait = (
        "new Promise((beat) => { clearTimeout(window.pcBookingsBeat); "
        f"window.pcBookingsBeat = setTimeout(beat, {HEARTBEAT_MS}); }})"
    )
    return rx.call_script(wait, callback=ProBookingsState.heartbeat)


class ProBookingsState(ProSession):
    # The filters applied (the form shows them; they change on submit).
    filters: dict[str, str] = {}
    # Bumped to redraw the form's fields with the filters applied (fields are uncontrolled).
    form_key: int = 0
    venue_options: list[list[str]] = []  # [id, name]
    offer_options: list[list[str]] = []
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    loaded: bool = False
    error: str = ""
    notice: str = ""
    # The cancellation dialog: the booking chosen among the rows shown.
    cancel_open: bool = False
    cancel_label: str = ""
    cancel_error: str = ""
    cancelling: bool = False
    _cancel_id: int = 0
    _rendered_version: int = -1
    _live_offerers: list[int] = []
    # When the read shown last started: an older read finishing later is dropped.
    _shown_at: float = 0.0
    _heartbeat: float = 0.0

    @rx.var
    def export_query(self) -> str:
        query = _query(self.filters)
        return f"?{query}" if query else ""

    @rx.var
    def summary(self) -> str:
        if not self.loaded:
            return "Chargement des réservations…"
        if self.total == 0:
            return "Aucune réservation"
        plural = "s" if self.total > 1 else ""
        return f"{self.total} réservation{plural} — page {self.page} sur {self.page_count}"

    def _in_use(self, *, venue: bool = True) -> dict[str, str]:
        """The structure in use (and by default its venue in use), from the portal's
        frame: the list, its choices and the downloads stay within them."""
        scope = {"offerer": str(self.offerer_id)} if self.offerer_id else {}
        if venue and self.venue_id:
            scope["venue"] = str(self.venue_id)
        return scope

    @rx.event
    async def open_page(self):
        """on_load: the filters from the address (`?recherche=<code>` from the booking
        emails), the choices, and the structure's live changes for this tab."""
        user = await self._signed_in_user()
        choices = await asyncio.to_thread(
            booking_filter_choices.filter_choices, user.id, self.offerer_id or None
        )
        params = self.router.url.query_parameters
        search = str(params.get("recherche", "")).strip()[:200]
        self.filters = self._in_use() | ({"search": search} if search else {})
        self.form_key += 1
        self.venue_options = [[str(i), name] for i, name in choices.venues]
        self.offer_options = [[str(i), name] for i, name in choices.offers]
        self.page = 1
        self.error = self.notice = ""
        self.loaded = False
        self._live_offerers = choices.offerer_ids
        version = live.watch(choices.offerer_ids, self.router.session.client_token)
        (await self.get_state(live.LiveVersion)).version = version
        self._rendered_version = version
        return [ProBookingsState.refresh, _next_heartbeat()]

    def _snapshot(self) -> tuple[str, dict[str, str], int]:
        return self.session_token, dict(self.filters), self.page

    async def _read(self, token: str, filters: dict[str, str], page: int, shared: bool):
        if not shared:
            user_id = await asyncio.to_thread(_pro_id, token)
            return await asyncio.to_thread(_list_page, user_id, filters, page)
        user_id, structures = await _access_checks.read(token, lambda: _pro_access(token))
        # The rows depend on the structures seen, not on who sees them: every page of
        # the structure with these filters shares the read.
        last_events = live.last_events(self._live_offerers)
        key = (structures, tuple(sorted(filters.items())), page, last_events)
        return await _shared_reads.read(key, lambda: _list_page(user_id, filters, page))

    def _show_rows(self, result, page: int) -> bool:
        """Shows what `_read` returned; False when the page asked is past the last one
        (the bookings shrank meanwhile) and the last one must be read instead."""
        if isinstance(result, DomainError):
            self.error = result.message
            self.rows, self.total, self.page_count, self.loaded = [], 0, 1, True
            return True
        if page > result.page_count:
            self.page = result.page_count
            return False
        self.rows = _rows(result)
        self.total, self.page_count, self.loaded = result.total, result.page_count, True
        return True

    async def _read_and_show(self, snapshot, *, shared: bool, version: int | None = None):
        """Read off the state's lock, then show under it (one short hold per read)."""
        started = time.monotonic()
        result = await self._read(*snapshot, shared=shared)
        async with self:
            if started < self._shown_at:
                return  # a read started later is on screen already
            self._shown_at = started
            if version is not None:
                self._rendered_version = version
            if self._show_rows(result, snapshot[2]):
                return
            snapshot = self._snapshot()
        await self._read_and_show(snapshot, shared=False)  # the last page instead

    @rx.event(background=True)
    async def refresh(self):
        """After the pro's own action: a read of its own, which sees the action."""
        async with self:
            snapshot = self._snapshot()
        await self._read_and_show(snapshot, shared=False)

    @rx.event(background=True)
    async def live_update(self, version: int):
        """The structures' version as this page received it (any value only causes a
        re-read of the pro's own rows). Every page of the structure runs it at each
        change: it reads the page's filters without taking the state's lock and shares
        the read, then holds the lock once, to show the rows."""
        if self._rendered_version < 0 or not isinstance(version, int):
            return  # not followed yet: the first read comes with open_page
        if version == self._rendered_version:
            return
        await self._read_and_show(self._snapshot(), shared=True, version=version)

    @rx.event
    async def heartbeat(self, _result=None):
        """Every 10 minutes while the page is open: keeps its state from expiring,
        catches up with a change this tab missed (its websocket was down), and arms the
        next beat."""
        self._heartbeat = time.monotonic()
        version = live.watch(self._live_offerers, self.router.session.client_token)
        if version != self._rendered_version:
            (await self.get_state(live.LiveVersion)).version = version
        return _next_heartbeat()

    @rx.event
    def apply(self, form_data: dict):
        """The filters form: validated by the service at the read (French message)."""
        self.filters = {
            key: str(form_data.get(key, "")).strip()
            for key in FILTER_KEYS
            if str(form_data.get(key, "")).strip()
        } | self._in_use(venue=False)
        self.page = 1
        self.error = self.notice = ""
        return ProBookingsState.refresh

    @rx.event
    def reset_filters(self):
        self.filters = self._in_use()
        self.form_key += 1
        self.page = 1
        self.error = self.notice = ""
        return ProBookingsState.refresh

    @rx.event
    def go_to(self, page: int):
        if not isinstance(page, int) or not 1 <= page <= self.page_count:
            return None
        self.page = page
        return ProBookingsState.refresh

    @rx.event
    def ask_cancel(self, booking_id: str):
        """Open the dialog for one of the rows shown (an id from elsewhere does nothing)."""
        row = next((r for r in self.rows if r["id"] == booking_id and r["can_cancel"]), None)
        if row is None:
            return
        self._cancel_id = int(row["id"])
        code = f" ({row['code']})" if row["code"] else ""
        self.cancel_label = f"{row['offer_name']} — {row['beneficiary_name']}{code}"
        self.cancel_error = ""
        self.cancel_open = True

    @rx.event
    def set_cancel_open(self, is_open: bool):
        self.cancel_open = bool(is_open) and self._cancel_id != 0
        if not self.cancel_open:
            self._cancel_id = 0

    @rx.event(background=True)
    async def confirm_cancel(self, form_data: dict):
        """Rule B10: the service checks the structure (O7), the status and the reason."""
        reason = str((form_data or {}).get("reason", ""))
        async with self:
            if self.cancelling or not self._cancel_id:
                return
            self.cancelling = True
            token, booking_id = self.session_token, self._cancel_id
        try:
            user_id = await asyncio.to_thread(_pro_id, token)
            await asyncio.to_thread(bookings.cancel_by_offerer, user_id, booking_id, reason)
        except NotFound:
            error = UNKNOWN_BOOKING
        except DomainError as refusal:
            error = refusal.message
        else:
            error = ""
        async with self:
            self.cancelling = False
            self.cancel_error = error
            if not error:
                self.cancel_open, self._cancel_id = False, 0
                self.notice = CANCELLED
        if not error:
            yield ProBookingsState.refresh
