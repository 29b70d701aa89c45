"""The heart button of offer cards, shared by the pages that list cards."""

import asyncio

import reflex as rx

from services import favorites
from services.errors import DomainError


def _toggle(user_id: int, offer_id: int) -> bool:
    """Adds or removes the favourite, as it is in the database now; returns the new state."""
    if offer_id in favorites.favorite_ids(user_id, [offer_id]):
        favorites.remove_favorite(user_id, offer_id)
        return False
    favorites.add_favorite(user_id, offer_id)
    return True


class FavoriteToggle(rx.State, mixin=True):
    """Mixed into a youth page state, which marks its cards in `_mark_favorite`."""

    def _mark_favorite(self, offer_id: int, favorite: bool) -> None:
        raise NotImplementedError

    @rx.event
    async def toggle_favorite(self, offer_id: int):
        user = await self._signed_in_user()
        try:
            offer_id = int(offer_id)
            favorite = await asyncio.to_thread(_toggle, user.id, offer_id)
        except (TypeError, ValueError):
            return rx.toast.error("Cette offre n'existe pas.", position="top-center")
        except DomainError as refusal:
            return rx.toast.error(refusal.message, position="top-center")
        self._mark_favorite(offer_id, favorite)
        return None
