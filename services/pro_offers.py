"""The pro's offers list (/pro/offres): filters, statuses with their counts, duplication and
the stocks of an offer (rules O7, F8, F9, F11).

Every offer of the structures the pro is a validated member of (or of one of them, for the
structure switcher). Ids given by the caller are re-checked: another structure's venue or
offer is refused as unknown (rule O7, no oracle).
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, exists, func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, Offer, OfferStatus, Stock, Venue
from services.access import offerer_ids_of
from services.errors import DomainError, NotFound
from services.identifiers import parse_id
from services.offers import bookable_stock_clause, owned_offer
from services.subcategories import CATEGORIES, SUBCATEGORIES, get_subcategory, subcategories_of
from services.timezones import department_timezone

MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 200
COPY_SUFFIX = " (copie)"
_NAME_MAX = 140


class ProOfferStatus(StrEnum):
    """The statuses the pro sees, derived as pcapi's `Offer.status`."""

    DRAFT = "draft"  # brouillon
    PENDING = "pending"  # en instruction
    PUBLISHED = "published"  # publiée: young users may book it (F9)
    REJECTED = "rejected"  # refusée
    INACTIVE = "inactive"  # désactivée by the pro
    SOLD_OUT = "sold_out"  # épuisée: no place left on a stock still open (or no stock)
    EXPIRED = "expired"  # expirée: every stock's booking limit or start has passed


STATUS_LABELS = {
    ProOfferStatus.DRAFT: "Brouillon",
    ProOfferStatus.PENDING: "En instruction",
    ProOfferStatus.PUBLISHED: "Publiée",
    ProOfferStatus.REJECTED: "Refusée",
    ProOfferStatus.INACTIVE: "Désactivée",
    ProOfferStatus.SOLD_OUT: "Épuisée",
    ProOfferStatus.EXPIRED: "Expirée",
}


@dataclass(frozen=True)
class OfferFilters:
    offerer_id: int | None = None
    venue_id: int | None = None
    status: ProOfferStatus | None = None
    category: str | None = None  # a category of the catalogue (CATEGORIES), rule F1
    text: str = ""  # the offer's name or EAN

    @classmethod
    def parse(
        cls,
        *,
        offerer: str = "",
        venue: str = "",
        status: str = "",
        category: str = "",
        text: str = "",
    ) -> "OfferFilters":
        """From the page's fields; a bad value raises a DomainError in French."""
        text = text.strip()
        if len(text) > MAX_SEARCH_LENGTH:
            raise _invalid(f"La recherche ne peut pas dépasser {MAX_SEARCH_LENGTH} caractères.")
        if category and category not in CATEGORIES:
            raise _invalid("Cette catégorie n'existe pas.")
        try:
            chosen_status = ProOfferStatus(status) if status else None
        except ValueError:
            raise _invalid("Ce statut n'existe pas.") from None
        return cls(
            offerer_id=_optional_id(offerer, "La structure"),
            venue_id=_optional_id(venue, "Le lieu"),
            status=chosen_status,
            category=category or None,
            text=text,
        )


@dataclass(frozen=True)
class StockSummary:
    count: int  # stocks not deleted
    remaining: int | None  # places left on stocks still open; None: unlimited
    next_date: datetime | None  # the next event date still open


@dataclass(frozen=True)
class ProOfferRow:
    id: int
    name: str
    ean: str
    venue_id: int
    venue_name: str
    subcategory_label: str
    image_url: str
    status: ProOfferStatus
    is_event: bool
    highlighted: bool
    stocks: StockSummary

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class OfferPage:
    rows: list[ProOfferRow]
    total: int  # offers matching every filter
    counts: dict[ProOfferStatus, int]  # by status, the other filters applied
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class ProStockRow:
    id: int
    price: int  # cents
    price_label: str
    quantity: int | None
    booked_quantity: int
    beginning_at: datetime | None
    booking_limit_at: datetime | None
    unused_bookings: int  # a deletion cancels them (rule B10)


@dataclass(frozen=True)
class OfferStocks:
    offer_id: int
    offer_name: str
    is_event: bool
    timezone: ZoneInfo  # the venue's: dates are typed and shown in its local time
    stocks: list[ProStockRow]


def _invalid(message: str) -> DomainError:
    return DomainError("invalid_offer_filter", message)


