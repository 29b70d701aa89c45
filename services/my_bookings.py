"""A young user's bookings and tickets (rules B3, B5, B8, B9; labels of pcapi-facts §6)."""

import base64
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    Offer,
    Stock,
    Venue,
)
from services import bookings, codes, policy
from services.errors import NotFound
from services.formatting import address, long_date, long_datetime, price
from services.identifiers import parse_id
from services.subcategories import get_subcategory
from services.timezones import department_timezone

# The most recent bookings listed (a credit buys a few dozen; free offers add more).
MAX_LISTED = 300


class Section(StrEnum):
    UPCOMING = "upcoming"  # "À venir"
    ENDED = "ended"  # "Terminées"
    CANCELLED = "cancelled"  # "Annulées / expirées"


@dataclass(frozen=True)
class BookingRow:
    id: int
    offer_name: str
    venue_name: str
    date_label: str
    status_label: str


@dataclass(frozen=True)
class BookingLists:
    upcoming: list[BookingRow]
    ended: list[BookingRow]
    cancelled: list[BookingRow]


@dataclass(frozen=True)
class Ticket:
    """Rule B9: what the young user shows at the venue."""

    id: int
    code: str
    qr_svg: str  # the QR code of rule B3, while the booking can be used; else ""
    offer_id: int
    offer_name: str
    venue_name: str
    address: str
    withdrawal_details: str
    url: str  # a digital offer's address
    when: str  # the event's date and time in the venue's time zone; "" for a thing
    date_label: str
    status_label: str
    section: Section
    quantity: int
    amount: str
    can_cancel: bool  # rule B5, now
    cancellation: str  # the deadline, before or after it; "" once used or cancelled

    @property
    def qr_src(self) -> str:
        """The QR code as an image address (an <img> with its own alt text)."""
        if not self.qr_svg:
            return ""
        return "data:image/svg+xml;base64," + base64.b64encode(self.qr_svg.encode()).decode()


def _not_found() -> NotFound:
    return NotFound("booking_not_found", "Cette réservation n'existe pas.")


def section_of(booking: Booking, stock: Stock, now: datetime) -> Section:
    if booking.status == BookingStatus.CANCELLED:
        return Section.CANCELLED
    if booking.status != BookingStatus.CONFIRMED:
        return Section.ENDED
    if stock.beginning_at is not None and stock.beginning_at <= now:
        return Section.ENDED
    return Section.UPCOMING


def status_label(booking: Booking) -> str:
    if booking.status == BookingStatus.CANCELLED:
        return "Expirée" if booking.cancellation_reason == CancellationReason.EXPIRED else "Annulée"
    if booking.status in (BookingStatus.USED, BookingStatus.REIMBURSED):
        return "Utilisée"
    return "Réservée"


def _relative_day(moment: datetime, now: datetime, zone) -> int:
    return (moment.astimezone(zone).date() - now.astimezone(zone).date()).days


def date_label(booking: Booking, stock: Stock, offer: Offer, now: datetime, zone) -> str:
    """The line under the offer name (pcapi `getBookingLabels`)."""
    if booking.status == BookingStatus.CANCELLED:
        verb = "Expirée" if booking.cancellation_reason == CancellationReason.EXPIRED else "Annulée"
        return f"{verb} le {long_date(booking.cancelled_at.astimezone(zone).date())}"
    if booking.status != BookingStatus.CONFIRMED:
        return f"Utilisée le {long_date(booking.used_at.astimezone(zone).date())}"
    if stock.beginning_at is not None:
        local = stock.beginning_at.astimezone(zone)
        days = _relative_day(stock.beginning_at, now, zone)
        hour = f"{local:%H}h{local:%M}"
        if days == 0:
            return f"Aujourd’hui à {hour}"
        if days == 1:
            return f"Demain à {hour}"
        return f"Le {long_datetime(stock.beginning_at, zone)}"
    if get_subcategory(offer.subcategory_id).can_expire:  # rule B8
        deadline = booking.created_at + policy.PICKUP_DELAY
        days = _relative_day(deadline, now, zone)
        if days <= 0:
            return "Dernier jour pour retirer"
        if days == 1:
            return "Avant dernier jour pour retirer"
        return f"À retirer avant le {long_date(deadline.astimezone(zone).date())}"
    return "Permanent"


