"""The live listener's fan-out (state/pro/live.py): where it is in the log, the ids it
waits for, one push per structure, and a feed that counts each event once whichever
backend process pushes it."""

import asyncio
import contextlib
import time

import pytest
import reflex as rx
from reflex.state import State

import pass_culture.pass_culture  # noqa: F401  (the app's states, as the server has them)
from services.booking_events import Event
from state.pro import live
from state.pro.live import BookingFeed, EventCursor, by_structure, feed_token


def _event(event_id: int, offerer_id: int = 7) -> Event:
    return Event(event_id, offerer_id, booking_id=100 + event_id, kind="created")


def test_the_cursor_takes_new_events_once():
    cursor = EventCursor(last_id=10)
    assert cursor.take([_event(9), _event(11), _event(12)], now=0) == [_event(11), _event(12)]
    assert cursor.last_id == 12
    assert cursor.take([_event(11), _event(12)], now=1) == []
    assert cursor.gaps == {}


def test_an_id_committed_late_is_still_taken_until_the_wait_is_over():
    # PostgreSQL: 13 was handed out before 14 but its transaction commits after.
    cursor = EventCursor(last_id=12)
    assert cursor.take([_event(14), _event(16)], now=100) == [_event(14), _event(16)]
    assert set(cursor.gaps) == {13, 15}
    assert cursor.take([_event(13)], now=101) == [_event(13)]
    assert set(cursor.gaps) == {15}
    # A rolled back transaction never fills 15: given up after GAP_SECONDS.
    assert cursor.take([], now=100 + live.GAP_SECONDS + 1) == []
    assert cursor.gaps == {}
    assert cursor.take([_event(15)], now=200) == []


def test_a_huge_jump_is_not_waited_for_id_by_id():
    cursor = EventCursor(last_id=1)
    cursor.take([_event(1 + live.MAX_GAPS + 5)], now=0)
    assert cursor.gaps == {}
    assert cursor.last_id == live.MAX_GAPS + 6


def test_events_are_grouped_by_structure_in_order():
    events = [_event(1, 7), _event(2, 8), _event(3, 7)]
    assert by_structure(events) == {7: [1, 3], 8: [2]}
    assert feed_token(7) == "offerer-7"
    assert "_" not in feed_token(123)  # Reflex refuses "_" in a link token


class FakeApp:
    """What the listener needs of the app: modify_state on a token, one state tree each."""

    def __init__(self):
        self.trees: dict[str, State] = {}
        self.modified: list[str] = []

    @contextlib.asynccontextmanager
    async def modify_state(self, token):
        assert token.cls is BookingFeed
        self.modified.append(token.ident)
        yield self.trees.setdefault(token.ident, State(_reflex_internal_init=True))

    async def version(self, offerer_id: int) -> int:
        return (await self.trees[feed_token(offerer_id)].get_state(BookingFeed)).version


def test_one_poll_pushes_once_per_structure_and_a_second_process_changes_nothing():
    app = FakeApp()

    async def scenario():
        for offerer_id, ids in by_structure([_event(1, 7), _event(2, 8), _event(3, 7)]).items():
            await live.push(app, offerer_id, ids)
        assert app.modified == ["offerer-7", "offerer-8"]
        assert (await app.version(7), await app.version(8)) == (1, 1)
        # Another backend process pushes the same events: each is counted once.
        await live.push(app, 7, [1, 3])
        assert await app.version(7) == 1
        await live.push(app, 7, [3, 4])
        assert await app.version(7) == 2

    asyncio.run(scenario())


def test_a_feed_remembers_a_bounded_number_of_events():
    async def scenario():
        feed = await State(_reflex_internal_init=True).get_state(BookingFeed)
        assert feed._take(range(1, live.SEEN_KEPT + 50))
        assert len(feed._seen) == live.SEEN_KEPT
        assert not feed._take([live.SEEN_KEPT + 49])
        return feed.version

    assert asyncio.run(scenario()) == 1