def _optional_id(raw: str, label: str) -> int | None:
    if not str(raw).strip():
        return None
    value = parse_id(raw)
    if value is None:
        raise _invalid(f"{label} n'est pas un identifiant valide.")
    return value


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def status_expression(now: datetime):
    """The status as SQL (one CASE), to filter and count on."""
    live = ~Stock.is_soft_deleted
    has_stock = exists().where(Stock.offer_id == Offer.id, live)
    bookable = exists().where(Stock.offer_id == Offer.id, *bookable_stock_clause(now))
    still_open = exists().where(
        Stock.offer_id == Offer.id,
        live,
        or_(Stock.booking_limit_at.is_(None), Stock.booking_limit_at > now),
        or_(Stock.beginning_at.is_(None), Stock.beginning_at > now),
    )
    return case(
        (Offer.validation_status == OfferStatus.DRAFT, ProOfferStatus.DRAFT.value),
        (Offer.validation_status == OfferStatus.PENDING, ProOfferStatus.PENDING.value),
        (Offer.validation_status == OfferStatus.REJECTED, ProOfferStatus.REJECTED.value),
        (~Offer.is_active, ProOfferStatus.INACTIVE.value),
        (bookable, ProOfferStatus.PUBLISHED.value),
        (and_(has_stock, ~still_open), ProOfferStatus.EXPIRED.value),
        else_=ProOfferStatus.SOLD_OUT.value,
    )


def _structures(session: Session, pro_user_id: int, filters: OfferFilters) -> list[int]:
    """Rule O7: the pro's structures, narrowed by the filters' structure and venue."""
    offerer_ids = offerer_ids_of(session, pro_user_id)
    if filters.offerer_id is not None:
        if filters.offerer_id not in offerer_ids:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        offerer_ids = {filters.offerer_id}
    if filters.venue_id is not None:
        venue = session.get(Venue, filters.venue_id)
        if venue is None or venue.offerer_id not in offerer_ids:
            raise NotFound("venue_not_found", "Ce lieu n'existe pas.")
    return sorted(offerer_ids)


def _conditions(offerer_ids: list[int], filters: OfferFilters) -> list:
    conditions = [Venue.offerer_id.in_(offerer_ids)]
    if filters.venue_id is not None:
        conditions.append(Offer.venue_id == filters.venue_id)
    if filters.category is not None:
        ids = [s.id for s in subcategories_of(filters.category)]
        conditions.append(Offer.subcategory_id.in_(ids))
    if filters.text:
        pattern = _like(filters.text)
        conditions.append(
            or_(
                func.lower(Offer.name).like(pattern, escape="\\"),
                func.lower(Offer.ean).like(pattern, escape="\\"),
            )
        )
    return conditions


