"""The counter's brake on guessing (rule B6, no oracle): after 10 unknown codes in
10 minutes, a pro account's lookups are refused until the oldest of them is 10 minutes old."""

import math
import time
from collections.abc import Callable
from typing import TypeVar

from limits import parse

from services.errors import DomainError, NotFound
from services.rate_limiter import limiter as _limiter

UNKNOWN_CODES = parse("10 per 10 minutes")
T = TypeVar("T")


class TooManyUnknownCodes(DomainError):
    def __init__(self, minutes: int):
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(
            "too_many_unknown_codes",
            f"Trop de codes inconnus : réessayez dans {minutes} {unit}.",
        )
        self.minutes = minutes


def _check(key: str) -> None:
    if not _limiter.test(UNKNOWN_CODES, key):
        reset_at, _remaining = _limiter.get_window_stats(UNKNOWN_CODES, key)
        raise TooManyUnknownCodes(max(1, math.ceil((reset_at - time.time()) / 60)))


def limited(pro_user_id: int, call: Callable[..., T], *args, **kwargs) -> T:
    """`call` (a services.counter function taking the pro and a code), refused while the
    pro is over the limit; an unknown code counts towards it."""
    key = f"counter-unknown-{pro_user_id}"
    _check(key)
    try:
        return call(pro_user_id, *args, **kwargs)
    except NotFound as refusal:
        if refusal.code == "unknown_code":
            _limiter.hit(UNKNOWN_CODES, key)
        raise


def reset() -> None:
    """Forgets every count (tests)."""
    _limiter.storage.reset()
