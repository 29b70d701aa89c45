"""Booking emails (rules B4, B8, B10), written to the outbox in the caller's transaction.

Nothing is sent here: the outbox job sends after commit, so a rolled-back booking
never emails anyone.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session, select

from pass_culture.models import (
    Booking,
    CancellationReason,
    EmailOutbox,
    Offer,
    Stock,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
)
from services import policy
from services.formatting import euros, paris_datetime

_CANCELLED_BECAUSE = {
    CancellationReason.BENEFICIARY: "Vous avez annulé cette réservation.",
    CancellationReason.OFFERER: "Le lieu a annulé cette réservation.",
    CancellationReason.EXPIRED: (
        "Elle n'a pas été retirée dans les "
        f"{policy.PICKUP_DELAY.days} jours suivant la réservation."
    ),
    CancellationReason.FRAUD: "Elle a été annulée par l'équipe pass Culture.",
}


@dataclass(frozen=True)
class _Booked:
    """A booking with what its emails speak of."""

    booking: Booking
    young: User
    offer: Offer
    stock: Stock
    venue: Venue

    @property
    def what(self) -> str:
        when = f", le {paris_datetime(self.stock.beginning_at)}" if self.stock.beginning_at else ""
        places = f" ({self.booking.quantity} places)" if self.booking.quantity > 1 else ""
        return f"« {self.offer.name} »{places} chez {self.venue.display_name}{when}"

    @property
    def young_identity(self) -> str:
        return f"{self.young.first_name} {self.young.last_name} ({self.young.email})"


def _load(session: Session, booking: Booking) -> _Booked:
    return _Booked(
        booking=booking,
        young=session.get(User, booking.user_id),
        offer=session.get(Offer, booking.offer_id),
        stock=session.get(Stock, booking.stock_id),
        venue=session.get(Venue, booking.venue_id),
    )


def pro_recipients(session: Session, venue: Venue) -> list[str]:
    """Rules B4, O6: the venue's booking email, else the structure's validated members."""
    if venue.booking_email:
        return [venue.booking_email]
    return list(
        session.exec(
            select(User.email)
            .join(UserOfferer, UserOfferer.user_id == User.id)
            .where(
                UserOfferer.offerer_id == venue.offerer_id,
                UserOfferer.status == ValidationStatus.VALIDATED,
                User.is_active,
            )
            .order_by(User.email)
        )
    )


class _Mail(NamedTuple):
    to: list[str]
    subject: str
    body: str
    template: str


def _enqueue(session: Session, now: datetime, *mails: _Mail) -> None:
    """One INSERT for every recipient of every mail."""
    rows = [
        {
            "to_address": address,
            "subject": mail.subject,
            "body_text": mail.body,
            "template": mail.template,
            "created_at": now,
        }
        for mail in mails
        for address in mail.to
    ]
    if rows:
        session.execute(EmailOutbox.__table__.insert(), rows)


def booking_confirmed(session: Session, booking: Booking, now: datetime) -> None:
    """Rule B4: the young user gets the code, the pro gets the young user's identity."""
    b = _load(session, booking)
    limit = (
        f"Vous pouvez l'annuler jusqu'au {paris_datetime(booking.cancellation_limit_at)}.\n"
        if booking.cancellation_limit_at
        else ""
    )
    to_young = _Mail(
        [b.young.email],
        f"Votre réservation : {b.offer.name}",
        f"Bonjour {b.young.first_name},\n\n"
        f"Votre réservation de {b.what} est confirmée.\n"
        f"Votre contremarque : {booking.code}\n"
        f"Montant débité de votre crédit : {euros(booking.amount)}.\n"
        f"{limit}\n"
        "Présentez la contremarque et une pièce d'identité au lieu.\n",
        "booking_confirmation",
    )
    to_pro = _Mail(
        pro_recipients(session, b.venue),
        f"Nouvelle réservation : {b.offer.name}",
        f"Nouvelle réservation de {b.what}.\n"
        f"Réservé par : {b.young_identity}\n"
        f"Contremarque : {booking.code}\n"
        f"Prix : {euros(booking.amount)}\n",
        "booking_new_pro",
    )
    _enqueue(session, now, to_young, to_pro)


def booking_cancelled(session: Session, booking: Booking, now: datetime) -> None:
    """Rules B4, B8, B10: both sides learn of a cancellation; the credit is back (C6)."""
    b = _load(session, booking)
    reason = _CANCELLED_BECAUSE[CancellationReason(booking.cancellation_reason)]
    comment = f"Motif : {booking.cancellation_comment}\n" if booking.cancellation_comment else ""
    refund = (
        f"{euros(booking.amount)} ont été recrédités sur votre pass Culture.\n"
        if booking.amount
        else ""
    )
    to_young = _Mail(
        [b.young.email],
        f"Réservation annulée : {b.offer.name}",
        f"Bonjour {b.young.first_name},\n\n"
        f"Votre réservation de {b.what} est annulée. {reason}\n{comment}{refund}",
        "booking_cancelled",
    )
    to_pro = _Mail(
        pro_recipients(session, b.venue),
        f"Réservation annulée : {b.offer.name}",
        f"La réservation de {b.what} (contremarque {booking.code}) est annulée. {reason}\n"
        f"{comment}Réservé par : {b.young_identity}\n",
        "booking_cancelled_pro",
    )
    _enqueue(session, now, to_young, to_pro)


def expiry_reminder(session: Session, booking: Booking, now: datetime) -> None:
    """Rule B8: 7 days before a physical good not picked up is cancelled."""
    b = _load(session, booking)
    deadline = booking.created_at + policy.PICKUP_DELAY
    reminder = _Mail(
        [b.young.email],
        f"Pensez à retirer votre réservation : {b.offer.name}",
        f"Bonjour {b.young.first_name},\n\n"
        f"Votre réservation de {b.what} vous attend. Retirez-la avant le "
        f"{paris_datetime(deadline)} avec la contremarque {booking.code} : "
        "passé ce délai, elle sera annulée et votre crédit vous sera rendu.\n",
        "booking_expiry_reminder",
    )
    _enqueue(session, now, reminder)
