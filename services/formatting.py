"""Amounts and dates as French readers expect them (messages, emails, pages)."""

from datetime import date, datetime, tzinfo

from pass_culture import clock

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def thousands(number: int) -> str:
    """20000 → "20 000": thousands separated by a narrow no-break space."""
    return f"{number:,}".replace(",", "\u202f")


def euros(cents: int) -> str:
    """1250 → "12,50 €"; thousands separated by a narrow no-break space."""
    whole, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}{thousands(whole)},{rest:02d} €"


def whole_euros(cents: int) -> str:
    """2000000 → "20 000 €": a bound of the rate scale, in whole euros."""
    return f"{thousands(cents // 100)}\u00a0€"


def decimal_amount(cents: int) -> str:
    """1250 → "12,50": a spreadsheet's number with a decimal comma, no thousands mark."""
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole},{rest:02d}"


def percent(basis_points: int) -> str:
    """9500 → "95 %", 9250 → "92,5 %" (a rate held in basis points)."""
    value = f"{basis_points / 100:.2f}".rstrip("0").rstrip(".")
    return f"{value.replace('.', ',')} %"


def month_name(month: int) -> str:
    """3 → "mars"."""
    return _MONTHS[month - 1]


def price(cents: int) -> str:
    """A price as offers show it: "Gratuit" or "12,50 €"."""
    return "Gratuit" if cents == 0 else euros(cents)


def address(place) -> str:
    """ "1 rue de la Paix, 67000 Strasbourg", from a venue's (or any) address fields."""
    town = " ".join(part for part in (place.postal_code, place.city) if part)
    return ", ".join(part for part in (place.address, town) if part)


def paris_datetime(moment: datetime) -> str:
    """A UTC moment in Paris time: "14/03/2026 à 20h30"."""
    return clock.to_paris(moment).strftime("%d/%m/%Y à %Hh%M")


def long_date(day: date) -> str:
    """ "samedi 14 mars 2026"; the 1st is "1er"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{_WEEKDAYS[day.weekday()]} {number} {_MONTHS[day.month - 1]} {day.year}"


def long_datetime(moment: datetime, zone: tzinfo = clock.PARIS) -> str:
    """A UTC moment in `zone` (a venue's local time): "samedi 14 mars 2026 à 20h30"."""
    local = moment.astimezone(zone)
    return f"{long_date(local.date())} à {local:%H}h{local:%M}"


def _day_of_month(day: date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def date_range(first: date, last: date) -> str:
    """ "du 1er au 15 décembre 2026", "du 16 décembre 2026 au 1er janvier 2027"."""
    end = f"{_day_of_month(last)} {_MONTHS[last.month - 1]} {last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"du {_day_of_month(first)} au {end}"
    start = f"{_day_of_month(first)} {_MONTHS[first.month - 1]}"
    if first.year != last.year:
        start += f" {first.year}"
    return f"du {start} au {end}"
