"""Tickets kept for offline use: asking for their offline view (/billet/<id>) while online
is what makes the service worker keep it (assets/sw.js)."""

import json

import reflex as rx

# Upcoming tickets fetched ahead from the bookings list (the ones opened are kept anyway).
MAX_AHEAD = 10


def keep_offline(booking_ids: list[int]) -> rx.event.EventSpec:
    paths = json.dumps([f"/billet/{int(booking_id)}" for booking_id in booking_ids])
    return rx.call_script(
        f"{paths}.forEach((path) => fetch(path, {{credentials: 'same-origin', "
        "cache: 'no-store'}).catch(() => {}))"
    )