def test_the_listener_polls_and_pushes_until_stopped(monkeypatch):
    app = FakeApp()
    polls: list[tuple[int, dict]] = []
    log = [_event(5, 7), _event(6, 9)]

    def events_after(last_id, gaps):
        polls.append((last_id, dict(gaps)))
        return [event for event in log if event.id > last_id]

    monkeypatch.setattr(live.booking_events, "latest_event_id", lambda: 4)
    monkeypatch.setattr(live.booking_events, "events_after", events_after)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.01)

    async def scenario():
        async with live.listener_lifespan(app):
            await asyncio.sleep(0.2)
        return await app.version(7), await app.version(9)

    assert asyncio.run(scenario()) == (1, 1)
    assert polls[0] == (4, {}) and polls[-1] == (6, {})
    assert app.modified == ["offerer-7", "offerer-9"]  # nothing new: no push
    assert len(polls) > 5


@pytest.mark.parametrize("failures", [1, 3])
def test_a_failing_poll_does_not_stop_the_listener(monkeypatch, failures):
    app = FakeApp()
    calls = []

    def events_after(last_id, gaps):
        calls.append(last_id)
        if len(calls) <= failures:
            raise OSError("database unreachable")
        return [_event(2, 7)]

    monkeypatch.setattr(live.booking_events, "latest_event_id", lambda: 1)
    monkeypatch.setattr(live.booking_events, "events_after", events_after)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.01)

    async def scenario():
        async with live.listener_lifespan(app):
            await asyncio.sleep(0.2)
        return await app.version(7)

    assert asyncio.run(scenario()) == 1


def test_pages_asking_the_same_at_once_share_one_read(monkeypatch):
    reads = []

    def read(value):
        reads.append(value)
        time.sleep(0.05)
        return value

    async def scenario():
        shared = live.SharedReads(ttl=0.2)
        same = await asyncio.gather(*(shared.read("a", lambda: read("a")) for _ in range(50)))
        other = await shared.read("b", lambda: read("b"))
        again = await shared.read("a", lambda: read("a"))  # within the ttl: shared
        await asyncio.sleep(0.25)
        fresh = await shared.read("a", lambda: read("a"))  # past it: read again
        return same, other, again, fresh

    same, other, again, fresh = asyncio.run(scenario())
    assert same == ["a"] * 50 and (other, again, fresh) == ("b", "a", "a")
    assert reads == ["a", "b", "a"]


def test_the_listener_remembers_what_it_pushed_per_structure():
    app = FakeApp()
    asyncio.run(live.push(app, 41, [10, 12]))
    asyncio.run(live.push(app, 41, [11]))  # a late id: the last pushed stays 12
    assert (live.pushed_event(41), live.pushed_event(42)) == (12, 0)


class FakeTokens:
    def __init__(self, connected: set[str]):
        self.connected = connected

    async def is_token_connected(self, token: str) -> bool:
        return token in self.connected


def test_upkeep_unlinks_closed_pages_and_forgets_structures_without_any(monkeypatch):
    app = FakeApp()
    app.event_namespace = type("Namespace", (), {"_token_manager": FakeTokens({"tab-1"})})()
    monkeypatch.setattr(live, "_watched", {})

    async def scenario():
        for offerer_id, tabs in ((5, {"tab-1", "tab-2"}), (6, {"tab-3"})):
            live.watch(offerer_id)
            async with app.modify_state(
                rx.BaseStateToken(ident=feed_token(offerer_id), cls=BookingFeed)
            ) as state:
                (await state.get_state(BookingFeed))._linked_from = set(tabs)
        await live.upkeep(app)
        feeds = [await app.trees[feed_token(i)].get_state(BookingFeed) for i in (5, 6)]
        return [feed._linked_from for feed in feeds]

    assert asyncio.run(scenario()) == [{"tab-1"}, set()]
    assert set(live._watched) == {5}
