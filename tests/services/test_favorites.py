"""Favourites: add and remove (idempotent), only offers young users may see (O3, F9),
sorted by date added, price or distance."""

import pytest

from services import favorites
from services.errors import DomainError, NotFound
from services.geo import distance_km
from tests.factories import (
    DAY,
    MINUTE,
    NOW,
    make_beneficiary,
    make_offer,
    make_offerer,
    make_stock,
    make_venue,
)

STRASBOURG = (48.5734, 7.7521)
BREST = (48.3904, -4.4861)


@pytest.fixture
def young(database):
    user, _deposit = make_beneficiary()
    return user


def test_adding_twice_keeps_one_favorite_and_removing_twice_is_harmless(young):
    offer = make_offer()
    make_stock(offer)

    favorites.add_favorite(young.id, offer.id, now=NOW)
    favorites.add_favorite(young.id, offer.id, now=NOW + MINUTE)
    assert [item.offer_id for item in favorites.list_favorites(young.id, now=NOW)] == [offer.id]
    assert favorites.favorite_ids(young.id, [offer.id, offer.id + 1]) == {offer.id}

    favorites.remove_favorite(young.id, offer.id)
    favorites.remove_favorite(young.id, offer.id)
    assert favorites.list_favorites(young.id, now=NOW) == []
    assert favorites.favorite_ids(young.id, []) == set()


def test_an_offer_young_users_cannot_see_cannot_be_added(young):
    pending = make_offer(make_venue(make_offerer(validated=False)))  # rule O3
    inactive = make_offer(is_active=False)  # rule F9
    for offer_id in (pending.id, inactive.id, 999_999):
        with pytest.raises(NotFound) as refused:
            favorites.add_favorite(young.id, offer_id, now=NOW)
        assert refused.value.message == "Cette offre n'est pas disponible."
    assert favorites.list_favorites(young.id, now=NOW) == []


def test_a_favorite_no_longer_bookable_stays_listed_as_such(young):
    offer = make_offer(subcategory_id="CONCERT")
    make_stock(offer, price=12_00, beginning_at=NOW + DAY, booking_limit_at=NOW + DAY)
    favorites.add_favorite(young.id, offer.id, now=NOW)

    [before] = favorites.list_favorites(young.id, now=NOW + DAY - MINUTE)
    assert before.is_bookable and before.min_price == 12_00
    assert before.first_date == NOW + DAY
    [after] = favorites.list_favorites(young.id, now=NOW + DAY)  # rule F9: limit reached
    assert not after.is_bookable and after.min_price is None and after.first_date is None


def test_sorted_by_date_added_price_or_distance(young):
    near = make_offer(make_venue(latitude=STRASBOURG[0], longitude=STRASBOURG[1]))
    far = make_offer(make_venue(latitude=BREST[0], longitude=BREST[1], postal_code="29200"))
    sold_out = make_offer()
    make_stock(near, price=20_00)
    make_stock(near, price=8_00)
    make_stock(far, price=5_00)
    make_stock(sold_out, price=1_00, quantity=1, booked_quantity=1)
    for minutes, offer in enumerate((near, far, sold_out)):
        favorites.add_favorite(young.id, offer.id, now=NOW + minutes * MINUTE)

    def order(**sort):
        return [item.offer_id for item in favorites.list_favorites(young.id, now=NOW, **sort)]

    assert order() == [sold_out.id, far.id, near.id]
    assert order(sort="price") == [far.id, near.id, sold_out.id]
    assert order(sort="distance", latitude=48.58, longitude=7.75) == [
        near.id,
        sold_out.id,
        far.id,
    ]
    [item] = [i for i in favorites.list_favorites(young.id, now=NOW) if i.offer_id == near.id]
    assert item.min_price == 8_00  # the cheapest bookable stock ("dès 8 €")


def test_bad_sorts_are_refused_in_french(young):
    with pytest.raises(DomainError) as refused:
        favorites.list_favorites(young.id, sort="random")
    assert refused.value.code == "invalid_sort"
    with pytest.raises(DomainError) as refused:
        favorites.list_favorites(young.id, sort="distance")
    assert refused.value.message == "Choisis d'abord un lieu pour trier par distance."


def test_the_number_of_favorites_is_bounded(young, monkeypatch):
    monkeypatch.setattr(favorites, "MAX_FAVORITES", 1)
    first, second = make_offer(), make_offer()
    favorites.add_favorite(young.id, first.id, now=NOW)
    with pytest.raises(DomainError) as refused:
        favorites.add_favorite(young.id, second.id, now=NOW)
    assert refused.value.code == "too_many_favorites"


def test_distances_are_great_circle_kilometres():
    assert distance_km(*STRASBOURG, *STRASBOURG) == 0
    assert distance_km(*STRASBOURG, *BREST) == pytest.approx(901, abs=5)
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)
