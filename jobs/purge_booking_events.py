"""Job: keep the bookings' change log (live pages) to one day."""

from jobs.registry import job
from services import booking_events


@job(
    "purge_booking_events",
    "Supprime le journal des réservations de plus d'un jour",
    trigger="interval",
    minutes=60,
)
def purge_booking_events() -> str:
    deleted = booking_events.purge_events()
    return f"Évènements de réservation de plus d'un jour supprimés : {deleted}."
