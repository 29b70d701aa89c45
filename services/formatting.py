"""Amounts and dates as French readers expect them (messages, emails)."""

from datetime import datetime

from pass_culture import clock


def euros(cents: int) -> str:
    """1250 → "12,50 €"; thousands separated by a narrow no-break space."""
    whole, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    grouped = f"{whole:,}".replace(",", "\u202f")
    return f"{sign}{grouped},{rest:02d} €"


def paris_datetime(moment: datetime) -> str:
    """A UTC moment in Paris time: "14/03/2026 à 20h30"."""
    return clock.to_paris(moment).strftime("%d/%m/%Y à %Hh%M")
