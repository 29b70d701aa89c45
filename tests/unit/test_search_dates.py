"""Date filters of the search on the Paris calendar, at their edges."""

from datetime import UTC, date, datetime

import pytest

from services.errors import DomainError
from services.search_dates import date_range, day_range


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_today_ends_at_paris_midnight():
    # 23:30 UTC on 1 December is already 2 December in Paris.
    result = date_range("today", utc(2026, 12, 1, 23, 30))
    assert result.start == utc(2026, 12, 1, 23, 30)
    assert result.end == utc(2026, 12, 2, 23, 0)


def test_this_week_on_sunday_evening_is_the_last_minute_of_the_week():
    # Sunday 6 December 2026, 23:59 in Paris (22:59 UTC).
    result = date_range("week", utc(2026, 12, 6, 22, 59))
    assert result.end == utc(2026, 12, 6, 23, 0)


def test_this_week_on_monday_at_midnight_is_a_whole_week():
    result = date_range("week", utc(2026, 12, 6, 23, 0))  # Monday 00:00 in Paris
    assert result.start == utc(2026, 12, 6, 23, 0)
    assert result.end == utc(2026, 12, 13, 23, 0)


def test_the_weekend_seen_from_friday_evening_starts_on_saturday():
    result = date_range("weekend", utc(2026, 12, 4, 19, 0))  # Friday 20:00 in Paris
    assert result.start == utc(2026, 12, 4, 23, 0)  # Saturday 00:00
    assert result.end == utc(2026, 12, 6, 23, 0)  # Monday 00:00


def test_the_weekend_seen_from_sunday_is_what_is_left_of_it():
    now = utc(2026, 12, 6, 10, 0)
    result = date_range("weekend", now)
    assert result.start == now
    assert result.end == utc(2026, 12, 6, 23, 0)


def test_the_weekend_across_the_switch_to_summer_time():
    result = date_range("weekend", utc(2026, 3, 25, 12, 0))  # Wednesday
    assert result.start == utc(2026, 3, 27, 23, 0)  # Saturday 00:00, winter time
    assert result.end == utc(2026, 3, 29, 22, 0)  # Monday 00:00, summer time


def test_this_month_ends_on_the_first_of_the_next_one():
    assert date_range("month", utc(2026, 12, 31, 22, 0)).end == utc(2026, 12, 31, 23, 0)
    assert date_range("month", utc(2026, 12, 31, 23, 0)).end == utc(2027, 1, 31, 23, 0)
    assert date_range("month", utc(2027, 2, 10, 8, 0)).end == utc(2027, 2, 28, 23, 0)


def test_an_unknown_preset_is_refused_in_french():
    with pytest.raises(DomainError) as caught:
        date_range("hier", utc(2026, 12, 1, 12, 0))
    assert caught.value.message == "Cette période n'existe pas."


def test_a_range_covers_whole_paris_days_from_now_on():
    now = utc(2026, 12, 1, 12, 0)
    result = day_range(date(2026, 12, 1), date(2026, 12, 3), now)
    assert result.start == now
    assert result.end == utc(2026, 12, 3, 23, 0)
    later = day_range(date(2026, 12, 10), date(2026, 12, 10), now)
    assert (later.start, later.end) == (utc(2026, 12, 9, 23, 0), utc(2026, 12, 10, 23, 0))


@pytest.mark.parametrize(
    ("first", "last", "code"),
    [
        (date(2026, 12, 5), date(2026, 12, 4), "invalid_dates"),
        (date(2026, 11, 1), date(2026, 11, 30), "past_dates"),
        (date(2026, 12, 1), date(2028, 1, 1), "invalid_dates"),
    ],
)
def test_a_bad_range_is_refused(first, last, code):
    with pytest.raises(DomainError) as caught:
        day_range(first, last, utc(2026, 12, 1, 12, 0))
    assert caught.value.code == code
