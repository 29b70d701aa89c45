"""The youth home: the way to the credit for a young user without one (rule C1), offers
near the stored place, the venues' highlights (rule F11), the category doors and
"À découvrir" (rule E1)."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from services import favorites, identity_checks, price_ranges, recommendations, search
from services.identity_checks import Journey, Step
from services.search import SearchHit, SearchQuery
from state.youth.cards import card_from_hit, with_favorite
from state.youth.favorite_toggle import FavoriteToggle
from state.youth.identity import credit_line
from state.youth.location import LocationState
from state.youth.resend_link import ResendLink

NEAR_COUNT = 4


@dataclass
class _Home:
    near: list[SearchHit]
    highlights: list[SearchHit]
    discover: list[recommendations.Recommendation]
    favorite: set[int]
    ranged: set[int]
    journey: Journey | None


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
        identity_checks.journey(user_id),
    )


class HomeState(FavoriteToggle, ResendLink, LocationState):
    near: list[dict] = []
    highlights: list[dict] = []
    discover: list[dict] = []
    loaded: bool = False
    # The card of the way to the credit: a services.identity_checks.Step, "" for none.
    journey_step: str = ""
    journey_message: str = ""
    credit: str = ""  # « Crédit activé : … », shown while it is news

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
        self._show_journey(home.journey)
        self.loaded = True

    def _show_journey(self, journey: Journey | None) -> None:
        self.journey_step = journey.step if journey else ""
        self.journey_message = journey.message if journey else ""
        news = journey is not None and journey.step == Step.CREDITED and journey.credit_is_news
        self.credit = credit_line(journey) if news else ""
        self.resend_notice = self.resend_error = ""

    def _mark_favorite(self, offer_id: int, favorite: bool) -> None:
        self.near = with_favorite(self.near, offer_id, favorite)
        self.highlights = with_favorite(self.highlights, offer_id, favorite)
        self.discover = with_favorite(self.discover, offer_id, favorite)
