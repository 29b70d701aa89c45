"""Live bookings pages (ARCHITECTURE.md, "Live fan-out"): one listener per backend
process reads the bookings' change log (written by database triggers, whoever changed
the booking) every 0.5 s and bumps the version of each structure concerned on the open
bookings pages of that structure served by this process; a page seeing its version
change re-reads its rows.

The database load is one query per poll, whatever the number of open pages. Each
backend process runs its own listener and serves its own pages (a page's events are
handled where its websocket is), so an event reaches every page once.

Why the pages are not linked to an `rx.SharedState` of the structure: Reflex then
patches the shared state into every event of every linked page, under the shared
state's lock, so all the pages of a structure wait for one another (measured: 30 pages
of one structure spent 1.1 to 1.4 s queueing for that lock after each booking). Here
each page's state is changed under its own lock only.
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
# How often the pages whose websocket is gone are forgotten.
UPKEEP_SECONDS = 300.0


class LiveVersion(rx.State):
    """A page's copy of its structure's version: the only var the listener changes (the
    page's hidden live element is keyed on it). No event handler: only the listener and
    the page's own state change it."""

    version: int = 0


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
    """Event ids grouped by structure: one push per structure."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for event in events:
        grouped[event.offerer_id].append(event.id)
    return dict(grouped)


# This process's open bookings pages (their tabs' client tokens) by structure, and the
# structures each tab follows (a pro may belong to several).
_pages: dict[int, set[str]] = defaultdict(set)
_followed: dict[str, tuple[int, ...]] = {}
# Each structure's version in this process (bumped by new events) and its last event.
_versions: dict[int, int] = {}
_pushed: dict[int, int] = {}


def version_of(offerer_id: int) -> int:
    return _versions.get(offerer_id, 0)


def pushed_event(offerer_id: int) -> int:
    """The last event of the structure pushed by this process's listener (0: none)."""
    return _pushed.get(offerer_id, 0)


def last_events(offerer_ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(pushed_event(offerer_id) for offerer_id in offerer_ids)


def version_for(client_token: str) -> int:
    """A tab's version: the sum of its structures' (each only grows)."""
    return sum(version_of(offerer_id) for offerer_id in _followed.get(client_token, ()))


def _forget(client_token: str) -> None:
    for offerer_id in _followed.pop(client_token, ()):
        _pages[offerer_id].discard(client_token)
        if not _pages[offerer_id]:
            del _pages[offerer_id]


def watch(offerer_ids: Iterable[int], client_token: str) -> int:
    """A bookings page opened (or opened again) in this tab: it gets the changes of
    these structures from now on, in place of those it followed. Returns its version."""
    _forget(client_token)
    _followed[client_token] = tuple(sorted(offerer_ids))
    for offerer_id in _followed[client_token]:
        _pages[offerer_id].add(client_token)
    return version_for(client_token)


def _take(offerer_id: int, event_ids: list[int]) -> None:
    """Count the structure's new events (the cursor gives each once)."""
    _pushed[offerer_id] = max([*event_ids, pushed_event(offerer_id)])
    _versions[offerer_id] = version_of(offerer_id) + 1


async def _tell(app: rx.App, client_token: str, version: int) -> None:
    async with app.modify_state(rx.BaseStateToken(ident=client_token, cls=LiveVersion)) as state:
        (await state.get_state(LiveVersion)).version = version


async def push(app: rx.App, offerer_id: int, event_ids: list[int]) -> None:
    """Bump the structure's version and tell its pages, each under its own lock."""
    _take(offerer_id, event_ids)
    tokens = app.event_namespace._token_manager if app.event_namespace else None
    pages = list(_pages.get(offerer_id, ()))
    connected = [t for t in pages if tokens is not None and await tokens.is_token_connected(t)]
    results = await asyncio.gather(
        *(_tell(app, token, version_for(token)) for token in connected), return_exceptions=True
    )
    for token, result in zip(connected, results, strict=True):
        if isinstance(result, Exception):
            logger.warning("live bookings: page %s not told: %s", token, result)


async def upkeep(app: rx.App) -> None:
    """Forget the pages whose websocket is gone."""
    tokens = app.event_namespace._token_manager if app.event_namespace else None
    for client_token in list(_followed):
        if tokens is None or not await tokens.is_token_connected(client_token):
            _forget(client_token)


async def listen(app: rx.App) -> None:
    """The listener: poll the log off the event loop, push to the pages concerned."""
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
    change makes every open page of the structure re-read its rows, and the pages
    asking the same (same key) share the first read, while it runs and for `ttl`
    seconds after (the bound on how stale a shared result can be)."""

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
            entry[1].add_done_callback(lambda done: self._drop_failed(key, done))
        # Shielded: a caller cancelled does not cancel the read the others wait for.
        return await asyncio.shield(entry[1])

    def _drop_failed(self, key: Hashable, done: asyncio.Future) -> None:
        """A read that failed is not kept: the next caller tries again."""
        if not done.cancelled() and done.exception() is not None:
            if self._reads.get(key, (0, None))[1] is done:
                del self._reads[key]


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
