"""What the youth home suggests: venues' highlights (rule F11) and "À découvrir", offers
from categories the young user has not booked yet (rule E1, first step).

Both go through the discovery search, so only what rules O3 and F9 allow is suggested.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, Offer
from services import highlights, search
from services.search import SearchHit, SearchQuery
from services.search_categories import SEARCH_CATEGORIES, search_category_of

HIGHLIGHTS_POOL = search.MAX_LIMIT  # nearest offers looked at for highlights


@dataclass(frozen=True)
class Recommendation:
    hit: SearchHit
    reason: str  # "Pourquoi cette offre ?", one line


def booked_categories(user_id: int) -> set[str]:
    """Search categories of the user's bookings, cancelled ones left out."""
    statement = (
        select(Offer.subcategory_id)
        .join(Booking, Booking.offer_id == Offer.id)
        .where(Booking.user_id == user_id, Booking.status != BookingStatus.CANCELLED)
        .distinct()
    )
    with db.transaction(write=False) as session:
        return {search_category_of(row[0]).id for row in session.execute(statement)}


def _query(latitude: float | None, longitude: float | None, **fields) -> SearchQuery:
    located = latitude is not None and longitude is not None
    return SearchQuery(
        latitude=latitude if located else None,
        longitude=longitude if located else None,
        sort="distance" if located else "date",
        **fields,
    )


def discover_offers(
    user_id: int,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    limit: int = 6,
    now: datetime | None = None,
) -> list[Recommendation]:
    """Nearest offers of the categories the user never booked, one category after the
    other (landing order) so that each suggestion widens the user's tastes."""
    now = now or clock.utcnow()
    booked = booked_categories(user_id)
    per_category: list[tuple[str, list[SearchHit]]] = []
    for category in SEARCH_CATEGORIES:
        if category.id in booked:
            continue
        query = _query(latitude, longitude, categories=(category.id,), limit=limit)
        hits = search.search_offers(query, now=now).hits
        if hits:
            per_category.append((category.label, hits))
        if len(per_category) == limit:
            break
    suggestions: list[Recommendation] = []
    for rank in range(limit):
        for label, hits in per_category:
            if rank < len(hits) and len(suggestions) < limit:
                reason = f"Tu n'as encore rien réservé en {label}."
                suggestions.append(Recommendation(hits[rank], reason))
    return suggestions


def venue_highlights(
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    limit: int = 10,
    now: datetime | None = None,
) -> list[SearchHit]:
    """Rule F11: the offers their venue puts forward (with a hook image), among the
    nearest ones young users may see; one query on top of the search."""
    query = _query(latitude, longitude, limit=HIGHLIGHTS_POOL)
    found = search.search_offers(query, now=now or clock.utcnow()).hits
    hits = [hit for hit in found if hit.image_url]
    chosen = highlights.highlighted_among(hit.offer_id for hit in hits)
    return [hit for hit in hits if hit.offer_id in chosen][:limit]
