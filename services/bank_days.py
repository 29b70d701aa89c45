"""The days SEPA transfers are settled: TARGET2's calendar (the euro payment system is
closed on weekends, 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December),
from the `holidays` library's ECB calendar."""

from datetime import date, timedelta

import holidays

_TARGET2_CLOSED = holidays.financial_holidays("XECB")  # fills itself year by year


def is_bank_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _TARGET2_CLOSED


def bank_day_from(day: date) -> date:
    """`day` itself if TARGET2 settles on it, else the next day it does."""
    while not is_bank_day(day):
        day += timedelta(days=1)
    return day
