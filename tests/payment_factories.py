"""Paid bookings through the real pipeline: used bookings, priced (services/finance.py),
then paid by the payment run of 16 March 2026 (services/payouts.py)."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from pass_culture import db
from pass_culture.models import BookingStatus, Payment
from services import finance, payouts
from tests.factories import make_booking, make_offer, make_stock, make_user

CUTOFF = date(2026, 3, 16)
RUN_AT = datetime(2026, 3, 16, 4, tzinfo=UTC)  # 05:00 in Paris, as the job runs
USED_AT = datetime(2026, 3, 5, 10, tzinfo=UTC)  # 11:00 in Paris, inside the fortnight
CD = "SUPPORT_PHYSIQUE_MUSIQUE_CD"

_uses = iter(range(1, 1_000_000))


def used(
    venue, price: int, *, subcategory=CD, quantity=1, used_at=None, offer=None, **stock_fields
):
    """A booking used in the fortnight; each one a minute after the previous (P3's order).
    `offer`: the offer's fields (its name…)."""
    offer = make_offer(venue, subcategory_id=subcategory, **(offer or {}))
    stock = make_stock(offer, price=price, **stock_fields)
    return make_booking(
        stock,
        make_user(),
        None,
        status=BookingStatus.USED,
        used_at=used_at or USED_AT + timedelta(minutes=next(_uses)),
        quantity=quantity,
    )


def run_payments() -> list[Payment]:
    """Price what is used, run the 16 March payment; the payments made, by id."""
    finance.price_used_bookings(now=RUN_AT)
    payouts.run_payments(CUTOFF, now=RUN_AT)
    with db.transaction(write=False) as session:
        return list(session.exec(select(Payment).order_by(Payment.id)))
