"""Highlights (rule F11): the offers a pro puts in the venue's carousel, which young users
see on their home ("Coups de cœur des lieux"). Only an offer with a hook image can be put
forward, and a venue has at most MAX_PER_VENUE of them."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import Offer, Venue
from services.errors import DomainError
from services.offers import owned_offer

MAX_PER_VENUE = 10


def set_highlighted(
    pro_user_id: int, offer_id: int, highlighted: bool, *, now: datetime | None = None
) -> Offer:
    """Put the offer forward (or take it back); rule O7: the pro's own offers only.

    The venue's row is locked first, so two offers put forward at once never exceed the
    limit."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, _venue = owned_offer(session, pro_user_id, offer_id)
        if not highlighted:
            offer.highlighted_at = None
            return offer
        if offer.highlighted_at is not None:
            return offer
        if not offer.image_url:
            raise DomainError(
                "highlight_needs_image",
                "Ajoutez une image d'accroche à l'offre pour la mettre en avant.",
            )
        db.lock_one(session, Venue, offer.venue_id)
        if highlighted_count(session, offer.venue_id) >= MAX_PER_VENUE:
            raise DomainError(
                "too_many_highlights",
                f"Ce lieu met déjà {MAX_PER_VENUE} offres en avant : retirez-en une d'abord.",
            )
        offer.highlighted_at = now
    return offer


def highlighted_count(session: db.Executor, venue_id: int) -> int:
    return session.execute(
        select(func.count(Offer.id)).where(
            Offer.venue_id == venue_id, Offer.highlighted_at.is_not(None)
        )
    ).scalar_one()


def highlighted_among(offer_ids: Iterable[int]) -> set[int]:
    """Which of these offers their venue puts forward (one query)."""
    ids = sorted(set(offer_ids))
    if not ids:
        return set()
    with db.transaction(write=False) as session:
        return set(
            session.exec(
                select(Offer.id).where(Offer.id.in_(ids), Offer.highlighted_at.is_not(None))
            )
        )
