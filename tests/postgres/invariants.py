"""What the database says about stocks and credits, read independently of the services."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking, BookingStatus, Deposit, Offer, Stock
from services import deposits
from services.subcategories import Cap


@dataclass(frozen=True)
class StockCount:
    quantity: int | None
    booked_quantity: int
    active_quantity: int  # Σ quantities of its non-cancelled bookings

    @property
    def consistent(self) -> bool:
        """Rule F8: the counter matches the bookings and never exceeds the quantity."""
        within = self.quantity is None or self.booked_quantity <= self.quantity
        return within and self.booked_quantity == self.active_quantity


@dataclass(frozen=True)
class Spending:
    granted: int
    spent: int  # Σ amounts of the deposit's non-cancelled bookings (rule C3)
    by_cap: Counter  # Cap → Σ amounts (rule C4)
    digital_cap: int | None
    physical_cap: int | None

    @property
    def remaining(self) -> int:
        return self.granted - self.spent

    @property
    def within_caps(self) -> bool:
        """Rules C3 and C4: never negative, never above a cap."""
        caps = {Cap.DIGITAL: self.digital_cap, Cap.PHYSICAL: self.physical_cap}
        return self.remaining >= 0 and all(
            cap is None or self.by_cap[kind] <= cap for kind, cap in caps.items()
        )


def stock_counts(stock_ids: list[int]) -> dict[int, StockCount]:
    with db.transaction(write=False) as session:
        active = dict(
            session.exec(
                select(Booking.stock_id, func.sum(Booking.quantity))
                .where(Booking.stock_id.in_(stock_ids), Booking.status != BookingStatus.CANCELLED)
                .group_by(Booking.stock_id)
            ).all()
        )
        stocks = session.exec(select(Stock).where(Stock.id.in_(stock_ids))).all()
    return {s.id: StockCount(s.quantity, s.booked_quantity, active.get(s.id, 0)) for s in stocks}


def stock_count(stock_id: int) -> StockCount:
    return stock_counts([stock_id])[stock_id]


def spendings(deposit_ids: list[int]) -> dict[int, Spending]:
    with db.transaction(write=False) as session:
        found = session.exec(select(Deposit).where(Deposit.id.in_(deposit_ids))).all()
        rows = session.exec(
            select(Booking.deposit_id, Booking.amount, Offer)
            .join(Offer, Offer.id == Booking.offer_id)
            .where(Booking.deposit_id.in_(deposit_ids), Booking.status != BookingStatus.CANCELLED)
        ).all()
    by_cap = {deposit.id: Counter() for deposit in found}
    for deposit_id, amount, offer in rows:
        by_cap[deposit_id][deposits.cap_of(offer)] += amount
    return {
        deposit.id: Spending(
            granted=deposit.amount,
            spent=sum(by_cap[deposit.id].values()),
            by_cap=by_cap[deposit.id],
            digital_cap=deposit.digital_cap,
            physical_cap=deposit.physical_cap,
        )
        for deposit in found
    }


def spending(deposit_id: int) -> Spending:
    return spendings([deposit_id])[deposit_id]
