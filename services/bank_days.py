"""The days SEPA transfers are settled: TARGET2's calendar (the euro payment system is
closed on weekends, 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December)."""

from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """The Gregorian Easter (Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def is_bank_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    easter = easter_sunday(day.year)
    closed = {
        date(day.year, 1, 1),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        date(day.year, 5, 1),
        date(day.year, 12, 25),
        date(day.year, 12, 26),
    }
    return day not in closed


def bank_day_from(day: date) -> date:
    """`day` itself if TARGET2 settles on it, else the next day it does."""
    while not is_bank_day(day):
        day += timedelta(days=1)
    return day
