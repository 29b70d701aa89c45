"""Discovery search of the youth app: offers around a place or all over France (O3, F6, F9).

Only offers young users may see are found (rules O3, F9: structure validated, offer
approved and active, at least one bookable stock). National offers (F6) and digital ones
match every location; they have no distance and come after located offers when sorting
by distance.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, func, select

from pass_culture import clock, db
from pass_culture.models import (
    Offer,
    Offerer,
    OfferStatus,
    Stock,
    ValidationStatus,
    Venue,
)
from services import policy, search_engine, search_index
from services.errors import DomainError
from services.geo import distance_km
from services.offers import bookable_stock_clause
from services.search_categories import get_search_category, search_category_of
from services.subcategories import SUBCATEGORIES

COUNT_CAP = 1001  # counting stops there: the screen shows "1 000+"
MAX_LIMIT = 50
MAX_TEXT_LENGTH = 200
MAX_WORDS = 10
SORTS = ("distance", "date", "price")
ACCESSIBILITY = {
    "visual": "visual_disability_compliant",
    "mental": "mental_disability_compliant",
    "motor": "motor_disability_compliant",
    "audio": "audio_disability_compliant",
}
# The shortest word a typo is forgiven in ("theatrr" → "théâtre"); its first letter is
# taken as typed.
TYPO_MIN_LENGTH = 4


@dataclass(frozen=True)
class SearchQuery:
    latitude: float | None = None  # None = "France entière"
    longitude: float | None = None
    radius_km: int = policy.DEFAULT_RADIUS_KM
    text: str = ""
    categories: tuple[str, ...] = ()  # search category ids; empty = all
    free_only: bool = False
    max_price: int | None = None  # cents, inclusive
    date_from: datetime | None = None  # events with a bookable stock starting in the range
    date_to: datetime | None = None
    duo_only: bool = False
    accessibility: tuple[str, ...] = ()  # "visual", "mental", "motor", "audio"
    sort: str = "distance"  # "distance" (without a location: "date"), "date", "price"
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class SearchHit:
    offer_id: int
    name: str
    venue_id: int
    venue_name: str
    city: str | None
    image_url: str | None
    category_id: str
    category_label: str
    subcategory_label: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None
    first_date: datetime | None
    min_price: int
    is_duo: bool
    is_national: bool
    is_digital: bool


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    total_is_capped: bool


# --- Text ----------------------------------------------------------------------------


def normalize_words(text: str) -> list[str]:
    """Words as the index folds them: "L'Été" → ["l", "ete"] (services/search_index)."""
    return search_index.fold_words(text)


def within_one_edit(word: str, other: str) -> bool:
    """One letter replaced, added, removed, or two neighbours swapped (or none)."""
    if word == other:
        return True
    if abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == other[diff[1]]
            and word[diff[1]] == other[diff[0]]
        )
    short, long = (word, other) if len(word) < len(other) else (other, word)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _word_matches(word: str, doc_words: set[str], *, prefix: bool, typo: bool) -> bool:
    if word in doc_words:
        return True
    if prefix and any(w.startswith(word) for w in doc_words):
        return True
    if typo and len(word) >= TYPO_MIN_LENGTH:
        return any(w[:1] == word[:1] and within_one_edit(word, w) for w in doc_words)
    return False


def text_matches(words: list[str], doc_words: set[str], *, typo: bool = False) -> bool:
    """Every word is in the document; the last one may be the start of a word (typing)."""
    last = len(words) - 1
    return all(
        _word_matches(word, doc_words, prefix=i == last, typo=typo) for i, word in enumerate(words)
    )


def document_words(name: str, extra_data: dict | None, *venue_names: str | None) -> set[str]:
    """What free text looks at: the offer's name, its author or performer, the venue."""
    extra = extra_data or {}
    parts = [name, str(extra.get("author") or ""), str(extra.get("performer") or "")]
    return set(normalize_words(" ".join(parts + [n or "" for n in venue_names])))


# --- Checking the query --------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """A checked query, as the search runs it."""

    query: SearchQuery
    words: list[str]
    subcategory_ids: tuple[str, ...] | None  # None = every subcategory
    sort: str
    located: bool


def _error(code: str, message: str) -> DomainError:
    return DomainError(code, message)


