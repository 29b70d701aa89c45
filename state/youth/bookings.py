"""My bookings (/reservations): upcoming, ended, cancelled or expired."""

import asyncio

import reflex as rx

from services import my_bookings
from state.auth import YouthSession
from state.youth.offline import MAX_AHEAD, keep_offline


def _rows(rows: list[my_bookings.BookingRow]) -> list[dict[str, str]]:
    return [
        {
            "id": str(row.id),
            "offer_name": row.offer_name,
            "venue_name": row.venue_name,
            "date_label": row.date_label,
            "status_label": row.status_label,
        }
        for row in rows
    ]


class BookingsState(YouthSession):
    loaded: bool = False
    upcoming: list[dict[str, str]] = []
    ended: list[dict[str, str]] = []
    cancelled: list[dict[str, str]] = []

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        lists = await asyncio.to_thread(my_bookings.list_bookings, user.id)
        self.upcoming = _rows(lists.upcoming)
        self.ended = _rows(lists.ended)
        self.cancelled = _rows(lists.cancelled)
        self.loaded = True
        return keep_offline([row.id for row in lists.upcoming[:MAX_AHEAD]])
