"""Job: price the bookings used since the last run, for the pros' reimbursements (P1–P3)."""

from jobs.registry import job
from pass_culture import clock
from services import finance


@job("price_bookings", "Valorise les réservations utilisées", trigger="interval", minutes=15)
def price_bookings() -> str:
    priced = finance.price_used_bookings(now=clock.utcnow())
    return f"Réservations valorisées pour remboursement : {priced}."