def check_query(query: SearchQuery) -> Plan:
    """Bad input gets a French message; text reduced to nothing searches everything."""
    if (query.latitude is None) != (query.longitude is None):
        raise _error("invalid_location", "La position doit avoir une latitude et une longitude.")
    located = query.latitude is not None
    if located and not (
        _is_number(query.latitude)
        and _is_number(query.longitude)
        and -90 <= query.latitude <= 90
        and -180 <= query.longitude <= 180
    ):
        raise _error("invalid_location", "Cette position n'existe pas.")
    if not isinstance(query.radius_km, int) or not 1 <= query.radius_km <= policy.MAX_RADIUS_KM:
        raise _error(
            "invalid_radius",
            f"Le rayon de recherche doit être compris entre 1 et {policy.MAX_RADIUS_KM} km.",
        )
    if not isinstance(query.limit, int) or not 1 <= query.limit <= MAX_LIMIT:
        raise _error("invalid_limit", f"Une page compte entre 1 et {MAX_LIMIT} résultats.")
    if not isinstance(query.offset, int) or query.offset < 0:
        raise _error("invalid_offset", "La position dans les résultats ne peut être négative.")
    if query.max_price is not None and (
        not isinstance(query.max_price, int) or query.max_price < 0
    ):
        raise _error("invalid_price", "Le prix maximum ne peut être négatif.")
    for moment in (query.date_from, query.date_to):
        if moment is not None and (not isinstance(moment, datetime) or moment.tzinfo is None):
            raise _error("invalid_dates", "Les dates de recherche doivent porter un fuseau.")
    if query.date_from and query.date_to and query.date_to <= query.date_from:
        raise _error("invalid_dates", "La date de fin doit suivre la date de début.")
    unknown = set(query.accessibility) - set(ACCESSIBILITY)
    if unknown:
        raise _error("invalid_accessibility", "Ce critère d'accessibilité n'existe pas.")
    if query.sort not in SORTS:
        raise _error("invalid_sort", "Ce tri n'existe pas : distance, date ou prix.")
    text = query.text or ""
    if len(text) > MAX_TEXT_LENGTH:
        raise _error(
            "text_too_long", f"La recherche ne doit pas dépasser {MAX_TEXT_LENGTH} caractères."
        )
    words = normalize_words(text)[:MAX_WORDS]
    subcategory_ids = None
    if query.categories:
        wanted = {get_search_category(c).id for c in query.categories}
        subcategory_ids = tuple(s for s in SUBCATEGORIES if search_category_of(s).id in wanted)
    sort = query.sort if located or query.sort != "distance" else "date"
    return Plan(query, words, subcategory_ids, sort, located)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


# --- The reference search: exact, simple, for small catalogues -------------------------


def stock_window(query: SearchQuery, now: datetime) -> tuple:
    """Rule F9 for stocks, and the date range asked: the stocks a hit is made of."""
    clause = list(bookable_stock_clause(now))
    if query.date_from is not None:
        clause.append(Stock.beginning_at >= query.date_from)
    if query.date_to is not None:
        clause.append(Stock.beginning_at < query.date_to)
    if query.date_from is not None or query.date_to is not None:
        clause.append(Stock.beginning_at.is_not(None))
    return tuple(clause)


def _reference_rows(plan: Plan, now: datetime):
    query = plan.query
    min_price = func.min(Stock.price)
    first_date = func.min(Stock.beginning_at)
    statement = (
        select(
            Offer.id,
            Offer.name,
            Offer.subcategory_id,
            Offer.image_url,
            Offer.is_duo,
            Offer.is_national,
            Offer.extra_data,
            Venue.id.label("venue_id"),
            Venue.name.label("venue_name"),
            Venue.public_name,
            Venue.city,
            Venue.latitude,
            Venue.longitude,
            Venue.is_virtual,
            min_price.label("min_price"),
            first_date.label("first_date"),
        )
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Offerer, Offerer.id == Venue.offerer_id)
        .join(Stock, and_(Stock.offer_id == Offer.id, *stock_window(query, now)))
        .where(
            Offerer.validation_status == ValidationStatus.VALIDATED,
            Offer.validation_status == OfferStatus.APPROVED,
            Offer.is_active,
        )
        .group_by(Offer.id, Venue.id)
    )
    if plan.subcategory_ids is not None:
        statement = statement.where(Offer.subcategory_id.in_(plan.subcategory_ids))
    if query.duo_only:
        statement = statement.where(Offer.is_duo)
    for flag in query.accessibility:
        statement = statement.where(getattr(Venue, ACCESSIBILITY[flag]).is_(True))
    if query.free_only:
        statement = statement.having(min_price == 0)
    if query.max_price is not None:
        statement = statement.having(min_price <= query.max_price)
    with db.transaction(write=False) as session:
        return list(session.execute(statement))


def _hit(row, distance: float | None, price: int | None = None, date=None) -> SearchHit:
    subcategory = SUBCATEGORIES[row.subcategory_id]
    category = search_category_of(row.subcategory_id)
    return SearchHit(
        offer_id=row.id,
        name=row.name,
        venue_id=row.venue_id,
        venue_name=row.public_name or row.venue_name,
        city=row.city,
        image_url=row.image_url,
        category_id=category.id,
        category_label=category.label,
        subcategory_label=subcategory.label,
        latitude=row.latitude,
        longitude=row.longitude,
        distance_km=distance,
        first_date=_aware(date if price is not None else row.first_date)
        if subcategory.is_event
        else None,
        min_price=row.min_price if price is None else price,
        is_duo=row.is_duo,
        is_national=row.is_national,
        is_digital=row.is_virtual,
    )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=clock.utcnow().tzinfo)