def list_offers(
    pro_user_id: int,
    filters: OfferFilters,
    *,
    page: int = 1,
    page_size: int = 20,
    now: datetime | None = None,
) -> OfferPage:
    """A page of the pro's offers, most recently created first, with the count of each
    status (the status filter left out of those counts)."""
    now = now or clock.utcnow()
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    page = max(page, 1)
    status = status_expression(now).label("status")
    with db.transaction(write=False) as session:
        offerer_ids = _structures(session, pro_user_id, filters)
        if not offerer_ids:
            return OfferPage([], 0, dict.fromkeys(ProOfferStatus, 0), page, page_size)
        conditions = _conditions(offerer_ids, filters)
        counted = (
            select(status, func.count(Offer.id))
            .join(Venue, Venue.id == Offer.venue_id)
            .where(*conditions)
            .group_by(status)
        )
        counts = dict.fromkeys(ProOfferStatus, 0)
        for value, count in session.exec(counted):
            counts[ProOfferStatus(value)] = count
        total = counts[filters.status] if filters.status else sum(counts.values())
        listed = (
            select(Offer, Venue.name, Venue.public_name, status)
            .join(Venue, Venue.id == Offer.venue_id)
            .where(*conditions)
        )
        if filters.status is not None:
            listed = listed.where(status_expression(now) == filters.status.value)
        found = session.exec(
            listed.order_by(Offer.created_at.desc(), Offer.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        summaries = _stock_summaries(session, [offer.id for offer, *_ in found], now)
    rows = [
        ProOfferRow(
            id=offer.id,
            name=offer.name,
            ean=offer.ean or "",
            venue_id=offer.venue_id,
            venue_name=public_name or venue_name,
            subcategory_label=get_subcategory(offer.subcategory_id).label,
            image_url=offer.image_url or "",
            status=ProOfferStatus(value),
            is_event=get_subcategory(offer.subcategory_id).is_event,
            highlighted=offer.highlighted_at is not None,
            stocks=summaries.get(offer.id, StockSummary(0, 0, None)),
        )
        for offer, venue_name, public_name, value in found
    ]
    return OfferPage(rows, total, counts, page, page_size)


def _is_open(stock: Stock, now: datetime) -> bool:
    return (stock.booking_limit_at is None or stock.booking_limit_at > now) and (
        stock.beginning_at is None or stock.beginning_at > now
    )


def _stock_summaries(
    session: Session, offer_ids: list[int], now: datetime
) -> dict[int, StockSummary]:
    """The page's stocks in one query, summed up by offer."""
    by_offer: dict[int, list[Stock]] = {}
    if offer_ids:
        stocks = session.exec(
            select(Stock).where(Stock.offer_id.in_(offer_ids), ~Stock.is_soft_deleted)
        )
        for stock in stocks:
            by_offer.setdefault(stock.offer_id, []).append(stock)
    summaries = {}
    for offer_id, stocks in by_offer.items():
        still_open = [s for s in stocks if s.is_active and _is_open(s, now)]
        unlimited = any(s.quantity is None for s in still_open)
        remaining = None if unlimited else sum(s.quantity - s.booked_quantity for s in still_open)
        dates = [s.beginning_at for s in still_open if s.beginning_at is not None]
        summaries[offer_id] = StockSummary(len(stocks), remaining, min(dates, default=None))
    return summaries


def list_stocks(pro_user_id: int, offer_id: int) -> OfferStocks:
    """The offer's stocks (dates first, then prices), with their unused bookings."""
    with db.transaction(write=False) as session:
        offer, venue = owned_offer(session, pro_user_id, offer_id)
        stocks = session.exec(
            select(Stock)
            .where(Stock.offer_id == offer.id, ~Stock.is_soft_deleted)
            .order_by(Stock.beginning_at, Stock.price, Stock.id)
        ).all()
        unused = dict(
            session.exec(
                select(Booking.stock_id, func.count(Booking.id))
                .where(Booking.offer_id == offer.id, Booking.status == BookingStatus.CONFIRMED)
                .group_by(Booking.stock_id)
            ).all()
        )
        rows = [
            ProStockRow(
                id=stock.id,
                price=stock.price,
                price_label=stock.price_label or "",
                quantity=stock.quantity,
                booked_quantity=stock.booked_quantity,
                beginning_at=stock.beginning_at,
                booking_limit_at=stock.booking_limit_at,
                unused_bookings=unused.get(stock.id, 0),
            )
            for stock in stocks
        ]
    return OfferStocks(
        offer_id=offer.id,
        offer_name=offer.name,
        is_event=get_subcategory(offer.subcategory_id).is_event,
        timezone=department_timezone(venue.department_code),
        stocks=rows,
    )


# What a copy takes from its offer (rule F2); provider links, review and highlight stay.
_COPIED_FIELDS = (
    "venue_id",
    "subcategory_id",
    "description",
    "image_url",
    "is_duo",
    "is_national",
    "url",
    "ean",
    "extra_data",
)


def duplicate_offer(pro_user_id: int, offer_id: int, *, now: datetime | None = None) -> Offer:
    """A new draft with the offer's fields, named "… (copie)". Its stocks still open are
    copied with nothing booked; past dates are not (the pro adds new ones). Bookings,
    review status, highlight and provider links are not copied."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, _venue = owned_offer(session, pro_user_id, offer_id)
        name = offer.name[: _NAME_MAX - len(COPY_SUFFIX)] + COPY_SUFFIX
        copy = Offer(
            name=name,
            validation_status=OfferStatus.DRAFT,
            created_at=now,
            updated_at=now,
            **{field: getattr(offer, field) for field in _COPIED_FIELDS},
        )
        session.add(copy)
        session.flush()
        stocks = session.exec(
            select(Stock).where(Stock.offer_id == offer.id, ~Stock.is_soft_deleted)
        ).all()
        session.add_all(
            Stock(
                offer_id=copy.id,
                price=stock.price,
                price_label=stock.price_label,
                quantity=stock.quantity,
                beginning_at=stock.beginning_at,
                booking_limit_at=stock.booking_limit_at,
                created_at=now,
                updated_at=now,
            )
            for stock in stocks
            if _is_open(stock, now)
        )
        session.flush()
    return copy


def category_choices() -> list[tuple[str, str]]:
    """(id, label) of the catalogue's categories that have subcategories, by label."""
    used = {s.category for s in SUBCATEGORIES.values()}
    return sorted(((k, v) for k, v in CATEGORIES.items() if k in used), key=lambda c: c[1])