def cancellation_message(booking: Booking, stock: Stock, now: datetime, zone) -> str:
    """Rule B5 in the youth app's words (pcapi `getCancelMessage`)."""
    if booking.status != BookingStatus.CONFIRMED:
        return ""
    deadline = long_datetime(bookings.cancellation_deadline(booking, stock.beginning_at), zone)
    if bookings.can_cancel(booking, stock.beginning_at, now):
        return f"La réservation est annulable jusqu’au {deadline}."
    return f"Tu ne peux plus annuler ta réservation : elle devait être annulée avant le {deadline}."


_ROWS = (
    select(Booking, Stock, Offer, Venue)
    .join(Stock, Stock.id == Booking.stock_id)
    .join(Offer, Offer.id == Booking.offer_id)
    .join(Venue, Venue.id == Booking.venue_id)
)


def list_bookings(user_id: int, *, now: datetime | None = None) -> BookingLists:
    """The user's bookings, upcoming, ended and cancelled/expired apart."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        rows = session.exec(
            _ROWS.where(Booking.user_id == user_id)
            .order_by(Booking.created_at.desc(), Booking.id.desc())
            .limit(MAX_LISTED)
        ).all()
    lists = BookingLists([], [], [])
    keys = {}
    for booking, stock, offer, venue in rows:
        zone = department_timezone(venue.department_code)
        row = BookingRow(
            id=booking.id,
            offer_name=offer.name,
            venue_name=venue.display_name,
            date_label=date_label(booking, stock, offer, now, zone),
            status_label=status_label(booking),
        )
        section = section_of(booking, stock, now)
        getattr(lists, section).append(row)
        # Upcoming: the soonest first (things after events, newest first); the others: the
        # latest first.
        keys[booking.id] = (
            (stock.beginning_at or datetime.max.replace(tzinfo=now.tzinfo), -booking.id)
            if section == Section.UPCOMING
            else (now - (booking.cancelled_at or stock.beginning_at or booking.created_at),)
        )
    for section in Section:
        getattr(lists, section).sort(key=lambda row: keys[row.id])
    return lists


def ticket(user_id: int, booking_id: str | int, *, now: datetime | None = None) -> Ticket:
    """Rule B9; another user's booking is as unknown as a missing one (no oracle)."""
    now = now or clock.utcnow()
    booking_id = parse_id(booking_id)
    if booking_id is None:
        raise _not_found()
    with db.transaction(write=False) as session:
        row = session.exec(
            _ROWS.where(Booking.id == booking_id, Booking.user_id == user_id)
        ).first()
    if row is None:
        raise _not_found()
    booking, stock, offer, venue = row
    zone = department_timezone(venue.department_code)
    usable = booking.status == BookingStatus.CONFIRMED
    return Ticket(
        id=booking.id,
        code=booking.code,
        qr_svg=codes.qr_svg(booking.code) if usable else "",
        offer_id=offer.id,
        offer_name=offer.name,
        venue_name=venue.display_name,
        address="" if venue.is_virtual else address(venue),
        # The offer's own, else the venue's (every offer there).
        withdrawal_details=str(
            offer.extra_data.get("withdrawal_details") or venue.withdrawal_details or ""
        ),
        url=offer.url or "",
        when=long_datetime(stock.beginning_at, zone) if stock.beginning_at else "",
        date_label=date_label(booking, stock, offer, now, zone),
        status_label=status_label(booking),
        section=section_of(booking, stock, now),
        quantity=booking.quantity,
        amount=price(booking.amount),
        can_cancel=bookings.can_cancel(booking, stock.beginning_at, now),
        cancellation=cancellation_message(booking, stock, now, zone),
    )
