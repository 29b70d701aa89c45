"""Real threads calling services at the same instant, each in its own transaction."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.orm import Session

from services.errors import DomainError


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
        """Failed with something other than a rule's refusal (database error…)."""
        return self.error is not None and not isinstance(self.error, DomainError)


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
def widened_race_window(seconds: float = 0.05) -> Iterator[None]:
    """Pause every transaction once before its first write, after its reads.

    Concurrent transactions then all read before any of them writes: without the
    locks the race happens every time instead of by luck.
    """

    def pause(session: Session, _flush_context, _instances) -> None:
        if not session.info.get("race_paused"):
            session.info["race_paused"] = True
            time.sleep(seconds)

    event.listen(Session, "before_flush", pause)
    try:
        yield
    finally:
        event.remove(Session, "before_flush", pause)
