"""Time: stored as timezone-aware UTC, reasoned about in Europe/Paris."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_paris(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)
