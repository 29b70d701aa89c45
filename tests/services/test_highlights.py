"""Highlights (rule F11): a pro puts offers with a hook image in the venue's carousel, at
most highlights.MAX_PER_VENUE per venue; young users' home shows only those (rules O3,
F9 still apply)."""

from collections import Counter

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.demo import load_demo
from pass_culture.models import Offer
from services import highlights, recommendations
from services.errors import DomainError, NotFound
from tests.factories import NOW, make_offer, make_offerer, make_pro, make_stock, make_venue

LAT, LON = 48.5734, 7.7521  # the factories' venue, Strasbourg
IMAGE = "/demo/livres-1.svg"


@pytest.fixture
def offerer(database):
    return make_offerer()


@pytest.fixture
def pro_venue(offerer):
    return make_pro(offerer), make_venue(offerer)


def _offer(venue, **fields) -> Offer:
    offer = make_offer(venue, image_url=fields.pop("image_url", IMAGE), **fields)
    make_stock(offer)
    return offer


def test_an_offer_with_a_hook_image_can_be_put_forward_and_taken_back(pro_venue):
    pro, venue = pro_venue
    offer = _offer(venue)
    assert highlights.set_highlighted(pro.id, offer.id, True, now=NOW).highlighted_at == NOW
    again = highlights.set_highlighted(pro.id, offer.id, True, now=NOW.replace(hour=12))
    assert again.highlighted_at == NOW  # already forward: kept as it was
    assert highlights.set_highlighted(pro.id, offer.id, False, now=NOW).highlighted_at is None


def test_an_offer_without_image_cannot_be_put_forward(pro_venue):
    pro, venue = pro_venue
    offer = _offer(venue, image_url=None)
    with pytest.raises(DomainError) as caught:
        highlights.set_highlighted(pro.id, offer.id, True, now=NOW)
    assert caught.value.code == "highlight_needs_image"
    assert "Ajoutez une image d'accroche" in caught.value.message


def test_a_venue_puts_at_most_ten_offers_forward(pro_venue, offerer):
    pro, venue = pro_venue
    chosen = [_offer(venue) for _ in range(highlights.MAX_PER_VENUE)]
    for offer in chosen:
        highlights.set_highlighted(pro.id, offer.id, True, now=NOW)
    one_more = _offer(venue)
    with pytest.raises(DomainError) as caught:
        highlights.set_highlighted(pro.id, one_more.id, True, now=NOW)
    assert caught.value.code == "too_many_highlights"
    # Another venue has its own ten; taking one back makes room.
    other = _offer(make_venue(offerer))
    assert highlights.set_highlighted(pro.id, other.id, True, now=NOW).highlighted_at
    highlights.set_highlighted(pro.id, chosen[0].id, False, now=NOW)
    assert highlights.set_highlighted(pro.id, one_more.id, True, now=NOW).highlighted_at


def test_another_structures_offer_reads_as_missing(pro_venue):  # rule O7
    _pro, venue = pro_venue
    offer = _offer(venue)
    stranger = make_pro(make_offerer())
    for offer_id in (offer.id, 999_999):
        with pytest.raises(NotFound) as caught:
            highlights.set_highlighted(stranger.id, offer_id, True, now=NOW)
        assert caught.value.message == "Cette offre n'existe pas."


def test_the_home_shows_only_the_offers_put_forward(pro_venue):  # rules F11, F9
    pro, venue = pro_venue
    forward = _offer(venue)
    _offer(venue)  # an image, not put forward
    hidden = _offer(venue)
    for offer in (forward, hidden):
        highlights.set_highlighted(pro.id, offer.id, True, now=NOW)
    with db.transaction() as session:
        session.get(Offer, hidden.id).is_active = False

    hits = recommendations.venue_highlights(latitude=LAT, longitude=LON, now=NOW)

    assert [hit.offer_id for hit in hits] == [forward.id]


def test_the_demo_venues_put_their_posters_forward(database):  # rule F11
    load_demo(now=NOW)
    with db.transaction(write=False) as session:
        forward = session.exec(select(Offer).where(Offer.highlighted_at.is_not(None))).all()
    per_venue = Counter(offer.venue_id for offer in forward)
    assert len(forward) > 20
    assert all(offer.image_url for offer in forward)
    assert max(per_venue.values()) <= highlights.MAX_PER_VENUE
    assert recommendations.venue_highlights(now=NOW)
