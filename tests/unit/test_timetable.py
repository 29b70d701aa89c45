"""Timetables of events (rule F2): local times in the venue's zone, stored in UTC."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pass_culture.clock import PARIS
from services import timetable
from services.errors import DomainError
from services.timetable import Timetable, expand, parse_times

FRIDAY = 4


def _refused(code: str, call, *args) -> str:
    with pytest.raises(DomainError) as caught:
        call(*args)
    assert caught.value.code == code
    return caught.value.message


def test_every_friday_of_march_2026_at_20_30_follows_the_change_to_summer_time():
    # Clocks go forward on Sunday 29 March 2026: 20:30 is 19:30 UTC before, 18:30 after.
    starts = expand(
        Timetable(date(2026, 3, 1), date(2026, 3, 31), (time(20, 30),), frozenset({FRIDAY})),
        PARIS,
    )
    assert starts == [
        datetime(2026, 3, 6, 19, 30, tzinfo=UTC),
        datetime(2026, 3, 13, 19, 30, tzinfo=UTC),
        datetime(2026, 3, 20, 19, 30, tzinfo=UTC),
        datetime(2026, 3, 27, 19, 30, tzinfo=UTC),
    ]
    april = expand(Timetable(date(2026, 4, 3), date(2026, 4, 3), (time(20, 30),)), PARIS)
    assert april == [datetime(2026, 4, 3, 18, 30, tzinfo=UTC)]


def test_the_last_day_is_included_and_times_are_in_order():
    starts = expand(
        Timetable(date(2026, 10, 24), date(2026, 10, 25), (time(15, 0), time(20, 30))), PARIS
    )
    # 25 October 2026: back to winter time (UTC+1) on the last day.
    assert starts == [
        datetime(2026, 10, 24, 13, 0, tzinfo=UTC),
        datetime(2026, 10, 24, 18, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 14, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 19, 30, tzinfo=UTC),
    ]


def test_a_time_the_clocks_skip_is_refused_and_a_repeated_one_is_the_first():
    message = _refused(
        "time_skipped",
        expand,
        Timetable(date(2026, 3, 29), date(2026, 3, 29), (time(2, 30),)),
        PARIS,
    )
    assert "02:30 n'existe pas le 29/03/2026" in message
    (repeated,) = expand(Timetable(date(2026, 10, 25), date(2026, 10, 25), (time(2, 30),)), PARIS)
    assert repeated == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still summer time


def test_an_overseas_venue_counts_in_its_own_zone():
    (start,) = expand(
        Timetable(date(2026, 3, 6), date(2026, 3, 6), (time(20, 0),)), ZoneInfo("Indian/Reunion")
    )
    assert start == datetime(2026, 3, 6, 16, 0, tzinfo=UTC)


def test_timetables_that_give_nothing_or_too_much_are_refused():
    one_day = (time(20, 0),)
    _refused(
        "timetable_reversed", expand, Timetable(date(2026, 3, 2), date(2026, 3, 1), one_day), PARIS
    )
    _refused(
        "timetable_empty",
        expand,
        Timetable(date(2026, 3, 2), date(2026, 3, 5), one_day, frozenset({FRIDAY})),
        PARIS,
    )
    too_many = Timetable(date(2026, 1, 1), date(2026, 12, 31), one_day)
    assert "365 dates" in _refused("timetable_too_many", expand, too_many, PARIS)
    _refused(
        "timetable_too_long", expand, Timetable(date(2026, 1, 1), date(2027, 1, 3), one_day), PARIS
    )
    assert len(expand(Timetable(date(2026, 1, 1), date(2026, 7, 19), one_day), PARIS)) == 200


def test_times_are_read_as_people_type_them():
    assert parse_times("20h30, 15h ; 9:05 20:30") == (time(9, 5), time(15, 0), time(20, 30))
    _refused("times_required", parse_times, " ")
    assert "« 25:00 »" in _refused("invalid_time", parse_times, "20:30, 25:00")
    _refused("invalid_time", parse_times, "midi")
    _refused("invalid_day", timetable.parse_day, "31/02/2026", "la première date")
