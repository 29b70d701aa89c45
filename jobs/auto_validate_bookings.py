"""Job: bookings of dated offers become used 48 h after the event (rule B7)."""

from jobs.registry import job
from pass_culture import clock
from services import bookings


@job(
    "auto_validate_bookings",
    "Valide les réservations 48 h après l'évènement",
    trigger="interval",
    minutes=60,
)
def auto_validate_bookings() -> str:
    validated = bookings.auto_validate_past_events(now=clock.utcnow())
    return f"Réservations d'évènements validées automatiquement : {validated}."
