"""What the pro's bookings filters offer to choose from (services/pro_bookings.py): the
pro's structures, their venues and booked offers (rule O7: theirs only)."""

from dataclasses import dataclass

from sqlmodel import select

from pass_culture import db
from pass_culture.models import Booking, Offer, Venue
from services.access import offerer_ids_of

MAX_OFFERS = 500  # beyond, the search field finds an offer by its name or EAN


@dataclass(frozen=True)
class FilterChoices:
    offerer_ids: list[int]  # in id order
    venues: list[tuple[int, str]]  # (id, name), by name
    offers: list[tuple[int, str]]  # offers with at least one booking, by name


def structures_of(pro_user_id: int) -> frozenset[int]:
    """The structures whose bookings the pro sees (validated memberships)."""
    with db.transaction(write=False) as session:
        return frozenset(offerer_ids_of(session, pro_user_id))


def filter_choices(pro_user_id: int, offerer_id: int | None = None) -> FilterChoices:
    """The venues and booked offers of the pro's structures, or of one of them."""
    with db.transaction(write=False) as session:
        offerer_ids = sorted(offerer_ids_of(session, pro_user_id))
        if offerer_id is not None:
            offerer_ids = [offerer_id] if offerer_id in offerer_ids else []
        if not offerer_ids:
            return FilterChoices([], [], [])
        venues = session.exec(
            select(Venue.id, Venue.public_name, Venue.name)
            .where(Venue.offerer_id.in_(offerer_ids))
            .order_by(Venue.name, Venue.id)
        ).all()
        booked = select(Booking.offer_id).where(Booking.offerer_id.in_(offerer_ids)).distinct()
        offers = session.exec(
            select(Offer.id, Offer.name)
            .where(Offer.id.in_(booked))
            .order_by(Offer.name, Offer.id)
            .limit(MAX_OFFERS)
        ).all()
    return FilterChoices(
        offerer_ids,
        sorted(((v.id, v.public_name or v.name) for v in venues), key=lambda v: v[1].lower()),
        [(o.id, o.name) for o in offers],
    )
