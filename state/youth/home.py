"""The youth home: offers near the stored place, the venues' highlights (rule F11), the
category doors and "À découvrir" (rule E1)."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from services import favorites, price_ranges, recommendations, search
from services.search import SearchHit, SearchQuery
from state.youth.cards import card_from_hit, with_favorite
from state.youth.favorite_toggle import FavoriteToggle
from state.youth.location import LocationState

NEAR_COUNT = 4


@dataclass
class _Home:
    near: list[SearchHit]
    highlights: list[SearchHit]
    discover: list[recommendations.Recommendation]
    favorite: set[int]
    ranged: set[int]


def _read(user_id: int, coordinates: tuple[float, float] | None) -> _Home:
    near = []
    latitude, longitude = coordinates or (None, None)
    if coordinates:
        query = SearchQuery(latitude=latitude, longitude=longitude, limit=NEAR_COUNT)
        near = search.search_offers(query).hits
    highlights = recommendations.venue_highlights(latitude=latitude, longitude=longitude)
    discover = recommendations.discover_offers(user_id, latitude=latitude, longitude=longitude)
    shown = [h.offer_id for h in near + highlights] + [r.hit.offer_id for r in discover]
    return _Home(
        near,
        highlights,
        discover,
        favorites.favorite_ids(user_id, shown),
        price_ranges.several_prices(shown),
    )


class HomeState(FavoriteToggle, LocationState):
    near: list[dict] = []
    highlights: list[dict] = []
    discover: list[dict] = []
    loaded: bool = False

    @rx.var
    def has_place(self) -> bool:
        return self._coordinates() is not None

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        home = await asyncio.to_thread(_read, user.id, self._coordinates())
        liked = home.favorite
        self.near = [card_from_hit(h, favorite=h.offer_id in liked) for h in home.near]
        self.highlights = [card_from_hit(h, favorite=h.offer_id in liked) for h in home.highlights]
        self.discover = [
            card_from_hit(r.hit, favorite=r.hit.offer_id in liked, reason=r.reason)
            for r in home.discover
        ]
        self.loaded = True

    def _mark_favorite(self, offer_id: int, favorite: bool) -> None:
        self.near = with_favorite(self.near, offer_id, favorite)
        self.highlights = with_favorite(self.highlights, offer_id, favorite)
        self.discover = with_favorite(self.discover, offer_id, favorite)
