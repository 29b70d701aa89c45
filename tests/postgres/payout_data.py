"""Structures with used, priced bookings on accepted bank accounts: what a payment run pays."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from pass_culture.models import Booking, BookingStatus, Offerer, User, Venue
from services import finance
from tests import factories

CUTOFF = date(2026, 3, 16)
USED_AT = datetime(2026, 3, 5, 10, tzinfo=UTC)  # in the fortnight the cut-off closes
NOW = datetime(2026, 3, 16, 4, tzinfo=UTC)  # the run's morning


@dataclass
class Structure:
    offerer: Offerer
    pro: User
    account_id: int
    venues: list[Venue]
    bookings: list[Booking] = field(default_factory=list)


def used_booking(venue: Venue, price: int, used_at: datetime = USED_AT) -> Booking:
    offer = factories.make_offer(venue, subcategory_id="SUPPORT_PHYSIQUE_MUSIQUE_CD")
    stock = factories.make_stock(offer, price=price)
    young = factories.make_user()
    return factories.make_booking(stock, young, None, status=BookingStatus.USED, used_at=used_at)


def structures(count: int, *, venues: int = 1, bookings: int = 2) -> list[Structure]:
    """`count` structures, each with one accepted account over its `venues` venues, each
    venue with `bookings` used bookings (prices and use times all different). Not priced."""
    made = []
    for n in range(count):
        offerer = factories.make_offerer()
        places = [factories.make_venue(offerer) for _ in range(venues)]
        account = factories.make_bank_account(offerer, places)
        structure = Structure(offerer, factories.make_pro(offerer), account.id, places)
        for v, venue in enumerate(places):
            for b in range(bookings):
                price = 5_00 + 37 * (n + v + b)
                used_at = USED_AT + timedelta(minutes=b, seconds=v)
                structure.bookings.append(used_booking(venue, price, used_at))
        made.append(structure)
    return made


def priced(count: int, **sizes) -> list[Structure]:
    made = structures(count, **sizes)
    finance.price_used_bookings(now=NOW)
    return made
