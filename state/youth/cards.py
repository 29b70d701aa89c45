"""Offer cards as the youth pages show them: small plain dicts, texts ready in French
(distance, first date in Paris time, price), shared by search, home and favourites."""

from datetime import datetime

from pass_culture import clock
from services.favorites import FavoriteItem
from services.search import SearchHit

DAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def short_date(moment: datetime | None) -> str:
    """ "sam. 12 déc. à 20 h 30" (Paris time); "" without a date."""
    if moment is None:
        return ""
    local = clock.to_paris(moment)
    hour = (
        f"{local.hour}\u00a0h\u00a0{local.minute:02d}" if local.minute else f"{local.hour}\u00a0h"
    )
    return f"{DAYS[local.weekday()]} {local.day}\u00a0{MONTHS[local.month - 1]} à {hour}"


def price_text(cents: int | None, *, several: bool = False) -> str:
    """ "Gratuit", "8 €", "5,50 €", "dès 8 €"; "" when there is no price any more."""
    if cents is None:
        return ""
    if cents == 0 and not several:
        return "Gratuit"
    whole, rest = divmod(cents, 100)
    amount = f"{whole}\u00a0€" if rest == 0 else f"{whole},{rest:02d}\u00a0€"
    return f"dès {amount}" if several else amount


def distance_text(kilometres: float | None) -> str:
    """ "à 3,2 km", "à 350 m"; "" when unknown."""
    if kilometres is None:
        return ""
    if kilometres < 1:
        return f"à\u00a0{max(10, round(kilometres * 1000, -1)):.0f}\u00a0m"
    shown = f"{kilometres:.1f}" if kilometres < 10 else f"{kilometres:.0f}"
    return f"à\u00a0{shown.replace('.', ',')}\u00a0km"


def _where(hit: SearchHit) -> str:
    if hit.is_digital:
        return "En ligne"
    if hit.is_national:
        return "Partout en France"
    return distance_text(hit.distance_km) or (hit.city or "")


def card_from_hit(
    hit: SearchHit, *, favorite: bool, several_prices: bool = False, reason: str = ""
) -> dict:
    return {
        "offer_id": hit.offer_id,
        "href": f"/offre/{hit.offer_id}",
        "name": hit.name,
        "venue": hit.venue_name,
        "where": _where(hit),
        "date": short_date(hit.first_date),
        "price": price_text(hit.min_price, several=several_prices),
        "is_duo": hit.is_duo,
        "image_url": hit.image_url or "",
        "category_id": hit.category_id,
        "category_label": hit.category_label,
        "favorite": favorite,
        "available": True,
        "reason": reason,
    }


def card_from_favorite(item: FavoriteItem) -> dict:
    return {
        "offer_id": item.offer_id,
        "href": f"/offre/{item.offer_id}",
        "name": item.name,
        "venue": item.venue_name,
        "where": distance_text(item.distance_km) or (item.city or ""),
        "date": short_date(item.first_date),
        "price": price_text(item.min_price),
        "is_duo": False,
        "image_url": item.image_url or "",
        "category_id": "",
        "category_label": item.category_label,
        "favorite": True,
        "available": item.is_bookable,
        "reason": "",
    }


def with_favorite(cards: list[dict], offer_id: int, favorite: bool) -> list[dict]:
    """The same cards, the one of `offer_id` marked (or not) as a favourite."""
    return [
        card | {"favorite": favorite} if card["offer_id"] == offer_id else card for card in cards
    ]


def marker_from_hit(hit: SearchHit, *, several_prices: bool = False) -> dict | None:
    """A map marker for a located hit (national and digital offers have none)."""
    if hit.latitude is None or hit.longitude is None or hit.is_national or hit.is_digital:
        return None
    return {
        "id": hit.offer_id,
        "lat": hit.latitude,
        "lng": hit.longitude,
        "name": hit.name,
        "venue": hit.venue_name,
        "price": price_text(hit.min_price, several=several_prices),
        "href": f"/offre/{hit.offer_id}",
    }
