"""Live bookings pages (ARCHITECTURE.md, "Live fan-out"): one listener per backend
process reads the bookings' change log (written by database triggers, whoever changed
the booking) every 0.5 s and bumps the feed of each structure concerned; the bookings
pages linked to that feed see its version change and re-read their rows.

The database load is one query per poll, whatever the number of open pages. Several
backend processes each run a listener: a feed counts each event once (by id), so the
second push of an event changes nothing.
"""

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Hashable, Iterable
from typing import Any

import reflex as rx

from services import booking_events
from services.booking_events import Event

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
# PostgreSQL gives ids out at insert time: a transaction may commit an id below one
# already read. Such a skipped id is looked for again until it appears or this long has
# passed (a rolled back transaction never fills it).
GAP_SECONDS = 30.0
MAX_GAPS = 1000
SEEN_KEPT = 256  # event ids a feed remembers to count each once
# How often the feeds of open pages are visited: disconnected pages are unlinked, and the
# visit keeps a feed from expiring (Reflex drops a state left alone for an hour).
UPKEEP_SECONDS = 300.0


def feed_token(offerer_id: int) -> str:
    return f"offerer-{offerer_id}"  # no "_" in a link token


class _FeedDeltaFilter(logging.Filter):
    """A feed changed by its own token has no socket: Reflex's warning about the delta it
    cannot send there says nothing (the linked pages get theirs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "disconnected client 'offerer-" not in record.getMessage()


logging.getLogger("reflex.app").addFilter(_FeedDeltaFilter())


class BookingFeed(rx.SharedState):
    """One per structure, shared by its open bookings pages. Kept tiny (it is sent to
    every linked page at each change) and without event handlers: only the listener
    changes it."""

    version: int = 0
    _seen: list[int] = []

    def _take(self, event_ids: Iterable[int]) -> bool:
        """Count the events not seen yet; True when the version moved."""
        new = [event_id for event_id in event_ids if event_id not in self._seen]
        if not new:
            return False
        self._seen = (self._seen + new)[-SEEN_KEPT:]
        self.version += 1
        return True


class EventCursor:
    """Where a listener is in the log: the last id read and the ids skipped below it."""

    def __init__(self, last_id: int):
        self.last_id = last_id
        self.gaps: dict[int, float] = {}  # skipped id → when to stop waiting for it

    def take(self, events: Iterable[Event], now: float) -> list[Event]:
        """The events not taken before, in order; remembers the ids skipped."""
        fresh = []
        for event in events:
            if self.gaps.pop(event.id, None) is not None:
                fresh.append(event)
            elif event.id > self.last_id:
                skipped = range(self.last_id + 1, event.id)
                if len(self.gaps) + len(skipped) <= MAX_GAPS:
                    self.gaps.update(dict.fromkeys(skipped, now + GAP_SECONDS))
                self.last_id = event.id
                fresh.append(event)
        self.gaps = {event_id: until for event_id, until in self.gaps.items() if until > now}
        return fresh


def by_structure(events: Iterable[Event]) -> dict[int, list[int]]:
    """Event ids grouped by structure: one push per feed."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for event in events:
        grouped[event.offerer_id].append(event.id)
    return dict(grouped)


# The structures with a page open in this process (last link or visit, monotonic time).
_watched: dict[int, float] = {}
# The last event id this process pushed to each structure's feed.
_pushed: dict[int, int] = {}


def pushed_event(offerer_id: int) -> int:
    """The last event of the structure pushed by this process's listener (0: none)."""
    return _pushed.get(offerer_id, 0)


def watch(offerer_id: int) -> None:
    """Called by a page linking to the structure's feed: keep that feed alive."""
    _watched[offerer_id] = time.monotonic()


def _modify_feed(app: rx.App, offerer_id: int):
    token = rx.BaseStateToken(ident=feed_token(offerer_id), cls=BookingFeed)
    return app.modify_state(token)


async def push(app: rx.App, offerer_id: int, event_ids: list[int]) -> None:
    _pushed[offerer_id] = max(event_ids + [pushed_event(offerer_id)])
    async with _modify_feed(app, offerer_id) as state:
        feed = await state.get_state(BookingFeed)
        feed._take(event_ids)


async def upkeep(app: rx.App) -> None:
    """Unlink the pages that are gone; forget the structures without any page left."""
    tokens = app.event_namespace._token_manager if app.event_namespace else None
    for offerer_id in list(_watched):
        async with _modify_feed(app, offerer_id) as state:
            feed = await state.get_state(BookingFeed)
            gone = set()
            for client in list(feed._linked_from):
                if tokens is None or not await tokens.is_token_connected(client):
                    gone.add(client)
            if gone:
                feed._linked_from = feed._linked_from - gone
            if not feed._linked_from:
                _watched.pop(offerer_id, None)


async def listen(app: rx.App) -> None:
    """The listener: poll the log off the event loop, push to the feeds concerned."""
    cursor = EventCursor(await asyncio.to_thread(booking_events.latest_event_id))
    next_upkeep = time.monotonic() + UPKEEP_SECONDS
    while True:
        try:
            events = await asyncio.to_thread(
                booking_events.events_after, cursor.last_id, cursor.gaps
            )
            fresh = cursor.take(events, time.monotonic())
            for offerer_id, event_ids in by_structure(fresh).items():
                await push(app, offerer_id, event_ids)
            if time.monotonic() >= next_upkeep:
                next_upkeep = time.monotonic() + UPKEEP_SECONDS
                await upkeep(app)
        except Exception:  # a database hiccup must not end live updates for good
            logger.exception("live bookings listener: poll failed, retrying")
        await asyncio.sleep(POLL_SECONDS)


class SharedReads:
    """One database read for the pages that ask the same thing at the same moment: a
    feed change makes every linked page re-read its rows, and pages showing the same
    rows (same pro, filters and page, same last event) share the first read, while it
    runs and for `ttl` seconds after (the bound on how stale a shared result can be)."""

    def __init__(self, ttl: float = 1.0):
        self.ttl = ttl
        self._reads: dict[Hashable, tuple[float, asyncio.Future]] = {}

    async def read(self, key: Hashable, call: Callable[[], Any]) -> Any:
        now = time.monotonic()
        entry = self._reads.get(key)
        if entry is None or entry[0] <= now:
            self._reads = {k: e for k, e in self._reads.items() if e[0] > now}
            entry = (now + self.ttl, asyncio.ensure_future(asyncio.to_thread(call)))
            self._reads[key] = entry
        # Shielded: a caller cancelled does not cancel the read the others wait for.
        return await asyncio.shield(entry[1])


@contextlib.asynccontextmanager
async def listener_lifespan(app: rx.App) -> AsyncIterator[None]:
    """Reflex lifespan task: one listener per backend process while the app runs."""
    task = asyncio.create_task(listen(app), name="live-bookings-listener")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
