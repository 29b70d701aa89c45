"""A young user's favourite offers: add, remove, list (sorted as the youth app sorts them)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import Favorite, Offer, Offerer, Stock, Venue
from services import offers
from services.errors import DomainError, NotFound
from services.geo import distance_km
from services.subcategories import get_subcategory

SORTS = ("recent", "price", "distance")
MAX_FAVORITES = 500


@dataclass(frozen=True)
class FavoriteItem:
    offer_id: int
    name: str
    venue_name: str
    city: str | None
    image_url: str | None
    category_label: str
    min_price: int | None  # cents over bookable stocks; None once nothing is bookable
    first_date: datetime | None  # earliest bookable event date
    is_bookable: bool
    distance_km: float | None
    added_at: datetime


def add_favorite(user_id: int, offer_id: int, *, now: datetime | None = None) -> None:
    """Adds an offer young users may see (O3, F9 for the offer itself); twice is once."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        row = session.exec(
            select(Offer, Offerer)
            .join(Venue, Venue.id == Offer.venue_id)
            .join(Offerer, Offerer.id == Venue.offerer_id)
            .where(Offer.id == offer_id)
        ).first()
        if row is None or not offers.is_offer_visible(*row):
            raise NotFound("offer_unavailable", "Cette offre n'est pas disponible.")
        count = session.exec(
            select(func.count()).select_from(Favorite).where(Favorite.user_id == user_id)
        ).one()
        if count >= MAX_FAVORITES:
            raise DomainError(
                "too_many_favorites",
                f"Tu as déjà {MAX_FAVORITES} favoris : retires-en avant d'en ajouter.",
            )
        try:
            with session.begin_nested():
                session.add(Favorite(user_id=user_id, offer_id=offer_id, created_at=now))
        except IntegrityError:
            pass  # already a favourite


def remove_favorite(user_id: int, offer_id: int) -> None:
    with db.transaction() as session:
        session.exec(
            delete(Favorite).where(Favorite.user_id == user_id, Favorite.offer_id == offer_id)
        )


def favorite_ids(user_id: int, offer_ids: list[int]) -> set[int]:
    """Which of these offers the user has among their favourites."""
    if not offer_ids:
        return set()
    with db.transaction(write=False) as session:
        rows = session.exec(
            select(Favorite.offer_id).where(
                Favorite.user_id == user_id, Favorite.offer_id.in_(list(offer_ids))
            )
        )
        return set(rows)


def list_favorites(
    user_id: int,
    *,
    sort: str = "recent",
    latitude: float | None = None,
    longitude: float | None = None,
    now: datetime | None = None,
) -> list[FavoriteItem]:
    """Sorted by date added (newest first), price (cheapest first, unavailable last) or
    distance (nearest first; needs a point, places without one last)."""
    if sort not in SORTS:
        raise DomainError("invalid_sort", "Ce tri n'existe pas.")
    if sort == "distance" and (latitude is None or longitude is None):
        raise DomainError("no_location", "Choisis d'abord un lieu pour trier par distance.")
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        rows = session.exec(
            select(Favorite.created_at, Offer, Offerer, Venue)
            .join(Offer, Offer.id == Favorite.offer_id)
            .join(Venue, Venue.id == Offer.venue_id)
            .join(Offerer, Offerer.id == Venue.offerer_id)
            .where(Favorite.user_id == user_id)
        ).all()
        offer_ids = [offer.id for _added, offer, _offerer, _venue in rows]
        stocks = session.exec(
            select(Stock).where(Stock.offer_id.in_(offer_ids), *offers.bookable_stock_clause(now))
        ).all()
    bookable: dict[int, list[Stock]] = {}
    for stock in stocks:
        bookable.setdefault(stock.offer_id, []).append(stock)
    items = [
        _item(added, offer, offerer, venue, bookable.get(offer.id, []), latitude, longitude)
        for added, offer, offerer, venue in rows
    ]
    return sorted(items, key=_SORT_KEYS[sort])


def _item(added, offer, offerer, venue, stocks, latitude, longitude) -> FavoriteItem:
    visible = offers.is_offer_visible(offer, offerer) and bool(stocks)
    dates = [stock.beginning_at for stock in stocks if stock.beginning_at is not None]
    located = latitude is not None and longitude is not None and venue.latitude is not None
    return FavoriteItem(
        offer_id=offer.id,
        name=offer.name,
        venue_name=venue.display_name,
        city=venue.city,
        image_url=offer.image_url,
        category_label=get_subcategory(offer.subcategory_id).category_label,
        min_price=min(stock.price for stock in stocks) if visible else None,
        first_date=min(dates) if visible and dates else None,
        is_bookable=visible,
        distance_km=(
            distance_km(latitude, longitude, venue.latitude, venue.longitude) if located else None
        ),
        added_at=added,
    )


_NEVER = float("inf")
_SORT_KEYS = {
    "recent": lambda item: (-item.added_at.timestamp(), item.offer_id),
    "price": lambda item: (item.min_price is None, item.min_price or 0, item.offer_id),
    "distance": lambda item: (
        item.distance_km is None,
        item.distance_km if item.distance_km is not None else _NEVER,
        item.offer_id,
    ),
}
