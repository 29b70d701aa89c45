"""Real threads calling services at the same instant, each in its own transaction."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import IntegrityError, OperationalError

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
