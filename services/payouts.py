"""Payment runs (rules P4, P5, O5): every fortnight, what the priced bookings pay back.

Calendar: runs happen on the 1st and the 16th; the cut-off is 00:00 Europe/Paris of that
day. A run pays, in **one payment per bank account**, every priced, unpaid booking
- used before the cut-off (its pricing's value date),
- whose event started before the cut-off (or that is a thing),
- of a venue linked to a bank account that was accepted before the cut-off, linked before
  the cut-off, and whose payments no admin holds.
Others wait and are paid by a later run (retroactively, O5). Free bookings pay nothing:
their pricings are closed without a payment.
"""

from datetime import UTC, date, datetime, time, timedelta

from pass_culture import clock

RUN_DAYS = (1, 16)


def cutoff_at(cutoff: date) -> datetime:
    """00:00 Europe/Paris of the cut-off day, in UTC."""
    return datetime.combine(cutoff, time(), tzinfo=clock.PARIS).astimezone(UTC)


def is_cutoff(day: date) -> bool:
    return day.day in RUN_DAYS


def previous_cutoff(cutoff: date) -> date:
    """The cut-off before this one: the fortnight a run's statements name starts there."""
    if cutoff.day > 16:
        return cutoff.replace(day=16)
    if cutoff.day > 1:
        return cutoff.replace(day=1)
    return (cutoff - timedelta(days=1)).replace(day=16)


def latest_cutoff(moment: datetime) -> date:
    """The last cut-off at or before `moment` (Paris time): the run due now."""
    today = clock.to_paris(moment).date()
    return today if is_cutoff(today) else previous_cutoff(today)


def next_cutoff(moment: datetime) -> date:
    """The first cut-off strictly after `moment`: when what is payable now will be paid."""
    today = clock.to_paris(moment).date()
    if today.day < 16:
        return today.replace(day=16)
    return (today.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_end(cutoff: date) -> date:
    """The last day of the fortnight a cut-off closes."""
    return cutoff - timedelta(days=1)
