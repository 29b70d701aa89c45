"""The pro's bookings list ("suivi des réservations", pcapi-facts §2; rules O7, B11).

One filtered query serves the list page and the exports (services/booking_export.py):
every booking of the structures the pro is a validated member of, narrowed by the
filters. Ids given by the caller are re-checked: another structure's venue or offer is
refused as unknown (rule O7, no oracle).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import Select, and_, func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, Offer, Offerer, Stock, User, Venue
from services.access import offerer_ids_of
from services.errors import DomainError, NotFound
from services.identifiers import parse_id

MAX_PAGE_SIZE = 1000  # pcapi's page of the bookings list
MAX_SEARCH_LENGTH = 200
# The longest period one request may cover: keeps a typo ("0202") from scanning years.
MAX_PERIOD = timedelta(days=3 * 366)


class DisplayStatus(StrEnum):
    """The 5 statuses the pro sees, derived from the stored one (pcapi-facts §2)."""

    BOOKED = "booked"  # réservée: still inside the young user's cancellation window
    CONFIRMED = "confirmed"  # confirmée: the window has passed, not used yet
    VALIDATED = "validated"  # validée: used
    CANCELLED = "cancelled"
    REIMBURSED = "reimbursed"


STATUS_LABELS = {
    DisplayStatus.BOOKED: "Réservée",
    DisplayStatus.CONFIRMED: "Confirmée",
    DisplayStatus.VALIDATED: "Validée",
    DisplayStatus.CANCELLED: "Annulée",
    DisplayStatus.REIMBURSED: "Remboursée",
}


class PeriodType(StrEnum):
    """Which date the period applies to (pcapi `bookingStatusFilter`)."""

    BOOKED = "booked"  # "Période de réservation": booking date
    VALIDATED = "validated"  # "Période de validation": use date
    REIMBURSED = "reimbursed"  # "Période de remboursement"


_PERIOD_COLUMNS = {
    PeriodType.BOOKED: Booking.created_at,
    PeriodType.VALIDATED: Booking.used_at,
    PeriodType.REIMBURSED: Booking.reimbursed_at,
}


@dataclass(frozen=True)
class BookingFilters:
    offerer_id: int | None = None  # one of the pro's structures (the one in use)
    venue_id: int | None = None
    offer_id: int | None = None
    event_date: date | None = None  # the event's day, in Paris time
    period_type: PeriodType = PeriodType.BOOKED
    period_start: date | None = None  # both days included, in Paris time
    period_end: date | None = None
    status: DisplayStatus | None = None
    search: str = ""  # offer name, beneficiary name or email, EAN, booking code


@dataclass(frozen=True)
class ProBookingRow:
    """A line of the bookings table."""

    id: int
    code: str  # "" while hidden (a thing not validated yet, pcapi `get_booking_token`)
    offer_id: int
    offer_name: str
    ean: str
    is_event: bool
    event_at: datetime | None
    price_label: str
    venue_name: str
    venue_address: str
    offerer_name: str
    beneficiary_first_name: str
    beneficiary_last_name: str
    beneficiary_email: str
    beneficiary_phone: str
    beneficiary_postal_code: str
    quantity: int
    amount: int  # cents, for the whole booking
    booked_at: datetime
    validated_at: datetime | None
    cancelled_at: datetime | None
    reimbursed_at: datetime | None
    status: DisplayStatus

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def beneficiary_name(self) -> str:
        return f"{self.beneficiary_first_name} {self.beneficiary_last_name}".strip()

    @property
    def is_duo(self) -> bool:
        return self.quantity == 2


@dataclass(frozen=True)
class BookingPage:
    rows: list[ProBookingRow]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _invalid(message: str) -> DomainError:
    return DomainError("invalid_booking_filter", message)


def _parse_date(raw: str | None, label: str) -> date | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _invalid(f"{label} n'est pas une date valide (AAAA-MM-JJ).") from None


def _parse_optional_id(raw: str | None, label: str) -> int | None:
    if raw is None or not raw.strip():
        return None
    value = parse_id(raw)
    if value is None:
        raise _invalid(f"{label} n'est pas un identifiant valide.")
    return value


def _parse_choice(raw: str | None, choices: type[StrEnum], label: str):
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return choices(text)
    except ValueError:
        raise _invalid(f"{label} n'est pas une valeur reconnue.") from None


def parse_filters(params: Mapping[str, str]) -> BookingFilters:
    """Filters from query parameters (`offerer`, `venue`, `offer`, `event_date`, `period_type`,
    `period_start`, `period_end`, `status`, `search`); a bad one raises a DomainError
    with a French message."""
    start = _parse_date(params.get("period_start"), "Le début de la période")
    end = _parse_date(params.get("period_end"), "La fin de la période")
    if start and end:
        if start > end:
            raise _invalid("La période doit commencer avant de finir.")
        if end - start > MAX_PERIOD:
            raise _invalid("La période ne peut pas dépasser trois ans.")
    search = (params.get("search") or "").strip()
    if len(search) > MAX_SEARCH_LENGTH:
        raise _invalid(f"La recherche ne peut pas dépasser {MAX_SEARCH_LENGTH} caractères.")
    return BookingFilters(
        offerer_id=_parse_optional_id(params.get("offerer"), "La structure"),
        venue_id=_parse_optional_id(params.get("venue"), "Le lieu"),
        offer_id=_parse_optional_id(params.get("offer"), "L'offre"),
        event_date=_parse_date(params.get("event_date"), "La date de l'évènement"),
        period_type=_parse_choice(params.get("period_type"), PeriodType, "Le type de période")
        or PeriodType.BOOKED,
        period_start=start,
        period_end=end,
        status=_parse_choice(params.get("status"), DisplayStatus, "Le statut"),
        search=search,
    )


def _paris_midnight(day: date) -> datetime:
    """The UTC moment a Paris day starts."""
    return datetime.combine(day, time(), clock.PARIS)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _status_condition(status: DisplayStatus, now: datetime):
    past_window = and_(
        Booking.cancellation_limit_at.is_not(None), Booking.cancellation_limit_at < now
    )
    match status:
        case DisplayStatus.BOOKED:
            return and_(Booking.status == BookingStatus.CONFIRMED, ~past_window)
        case DisplayStatus.CONFIRMED:
            return and_(Booking.status == BookingStatus.CONFIRMED, past_window)
        case DisplayStatus.VALIDATED:
            return Booking.status == BookingStatus.USED
        case DisplayStatus.CANCELLED:
            return Booking.status == BookingStatus.CANCELLED
        case DisplayStatus.REIMBURSED:
            return Booking.status == BookingStatus.REIMBURSED


def display_status(status: str, cancellation_limit_at: datetime | None, now: datetime):
    """The same derivation in Python, for a row read."""
    if status == BookingStatus.CONFIRMED:
        past = cancellation_limit_at is not None and cancellation_limit_at < now
        return DisplayStatus.CONFIRMED if past else DisplayStatus.BOOKED
    return {
        BookingStatus.USED: DisplayStatus.VALIDATED,
        BookingStatus.CANCELLED: DisplayStatus.CANCELLED,
        BookingStatus.REIMBURSED: DisplayStatus.REIMBURSED,
    }[status]


def _check_ids(session: Session, offerer_ids: set[int], filters: BookingFilters) -> None:
    """Rule O7: a venue or offer of another structure is unknown, never filtered on."""
    if filters.venue_id is not None:
        venue = session.get(Venue, filters.venue_id)
        if venue is None or venue.offerer_id not in offerer_ids:
            raise NotFound("venue_not_found", "Ce lieu n'existe pas.")
    if filters.offer_id is not None:
        offer = session.get(Offer, filters.offer_id)
        venue = session.get(Venue, offer.venue_id) if offer else None
        if venue is None or venue.offerer_id not in offerer_ids:
            raise NotFound("offer_not_found", "Cette offre n'existe pas.")


def _conditions(offerer_ids: set[int], filters: BookingFilters, now: datetime) -> list:
    conditions = [Booking.offerer_id.in_(sorted(offerer_ids))]
    if filters.venue_id is not None:
        conditions.append(Booking.venue_id == filters.venue_id)
    if filters.offer_id is not None:
        conditions.append(Booking.offer_id == filters.offer_id)
    if filters.event_date is not None:
        start = _paris_midnight(filters.event_date)
        end = _paris_midnight(filters.event_date + timedelta(days=1))
        conditions += [Stock.beginning_at >= start, Stock.beginning_at < end]
    column = _PERIOD_COLUMNS[filters.period_type]
    if filters.period_start is not None:
        conditions.append(column >= _paris_midnight(filters.period_start))
    if filters.period_end is not None:
        conditions.append(column < _paris_midnight(filters.period_end + timedelta(days=1)))
    if filters.status is not None:
        conditions.append(_status_condition(filters.status, now))
    if filters.search:
        pattern = _like(filters.search)
        full_name = User.first_name + " " + User.last_name
        searched = (Offer.name, full_name, User.email, Offer.ean, Booking.code)
        conditions.append(or_(*(func.lower(c).like(pattern, escape="\\") for c in searched)))
    return conditions


_COLUMNS = (
    Booking.id,
    Booking.code,
    Booking.status,
    Booking.cancellation_limit_at,
    Booking.quantity,
    Booking.amount,
    Booking.created_at,
    Booking.used_at,
    Booking.cancelled_at,
    Booking.reimbursed_at,
    Booking.offer_id,
    Offer.name.label("offer_name"),
    Offer.ean,
    Stock.beginning_at,
    Stock.price_label,
    Venue.name.label("venue_name"),
    Venue.public_name,
    Venue.address,
    Venue.postal_code,
    Venue.city,
    Offerer.name.label("offerer_name"),
    User.first_name,
    User.last_name,
    User.email,
    User.phone,
    User.postal_code.label("user_postal_code"),
)


def _joined(query: Select) -> Select:
    return (
        query.select_from(Booking)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Stock, Stock.id == Booking.stock_id)
        .join(Venue, Venue.id == Booking.venue_id)
        .join(Offerer, Offerer.id == Booking.offerer_id)
        .join(User, User.id == Booking.user_id)
    )


def _row(values, now: datetime) -> ProBookingRow:
    status = display_status(values.status, values.cancellation_limit_at, now)
    is_event = values.beginning_at is not None
    hidden = not is_event and status in (DisplayStatus.BOOKED, DisplayStatus.CONFIRMED)
    town = " ".join(p for p in (values.postal_code, values.city) if p)
    return ProBookingRow(
        id=values.id,
        code="" if hidden else values.code,
        offer_id=values.offer_id,
        offer_name=values.offer_name,
        ean=values.ean or "",
        is_event=is_event,
        event_at=values.beginning_at,
        price_label=values.price_label or "",
        venue_name=values.public_name or values.venue_name,
        venue_address=" ".join(p for p in (values.address, town) if p),
        offerer_name=values.offerer_name,
        beneficiary_first_name=values.first_name,
        beneficiary_last_name=values.last_name,
        beneficiary_email=values.email,
        beneficiary_phone=values.phone or "",
        beneficiary_postal_code=values.user_postal_code or "",
        quantity=values.quantity,
        amount=values.amount,
        booked_at=values.created_at,
        validated_at=values.used_at,
        cancelled_at=values.cancelled_at,
        reimbursed_at=values.reimbursed_at,
        status=status,
    )


def _visible_structures(session: Session, pro_user_id: int, filters: BookingFilters) -> set[int]:
    offerer_ids = offerer_ids_of(session, pro_user_id)
    if filters.offerer_id is not None:
        if filters.offerer_id not in offerer_ids:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        offerer_ids = {filters.offerer_id}
    _check_ids(session, offerer_ids, filters)
    return offerer_ids


def check_filters(pro_user_id: int, filters: BookingFilters) -> None:
    """Raise NotFound now for another structure's venue or offer (before a download)."""
    with db.transaction(write=False) as session:
        _visible_structures(session, pro_user_id, filters)


