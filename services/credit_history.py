"""What moved the young user's credit: every debit and every refund (rules C2, C3, C6)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking, BookingStatus, Offer

# The lines of the credit page, the most recent first.
MAX_LINES = 200


@dataclass(frozen=True)
class CreditLine:
    at: datetime
    label: str  # the offer's name
    amount_signed_cents: int  # negative for a debit, positive for a refund
    kind: Literal["debit", "refund"]


def credit_history(user_id: int, *, limit: int = MAX_LINES) -> list[CreditLine]:
    """A booking debits its amount when made (C2); a cancelled or expired one gives it
    back at its cancellation date (C6). Free bookings move nothing and are left out."""
    with db.transaction(write=False) as session:
        rows = session.exec(
            select(
                Booking.amount,
                Booking.created_at,
                Booking.status,
                Booking.cancelled_at,
                Offer.name,
            )
            .join(Offer, Offer.id == Booking.offer_id)
            .where(
                Booking.user_id == user_id,
                Booking.deposit_id.is_not(None),
                Booking.amount > 0,
            )
            .order_by(Booking.created_at.desc(), Booking.id.desc())
            .limit(limit)
        ).all()
    lines = []
    for amount, created_at, status, cancelled_at, name in rows:
        lines.append(CreditLine(created_at, name, -amount, "debit"))
        if status == BookingStatus.CANCELLED:
            lines.append(CreditLine(cancelled_at, name, amount, "refund"))
    lines.sort(key=lambda line: (line.at, line.kind == "refund"), reverse=True)
    return lines[:limit]
