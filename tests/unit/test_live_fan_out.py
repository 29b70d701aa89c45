"""The live listener's fan-out (state/pro/live.py): where it is in the log, the ids it
waits for, one version bump per structure and poll, told to the structure's open pages
of this process only, and the reads those pages share."""

import asyncio
import contextlib
import time

import pytest
from reflex.state import State

import pass_culture.pass_culture  # noqa: F401  (the app's states, as the server has them)
from services.booking_events import Event
from state.pro import live
from state.pro.live import EventCursor, LiveVersion, by_structure


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


class FakeTokens:
    def __init__(self):
        self.connected: set[str] = set()

    async def is_token_connected(self, token: str) -> bool:
        return token in self.connected


class FakeApp:
    """What the listener needs of the app: modify_state on a tab, its websockets."""

    def __init__(self):
        self.trees: dict[str, State] = {}
        self.modified: list[str] = []
        self.tokens = FakeTokens()
        self.event_namespace = type("Namespace", (), {"_token_manager": self.tokens})()

    @contextlib.asynccontextmanager
    async def modify_state(self, token):
        assert token.cls is LiveVersion
        self.modified.append(token.ident)
        yield self.trees.setdefault(token.ident, State(_reflex_internal_init=True))

    def open(self, offerer_id: int | list[int], tab: str) -> int:
        self.tokens.connected.add(tab)
        return live.watch(offerer_id if isinstance(offerer_id, list) else [offerer_id], tab)

    async def version(self, tab: str) -> int:
        return (await self.trees[tab].get_state(LiveVersion)).version


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setattr(live, "_pages", live.defaultdict(set))
    monkeypatch.setattr(live, "_followed", {})
    monkeypatch.setattr(live, "_versions", {})
    monkeypatch.setattr(live, "_pushed", {})
    return FakeApp()


def test_a_change_is_told_to_the_structures_open_pages_only(app):
    assert app.open(7, "tab-a") == 0
    app.open(7, "tab-b")
    app.open(8, "tab-c")
    app.open(7, "tab-gone")
    app.tokens.connected.discard("tab-gone")  # its websocket closed

    async def scenario():
        await live.push(app, 7, [1, 3])
        return [await app.version(tab) for tab in ("tab-a", "tab-b")]

    assert asyncio.run(scenario()) == [1, 1]
    assert sorted(app.modified) == ["tab-a", "tab-b"]
    assert (live.version_of(7), live.version_of(8), live.pushed_event(7)) == (1, 0, 3)
    # A late id (below the last one pushed) is a change too: the cursor gives it once.
    asyncio.run(live.push(app, 7, [2]))
    assert (live.version_of(7), live.pushed_event(7)) == (2, 3)
    # A page opened now starts from the current version.
    assert app.open(7, "tab-d") == 2


def test_a_tab_follows_the_structure_of_the_page_it_shows_last(app):
    app.open(7, "tab-a")
    app.open(8, "tab-a")
    asyncio.run(live.push(app, 7, [1]))
    assert app.modified == []
    asyncio.run(live.push(app, 8, [2]))
    assert app.modified == ["tab-a"]


def test_upkeep_forgets_closed_pages_and_empty_structures(app):
    app.open(5, "tab-1")
    app.open(5, "tab-2")
    app.open(6, "tab-3")
    app.tokens.connected -= {"tab-2", "tab-3"}
    asyncio.run(live.upkeep(app))
    assert dict(live._pages) == {5: {"tab-1"}}
    assert live._followed == {"tab-1": (5,)}


def test_a_pro_of_several_structures_follows_them_all(app):
    assert app.open([8, 7], "tab-a") == 0

    async def scenario():
        await live.push(app, 7, [1])
        first = await app.version("tab-a")
        await live.push(app, 8, [2])
        await live.push(app, 9, [3])  # not one of the pro's
        return first, await app.version("tab-a")

    assert asyncio.run(scenario()) == (1, 2)
    assert live.last_events([7, 8, 9]) == (1, 2, 3)
    assert app.modified == ["tab-a", "tab-a"]


def test_the_listener_polls_and_pushes_until_stopped(app, monkeypatch):
    app.open(7, "tab-a")
    app.open(9, "tab-b")
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
        return await app.version("tab-a"), await app.version("tab-b")

    assert asyncio.run(scenario()) == (1, 1)
    assert polls[0] == (4, {}) and polls[-1] == (6, {})
    assert app.modified == ["tab-a", "tab-b"]  # nothing new afterwards: nobody told
    assert len(polls) > 5


@pytest.mark.parametrize("failures", [1, 3])
def test_a_failing_poll_does_not_stop_the_listener(app, monkeypatch, failures):
    app.open(7, "tab-a")
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
        return await app.version("tab-a")

    assert asyncio.run(scenario()) == 1


def test_pages_asking_the_same_at_once_share_one_read():
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


def test_a_failed_shared_read_is_not_kept():
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("database unreachable")
        return "rows"

    async def scenario():
        shared = live.SharedReads(ttl=60)
        with pytest.raises(OSError):
            await shared.read("a", flaky)
        await asyncio.sleep(0)  # the failed read's callback
        return await shared.read("a", flaky)

    assert asyncio.run(scenario()) == "rows"
    assert len(calls) == 2
