"""Demo history of the demo pro's reimbursements (rules P1–P6): used bookings of Yanis
(the experimentation credit), some paid by the last fortnight's run, some still to come,
so that « Suivi des remboursements » and /admin/paiements have something to show."""

from datetime import datetime, timedelta

from sqlmodel import Session, select

from pass_culture.models import (
    Booking,
    BookingStatus,
    Deposit,
    Offer,
    Offerer,
    Stock,
    User,
    ValidationAuthor,
    Venue,
)
from services import codes, finance, payouts

YOUNG_EMAIL = "jeune.experimentation@demo.passculture.fr"
# Days before the last cut-off each booking was used: positive → paid, negative → to come.
USED_DAYS_BEFORE_CUTOFF = (12, 9, 6, 3, -1)


def add_used_bookings(session: Session, now: datetime, offerer: Offerer) -> None:
    """Bookings of things (no event date to wait for) at the structure's SIRET venues."""
    young, deposit = session.exec(
        select(User, Deposit)
        .join(Deposit, Deposit.user_id == User.id)
        .where(User.email == YOUNG_EMAIL)
    ).one()
    cutoff = payouts.cutoff_at(payouts.latest_cutoff(now))
    deposit.created_at = min(deposit.created_at, cutoff - timedelta(days=30))  # granted before
    stocks = session.exec(
        select(Stock, Offer)
        .join(Offer, Offer.id == Stock.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(
            Venue.offerer_id == offerer.id,
            Venue.siret.is_not(None),
            Stock.beginning_at.is_(None),
            Stock.price > 0,
            Stock.price <= 30_00,
        )
        .order_by(Stock.id)
        .limit(len(USED_DAYS_BEFORE_CUTOFF))
    ).all()
    for (stock, offer), days in zip(stocks, USED_DAYS_BEFORE_CUTOFF, strict=False):
        used_at = min(cutoff - timedelta(days=days), now - timedelta(minutes=5))
        stock.booked_quantity += 1
        session.add(
            Booking(
                code=codes.new_code(),
                user_id=young.id,
                deposit_id=deposit.id,
                stock_id=stock.id,
                offer_id=offer.id,
                venue_id=offer.venue_id,
                offerer_id=offerer.id,
                amount=stock.price,
                status=BookingStatus.USED,
                created_at=used_at - timedelta(days=2),
                used_at=used_at,
                validation_author=ValidationAuthor.PRO,
            )
        )


def pay_last_fortnight(now: datetime) -> None:
    """What the scheduler would have done: price the used bookings, run the last cut-off."""
    finance.price_used_bookings(now=now)
    payouts.run_payments(payouts.latest_cutoff(now), now=now)