def sort_key(plan: Plan):
    """Order of the hits: by distance, first date or price, then offer id."""
    far = float("inf")
    if plan.sort == "distance":
        return lambda h: (h.distance_km is None, h.distance_km or 0.0, h.offer_id)
    if plan.sort == "date":
        return lambda h: (
            h.first_date is None,
            h.first_date.timestamp() if h.first_date else far,
            h.offer_id,
        )
    return lambda h: (h.min_price, h.offer_id)


def reference_search(plan: Plan, now: datetime) -> SearchResult:
    """Every visible offer read and filtered in Python: exact, and slow on large data."""
    query = plan.query
    hits = []
    for typo in (False, True):
        hits = []
        for row in _reference_rows(plan, now):
            everywhere = row.is_national or row.is_virtual or row.latitude is None
            distance = None
            if plan.located and not everywhere:
                distance = distance_km(query.latitude, query.longitude, row.latitude, row.longitude)
                if distance > query.radius_km:
                    continue
            if plan.words and not text_matches(
                plan.words,
                document_words(row.name, row.extra_data, row.venue_name, row.public_name),
                typo=typo,
            ):
                continue
            hits.append(_hit(row, distance))
        if hits or not plan.words:
            break
    hits.sort(key=sort_key(plan))
    total = min(len(hits), COUNT_CAP)
    page = hits[query.offset : query.offset + query.limit]
    return SearchResult(hits=page, total=total, total_is_capped=total >= COUNT_CAP)


def _ask(plan: Plan, now: datetime, tests) -> search_engine.Ask:
    query = plan.query
    max_price = query.max_price
    if query.free_only:
        max_price = 0
    categories = None
    if query.categories:
        categories = tuple(sorted({get_search_category(c).id for c in query.categories}))
    mask = sum(search_index.ACCESS_BITS[flag] for flag in set(query.accessibility))
    return search_engine.Ask(
        latitude=query.latitude,
        longitude=query.longitude,
        radius_km=query.radius_km,
        words=tests,
        categories=categories,
        duo_only=query.duo_only,
        access_mask=mask,
        max_price=max_price,
        date_from=query.date_from,
        date_to=query.date_to,
        sort=plan.sort,
        offset=query.offset,
        limit=query.limit,
        count_cap=COUNT_CAP,
        now=now,
    )


@dataclass(frozen=True)
class _Detail:
    id: int
    name: str
    subcategory_id: str
    image_url: str | None
    is_duo: bool
    is_national: bool
    venue_id: int
    venue_name: str
    public_name: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    is_virtual: bool


def _moment(value) -> datetime | None:
    if isinstance(value, str):  # SQLite: naive UTC text
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


def _hits(engine: search_engine.Engine, found: search_engine.Found, plan: Plan):
    if not found.ids:
        return []
    rows = engine.details(found.ids)
    values = engine.page_values(found, rows)
    query = plan.query
    hits = []
    for offer_id in found.ids:
        row = rows[offer_id]
        detail = _Detail(*row[:4], bool(row[4]), bool(row[5]), *row[6:12], bool(row[12]))
        price, date = values[offer_id]
        distance = None
        if plan.located and row[13] != search_index.EVERYWHERE:
            distance = distance_km(query.latitude, query.longitude, row[10], row[11])
        hits.append(_hit(detail, distance, price, _moment(date)))
    return hits


def search_offers(query: SearchQuery, *, now: datetime | None = None) -> SearchResult:
    """The offers a young user may book that match the query, one page, and their count
    (capped at COUNT_CAP). Nothing matches exactly → one typo per word is forgiven."""
    now = now or clock.utcnow()
    plan = check_query(query)
    with db.sql_transaction(write=False) as connection:
        if connection.dialect.name == "postgresql":
            # Small indexed reads: no JIT compilation, no parallel workers (2 cores). A
            # query repeated 5 times is prepared by psycopg, and PostgreSQL may then keep a
            # generic plan that ignores which word is asked (a merge join over a frequent
            # word's whole posting list, ×10 slower): plan each execution for its values.
            connection.exec_driver_sql(
                "SELECT set_config('jit', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true), "
                "set_config('plan_cache_mode', 'force_custom_plan', true)"
            )
        found = None
        for typo in (False, True):
            if typo and not any(len(w) >= TYPO_MIN_LENGTH for w in plan.words):
                break
            tests = search_engine.expand_words(connection, plan.words, typo=typo)
            engine = search_engine.Engine(connection, _ask(plan, now, tests))
            found = engine.run()
            if found.total or not plan.words:
                break
        hits = _hits(engine, found, plan)
    return SearchResult(hits=hits, total=found.total, total_is_capped=found.total >= COUNT_CAP)


def reference_offers(query: SearchQuery, *, now: datetime | None = None) -> SearchResult:
    """The same answer by the reference search (tests, benchmark baseline)."""
    return reference_search(check_query(query), now or clock.utcnow())