def iter_bookings(pro_user_id: int, filters: BookingFilters, *, batch: int = 500):
    """Every matching booking, most recent first, read in batches (the exports)."""
    now = clock.utcnow()
    with db.transaction(write=False) as session:
        offerer_ids = _visible_structures(session, pro_user_id, filters)
        if not offerer_ids:
            return
        query = (
            _joined(select(*_COLUMNS))
            .where(*_conditions(offerer_ids, filters, now))
            .order_by(Booking.created_at.desc(), Booking.id.desc())
            .execution_options(yield_per=batch)
        )
        for values in session.exec(query):
            yield _row(values, now)


def list_bookings(
    pro_user_id: int, filters: BookingFilters, *, page: int = 1, page_size: int = 50
) -> BookingPage:
    """A page of the pro's bookings (most recent first) and how many match in all."""
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    page = max(page, 1)
    now = clock.utcnow()
    with db.transaction(write=False) as session:
        offerer_ids = _visible_structures(session, pro_user_id, filters)
        if not offerer_ids:
            return BookingPage([], 0, page, page_size)
        conditions = _conditions(offerer_ids, filters, now)
        total = session.exec(_joined(select(func.count(Booking.id))).where(*conditions)).one()
        rows = session.exec(
            _joined(select(*_COLUMNS))
            .where(*conditions)
            .order_by(Booking.created_at.desc(), Booking.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    return BookingPage([_row(values, now) for values in rows], total, page, page_size)
