"""Timetables of events: "every Friday from 6 to 27 March at 20:30" as the dates of its
showings, reckoned in the venue's local time and stored in UTC (rule F2)."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from services.errors import DomainError

# Showings added at once (a cinema's season of daily showings stays well below).
MAX_DATES = 200
MAX_SPAN = timedelta(days=366)
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_TIME = re.compile(r"(\d{1,2})(?:[:hH](\d{2})?)?")


@dataclass(frozen=True)
class Timetable:
    first_day: date
    last_day: date  # included
    times: tuple[time, ...]  # local wall-clock times
    weekdays: frozenset[int] = frozenset()  # 0 = Monday; empty = every day


def parse_day(raw: str, label: str) -> date:
    """A date field of the form (`YYYY-MM-DD`, as `<input type="date">` sends it)."""
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise DomainError("invalid_day", f"Indiquez {label} (jj/mm/aaaa).") from None


def parse_times(raw: str) -> tuple[time, ...]:
    """ "20:30", "20h30, 15h", "9:00 ; 14:00" → the times, sorted, without repeats."""
    pieces = [p for p in re.split(r"[,;\s]+", str(raw).strip()) if p]
    if not pieces:
        raise DomainError("times_required", "Indiquez au moins un horaire, par exemple 20:30.")
    times = set()
    for piece in pieces:
        match = _TIME.fullmatch(piece)
        hour, minute = (int(match[1]), int(match[2] or 0)) if match else (99, 99)
        if hour > 23 or minute > 59:
            raise DomainError(
                "invalid_time", f"L'horaire « {piece} » n'est pas valide (ex. : 20:30)."
            )
        times.add(time(hour, minute))
    return tuple(sorted(times))


def _local(day: date, at: time, zone: tzinfo) -> datetime:
    """`day` at `at` in `zone`, in UTC; refused when the clocks skip that hour (DST).

    A time that happens twice (clocks going back) is the first of the two.
    """
    moment = datetime.combine(day, at, tzinfo=zone)
    utc = moment.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise DomainError(
            "time_skipped",
            f"{at:%H:%M} n'existe pas le {day:%d/%m/%Y} : on passe à l'heure d'été. "
            "Choisissez un autre horaire.",
        )
    return utc


def expand(timetable: Timetable, zone: tzinfo) -> list[datetime]:
    """The UTC start of every showing, in order; refused when empty or too many."""
    if timetable.last_day < timetable.first_day:
        raise DomainError(
            "timetable_reversed", "La date de fin doit suivre (ou égaler) la date de début."
        )
    if timetable.last_day - timetable.first_day > MAX_SPAN:
        raise DomainError("timetable_too_long", "Un calendrier couvre au plus un an.")
    if not timetable.times:
        raise DomainError("times_required", "Indiquez au moins un horaire, par exemple 20:30.")
    days = (
        timetable.first_day + timedelta(days=n)
        for n in range((timetable.last_day - timetable.first_day).days + 1)
    )
    chosen = [d for d in days if not timetable.weekdays or d.weekday() in timetable.weekdays]
    if not chosen:
        raise DomainError(
            "timetable_empty", "Aucun jour de la période ne correspond aux jours cochés."
        )
    if len(chosen) * len(timetable.times) > MAX_DATES:
        raise DomainError(
            "timetable_too_many",
            f"Ce calendrier donne {len(chosen) * len(timetable.times)} dates : "
            f"{MAX_DATES} au plus à la fois.",
        )
    return [_local(day, at, zone) for day in chosen for at in timetable.times]
