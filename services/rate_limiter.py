"""The moving-window rate limiter shared by the brakes on guessing: counted in memory, or
in Redis when the app has one (several workers share the counts)."""

import os

from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

limiter = MovingWindowRateLimiter(
    storage_from_string(os.environ.get("REFLEX_REDIS_URL") or "memory://")
)
