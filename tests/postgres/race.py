"""Real threads calling services at the same instant, each in its own transaction."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import IntegrityError, OperationalError

from pass_culture import db
from services.errors import DomainError

_WRITES = {"INSERT", "UPDATE", "DELETE"}


@dataclass(frozen=True)
class Outcome:
    """What one concurrent call returned or raised."""

    result: object = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def code(self) -> str | None:
        """The rule's refusal code; None for a success or an unexpected error."""
        return self.error.code if isinstance(self.error, DomainError) else None

    @property
    def crashed(self) -> bool:
        """Failed with something other than a rule's refusal: the database refused a
        conflicting write (a CHECK or unique violation, SQLite's "database is locked").
        Any other exception is a bug, never taken for a race: it fails the test here."""
        if self.error is None or isinstance(self.error, DomainError):
            return False
        conflict = isinstance(self.error, IntegrityError) or (
            isinstance(self.error, OperationalError) and "locked" in str(self.error)
        )
        assert conflict, f"erreur inattendue pendant la course : {self.error!r}"
        return True


def run_together(calls: list[Callable[[], object]], timeout: float = 30) -> list[Outcome]:
    """Start every call at once (threading.Barrier) and wait for all of them."""
    start = threading.Barrier(len(calls))
    outcomes: list[Outcome | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        start.wait()
        try:
            outcomes[index] = Outcome(result=call())
        except Exception as error:
            outcomes[index] = Outcome(error=error)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "appel concurrent bloqué"
    return outcomes


@contextmanager
def widened_race_window(seconds: float = 0.25) -> Iterator[None]:
    """Pause every transaction once before its first write, after its reads.

    Concurrent transactions then all read before any of them writes: without the
    locks the race happens every time instead of by luck. The pause is long enough for a
    thread that starts late on a loaded machine (the tests run beside others) to read too.
    """

    def pause(connection: Connection, _cursor, statement: str, *_args) -> None:
        # Once per transaction, before its first write: ORM flushes and bare-connection
        # statements alike go through here.
        transaction = connection.get_transaction()
        if (
            statement.lstrip()[:6].upper() in _WRITES
            and connection.info.get("race_paused") is not transaction
        ):
            connection.info["race_paused"] = transaction
            time.sleep(seconds)

    event.listen(Engine, "before_cursor_execute", pause)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", pause)


class Background:
    """One call running in a thread of its own, named so that a `Stop` can pick it."""

    def __init__(self, name: str, call: Callable[[], object]):
        self._outcome: Outcome | None = None

        def run() -> None:
            try:
                self._outcome = Outcome(result=call())
            except Exception as error:
                self._outcome = Outcome(error=error)

        self.thread = threading.Thread(target=run, name=name)
        self.thread.start()

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()

    def outcome(self, timeout: float = 30) -> Outcome:
        self.thread.join(timeout)
        assert self.done, f"{self.thread.name} : appel bloqué"
        return self._outcome


class Stop:
    """Holds one thread's transaction at a chosen point until `go()`: before a statement
    (`before`, its first words) or just before the COMMIT of the transaction that ran one
    (`commit_after`). Once only. Other threads run freely: the test starts them while this
    one is held, waits until they queue for its locks (`wait_for_lock_waits`), lets go."""

    def __init__(self, thread_name: str, *, before: str = "", commit_after: str = ""):
        assert bool(before) != bool(commit_after)
        self.thread_name, self.before, self.commit_after = thread_name, before, commit_after
        self.reached, self._go = threading.Event(), threading.Event()

    def go(self) -> None:
        self._go.set()

    def wait_reached(self, timeout: float = 10) -> None:
        assert self.reached.wait(timeout), f"{self.thread_name} n'a pas atteint son arrêt"

    def _mine(self) -> bool:
        return threading.current_thread().name == self.thread_name and not self.reached.is_set()

    def _hold(self) -> None:
        self.reached.set()
        assert self._go.wait(30), f"{self.thread_name} : jamais relâché"

    def _statement(self, connection: Connection, _cursor, statement: str, *_args) -> None:
        if not self._mine():
            return
        words = " ".join(statement.split()).upper()
        if self.before and words.startswith(self.before.upper()):
            self._hold()
        elif self.commit_after and words.startswith(self.commit_after.upper()):
            connection.info["stop_armed"] = True

    def _commit(self, connection: Connection) -> None:
        if connection.info.pop("stop_armed", False) and self._mine():
            self._hold()

    def _rollback(self, connection: Connection) -> None:
        connection.info.pop("stop_armed", None)


@contextmanager
def stopped(stop: Stop) -> Iterator[Stop]:
    listeners = [
        ("before_cursor_execute", stop._statement),
        ("commit", stop._commit),
        ("rollback", stop._rollback),
    ]
    for name, listener in listeners:
        event.listen(Engine, name, listener)
    try:
        yield stop
    finally:
        stop.go()  # never leave a thread held, whatever the test asserted
        for name, listener in listeners:
            event.remove(Engine, name, listener)


def wait_for_lock_waits(*calls: Background, timeout: float = 10) -> None:
    """Until each of these calls has finished or PostgreSQL shows one waiting for a row
    lock per call still running (pg_stat_activity, read in a fresh transaction each time)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        running = sum(not call.done for call in calls)
        with db.get_engine().connect() as connection:
            waiting = connection.execute(query).scalar_one()
        if waiting >= running:
            return
        time.sleep(0.01)
    raise AssertionError("les appels concurrents n'attendent aucun verrou et ne finissent pas")
