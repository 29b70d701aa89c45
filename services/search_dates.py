"""The date filters of the discovery search, computed on the Paris calendar and returned
as UTC bounds for `SearchQuery(date_from=..., date_to=...)` (end excluded).

Choices (pcapi-facts §6 lists the presets, not their edges):
- every preset starts now: what has begun cannot be booked anyway;
- "Cette semaine" ends on the coming Monday at 00:00 (on Sunday at 23:59 one minute is
  left; on Monday at 00:00 a whole week);
- "Ce week-end" is Saturday 00:00 → Monday 00:00; on a weekday it is the coming weekend,
  during the weekend what is left of it;
- "Ce mois-ci" ends on the first of the next month at 00:00;
- a range covers whole Paris days, its last day included.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from pass_culture import clock
from services.errors import DomainError

PRESETS: dict[str, str] = {
    "today": "Aujourd'hui",
    "week": "Cette semaine",
    "weekend": "Ce week-end",
    "month": "Ce mois-ci",
}
MAX_RANGE_DAYS = 366
SATURDAY = 5


@dataclass(frozen=True)
class DateRange:
    start: datetime  # UTC, included
    end: datetime  # UTC, excluded


def _midnight(day: date) -> datetime:
    """00:00 in Paris on `day`, in UTC."""
    return datetime.combine(day, time(), tzinfo=clock.PARIS).astimezone(UTC)


def date_range(preset: str, now: datetime) -> DateRange:
    """The bounds of a preset ("today", "week", "weekend", "month") seen from `now`."""
    today = clock.to_paris(now).date()
    if preset == "today":
        start, end = now, _midnight(today + timedelta(days=1))
    elif preset == "week":
        start, end = now, _midnight(today + timedelta(days=7 - today.weekday()))
    elif preset == "weekend":
        saturday = today + timedelta(days=(SATURDAY - today.weekday()) % 7)
        if today.weekday() == 6:  # Sunday: the weekend under way
            saturday = today - timedelta(days=1)
        start = max(now, _midnight(saturday))
        end = _midnight(saturday + timedelta(days=2))
    elif preset == "month":
        first_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        start, end = now, _midnight(first_next)
    else:
        raise DomainError("invalid_date_preset", "Cette période n'existe pas.")
    return DateRange(start.astimezone(UTC), end)


def day_range(first: date, last: date, now: datetime) -> DateRange:
    """Whole Paris days from `first` to `last` (included), never before `now`."""
    if last < first:
        raise DomainError("invalid_dates", "La date de fin doit suivre la date de début.")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise DomainError("invalid_dates", "Choisis une période d'un an au plus.")
    end = _midnight(last + timedelta(days=1))
    if end <= now:
        raise DomainError("past_dates", "Ces dates sont passées : choisis des jours à venir.")
    return DateRange(max(now.astimezone(UTC), _midnight(first)), end)
