"""Job: goods not picked up within 30 days are cancelled, after a reminder (rule B8)."""

from jobs.registry import job
from pass_culture import clock
from services import bookings


@job(
    "expire_bookings",
    "Rappelle puis annule les réservations non retirées",
    trigger="interval",
    minutes=60,
)
def expire_bookings() -> str:
    now = clock.utcnow()
    reminded = bookings.send_expiry_reminders(now=now)
    expired = bookings.expire_unpicked_bookings(now=now)
    return f"Rappels envoyés : {reminded}. Réservations expirées : {expired}."
