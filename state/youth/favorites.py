"""/favoris: the young user's favourite offers, sorted as chosen; removing one takes it
off the list. Offers no longer bookable stay, marked as such."""

import asyncio

import reflex as rx

from services import favorites
from services.errors import DomainError
from state.youth.cards import card_from_favorite
from state.youth.favorite_toggle import FavoriteToggle
from state.youth.location import LocationState

SORT_LABELS = {
    "recent": "Ajouté récemment",
    "price": "Prix croissant",
    "distance": "Proximité géographique",
}


class FavoritesState(FavoriteToggle, LocationState):
    sort: str = "recent"
    cards: list[dict] = []
    error: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        coordinates = self._coordinates()
        if self.sort == "distance" and coordinates is None:
            self.error = "Choisis d'abord un lieu dans la recherche pour trier par proximité."
            self.sort = "recent"
        else:
            self.error = ""
        latitude, longitude = coordinates or (None, None)
        try:
            items = await asyncio.to_thread(
                favorites.list_favorites,
                user.id,
                sort=self.sort,
                latitude=latitude,
                longitude=longitude,
            )
        except DomainError as refusal:
            self.error = refusal.message
            return
        self.cards = [card_from_favorite(item) for item in items]
        self.loaded = True

    @rx.event
    def set_sort(self, value: str):
        self.sort = value if value in SORT_LABELS else "recent"
        return FavoritesState.load

    def _mark_favorite(self, offer_id: int, favorite: bool) -> None:
        if not favorite:
            self.cards = [card for card in self.cards if card["offer_id"] != offer_id]
