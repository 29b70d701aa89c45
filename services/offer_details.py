"""The offer page of the youth app: what the offer is, where, when, and what the young
user can do with it now (rules O3, F5, F9, B1, B5, C3–C5; CTA wordings of pcapi-facts §6)."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import or_, text
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import Booking, Deposit, Offer, Offerer, Stock, Venue
from pass_culture.models.bookings import ACTIVE_BOOKING
from services import bookings, deposits, offers, policy
from services.errors import NotFound
from services.formatting import address, long_datetime, price
from services.geo import distance_km
from services.identifiers import parse_id
from services.subcategories import Cap, get_subcategory
from services.timezones import department_timezone

# "Plus que 3 places" from this many places left down.
FEW_PLACES = 5
# Dates shown on one page (a cinema may list many showtimes).
MAX_STOCKS = 60
# The venue's accessibility flags (pcapi names), as the youth app labels them.
ACCESSIBILITY_LABELS = (
    ("visual_disability_compliant", "Handicap visuel"),
    ("mental_disability_compliant", "Handicap mental"),
    ("motor_disability_compliant", "Handicap moteur"),
    ("audio_disability_compliant", "Handicap auditif"),
)

BOOK = "Réserver l’offre"
SOLD_OUT = "Offre épuisée"
EXPIRED = "Offre expirée"
SEE_BOOKING = "Voir ma réservation"
NO_CREDIT = "Crédit insuffisant"
NO_DIGITAL_CREDIT = "Crédit numérique insuffisant"
CREDIT_EXPIRED = "Crédit expiré"
NOT_A_BENEFICIARY = "Réservation réservée aux jeunes"


@dataclass(frozen=True)
class StockChoice:
    """One bookable date or price."""

    id: int
    when: str  # date and time in the venue's time zone; "" for a thing
    label: str  # the pro's price label ("Tarif réduit"), else the price
    price: int  # cents
    price_label: str  # "12,00 €" or "Gratuit"
    places_left: str  # "Plus que 3 places" when few, else ""
    cancellation: str  # rule B5, if booked now


@dataclass(frozen=True)
class AccessibilityFlag:
    label: str
    compliant: bool


@dataclass(frozen=True)
class OfferDetails:
    id: int
    name: str
    description: str
    image_url: str
    category_label: str
    subcategory_label: str
    is_event: bool
    duo_allowed: bool  # rule F5
    cap: Cap  # rule C4
    venue_name: str
    address: str  # "" for a digital venue
    map_url: str  # OpenStreetMap at the venue; "" without coordinates
    distance: str  # "à 2,4 km" from the chosen place; ""
    accessibility: tuple[AccessibilityFlag, ...]  # only the flags the venue gave
    withdrawal_details: str
    stocks: tuple[StockChoice, ...]  # bookable now, by date then id
    unavailable: str  # SOLD_OUT or EXPIRED when nothing is bookable, else ""

    @property
    def min_price(self) -> int | None:
        return min((s.price for s in self.stocks), default=None)


@dataclass(frozen=True)
class OfferAction:
    """What the young user can do on the offer page."""

    cta: str  # pcapi-facts §6 wording
    can_book: bool
    booking_id: int | None  # the user's active booking of this offer (rule B1)
    remaining: int | None  # cents of credit left (C3); None without a credit
    digital_remaining: int | None  # cents under the digital cap (C4); None = no cap


def _unavailable() -> NotFound:
    return NotFound("offer_unavailable", "Cette offre n'est pas disponible.")


def distance_label(kilometres: float) -> str:
    if kilometres < 1:
        return f"à {max(10, round(kilometres * 1000, -1)):.0f} m"
    shown = f"{kilometres:.1f}" if kilometres < 10 else f"{kilometres:.0f}"
    return f"à {shown.replace('.', ',')} km"


def cancellation_note(now: datetime, beginning_at: datetime | None, zone) -> str:
    """Rule B5 as the confirmation step words it."""
    limit = bookings.cancellation_limit(now, beginning_at)
    if limit <= now:
        return "Cette réservation ne sera pas annulable."
    return f"Tu pourras annuler jusqu’au {long_datetime(limit, zone)}."


def _map_url(venue: Venue) -> str:
    if venue.latitude is None or venue.longitude is None:
        return ""
    lat, lon = f"{venue.latitude:.5f}", f"{venue.longitude:.5f}"
    query = urlencode({"mlat": lat, "mlon": lon})
    return f"https://www.openstreetmap.org/?{query}#map=17/{lat}/{lon}"


def _places_left(stock: Stock) -> str:
    if stock.quantity is None:
        return ""
    left = stock.quantity - stock.booked_quantity
    if left > FEW_PLACES:
        return ""
    return "Plus qu’une place" if left == 1 else f"Plus que {left} places"


def _choice(stock: Stock, now: datetime, zone) -> StockChoice:
    shown = price(stock.price)
    return StockChoice(
        id=stock.id,
        when=long_datetime(stock.beginning_at, zone) if stock.beginning_at else "",
        label=f"{stock.price_label} — {shown}" if stock.price_label else shown,
        price=stock.price,
        price_label=shown,
        places_left=_places_left(stock),
        cancellation=cancellation_note(now, stock.beginning_at, zone),
    )


def _nothing_bookable(session, offer_id: int, now: datetime) -> str:
    """Why no stock is bookable: sold out while dates remain, else expired."""
    in_date = session.exec(
        select(Stock.id).where(
            Stock.offer_id == offer_id,
            Stock.is_active,
            ~Stock.is_soft_deleted,
            or_(Stock.booking_limit_at.is_(None), Stock.booking_limit_at > now),
            or_(Stock.beginning_at.is_(None), Stock.beginning_at > now),
        )
    ).first()
    return SOLD_OUT if in_date else EXPIRED


def offer_details(
    offer_id: str | int,
    *,
    now: datetime | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> OfferDetails:
    """The offer as young users see it; NotFound for a malformed or unknown id and for an
    offer they may not see (O3, F9: structure validated, offer approved and active).

    An offer whose stocks are all gone is still shown (from a favourite or an old link),
    with "Offre épuisée" or "Offre expirée" instead of a booking button.
    """
    now = now or clock.utcnow()
    offer_id = parse_id(offer_id)
    if offer_id is None:
        raise _unavailable()
    with db.transaction(write=False) as session:
        row = session.exec(
            select(Offer, Venue, Offerer)
            .join(Venue, Venue.id == Offer.venue_id)
            .join(Offerer, Offerer.id == Venue.offerer_id)
            .where(Offer.id == offer_id)
        ).first()
        if row is None or not offers.is_offer_visible(row[0], row[2]):
            raise _unavailable()
        offer, venue, _offerer = row
        return details_of(session, offer, venue, now, latitude, longitude)


def details_of(
    session,
    offer: Offer,
    venue: Venue,
    now: datetime,
    latitude: float | None = None,
    longitude: float | None = None,
) -> OfferDetails:
    """The offer as young users would see it now (also the pro's preview, rule E4)."""
    stocks = session.exec(
        select(Stock)
        .where(Stock.offer_id == offer.id, *offers.bookable_stock_clause(now))
        .order_by(Stock.beginning_at, Stock.id)
        .limit(MAX_STOCKS)
    ).all()
    unavailable = "" if stocks else _nothing_bookable(session, offer.id, now)
    subcategory = get_subcategory(offer.subcategory_id)
    zone = department_timezone(venue.department_code)
    located = None not in (latitude, longitude, venue.latitude, venue.longitude)
    return OfferDetails(
        id=offer.id,
        name=offer.name,
        description=offer.description or "",
        image_url=offer.image_url or "",
        category_label=subcategory.category_label,
        subcategory_label=subcategory.label,
        is_event=subcategory.is_event,
        duo_allowed=offer.is_duo and subcategory.can_be_duo,
        cap=deposits.cap_of(offer),
        venue_name=venue.display_name,
        address="" if venue.is_virtual else address(venue),
        map_url=_map_url(venue),
        distance=(
            distance_label(distance_km(latitude, longitude, venue.latitude, venue.longitude))
            if located
            else ""
        ),
        accessibility=tuple(
            AccessibilityFlag(label, getattr(venue, name))
            for name, label in ACCESSIBILITY_LABELS
            if getattr(venue, name) is not None
        ),
        # The offer's own, else the venue's (every offer there).
        withdrawal_details=str(
            offer.extra_data.get("withdrawal_details") or venue.withdrawal_details or ""
        ),
        stocks=tuple(_choice(stock, now, zone) for stock in stocks),
        unavailable=unavailable,
    )


def offer_action(
    user_id: int, details: OfferDetails, *, now: datetime | None = None
) -> OfferAction:
    """The booking button of the offer page, from the user's credit and bookings.

    Only a hint: `bookings.book` checks every rule again when the user confirms.
    """
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        booking_id = session.exec(
            select(Booking.id).where(
                Booking.user_id == user_id, Booking.offer_id == details.id, text(ACTIVE_BOOKING)
            )
        ).first()
        deposit = session.exec(select(Deposit).where(Deposit.user_id == user_id)).first()
        balance = deposits.balance_in(session, deposit, now=now) if deposit else None
    remaining = balance.remaining if balance else None
    digital = balance.digital_remaining if balance else None

    def action(cta: str, can_book: bool = False) -> OfferAction:
        return OfferAction(cta, can_book, booking_id, remaining, digital)

    cheapest = details.min_price
    if booking_id is not None:
        return action(SEE_BOOKING)
    if details.unavailable:
        return action(details.unavailable)
    if balance is None:
        return action(NOT_A_BENEFICIARY)
    if balance.is_expired:  # rule C5
        return action(CREDIT_EXPIRED)
    if cheapest > balance.remaining:  # rule C3
        return action(NO_CREDIT)
    if details.cap == Cap.DIGITAL and digital is not None and cheapest > digital:  # rule C4
        return action(NO_DIGITAL_CREDIT)
    return action(BOOK, can_book=True)


def quantities(details: OfferDetails) -> tuple[int, ...]:
    """Rule F5: one place, or two on a duo offer."""
    return (1, policy.DUO_QUANTITY) if details.duo_allowed else (1,)
