"""Discovery search (rules O3, F6, F9), at the edges, on every database."""

import math

import pytest

from pass_culture import db
from pass_culture.models import Offer, Offerer, Stock, ValidationStatus, Venue
from services import bookings, offers
from services.errors import DomainError
from services.geo import EARTH_RADIUS_KM, distance_km
from services.search import (
    COUNT_CAP,
    SearchQuery,
    normalize_words,
    search_offers,
    within_one_edit,
)
from tests.factories import (
    DAY,
    HOUR,
    NOW,
    make_beneficiary,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)

# Strasbourg, cathedral square.
LAT, LON = 48.5818, 7.7509


def north(km: float) -> tuple[float, float]:
    """The point `km` kilometres north of (LAT, LON) on the search's sphere."""
    return LAT + math.degrees(km / EARTH_RADIUS_KM), LON


def venue_at(km: float = 1.0, offerer=None, **fields) -> Venue:
    latitude, longitude = north(km)
    return make_venue(offerer, latitude=latitude, longitude=longitude, **fields)


def offer_with_stock(venue=None, *, stock: dict | None = None, **fields) -> Offer:
    offer = make_offer(venue or venue_at(), **fields)
    make_stock(offer, **(stock or {}))
    return offer


def event(venue=None, *, starts=NOW + 2 * DAY, price=10_00, **fields) -> Offer:
    fields.setdefault("subcategory_id", "CONCERT")
    return offer_with_stock(
        venue, stock={"price": price, "beginning_at": starts, "booking_limit_at": starts}, **fields
    )


def ids(query: SearchQuery | None = None, **kwargs) -> list[int]:
    result = search_offers(query or SearchQuery(**kwargs), now=NOW)
    return [hit.offer_id for hit in result.hits]


def around(**kwargs) -> SearchQuery:
    return SearchQuery(latitude=LAT, longitude=LON, **kwargs)


def refused(code: str, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        search_offers(SearchQuery(**kwargs), now=NOW)
    assert caught.value.code == code
    assert caught.value.message
    return caught.value


# --- What may be shown (O3, F9) -------------------------------------------------------


def test_only_visible_offers_are_found(database):
    shown = offer_with_stock()
    pending = make_offerer(validated=False)
    offer_with_stock(venue_at(offerer=pending))  # O3
    offer_with_stock(validation_status="pending")
    offer_with_stock(validation_status="draft")
    offer_with_stock(is_active=False)
    make_offer(venue_at())  # no stock
    offer_with_stock(stock={"quantity": 3, "booked_quantity": 3})  # sold out
    offer_with_stock(stock={"is_active": False})
    offer_with_stock(stock={"is_soft_deleted": True})
    event(starts=NOW - HOUR)  # started
    offer_with_stock(stock={"booking_limit_at": NOW - HOUR})  # booking closed
    assert ids(around()) == [shown.id]
    assert ids() == [shown.id]
    assert search_offers(SearchQuery(), now=NOW).total == 1


def test_changes_through_the_services_show_in_the_next_search(database):
    offerer = make_offerer()
    pro = make_pro(offerer)
    venue = venue_at(offerer=offerer)
    user, _deposit = make_beneficiary()
    offer = offer_with_stock(venue, stock={"quantity": 1})
    [stock] = _stocks(offer)
    assert ids(around()) == [offer.id]

    booking = bookings.book(user.id, stock.id, now=NOW)  # sold out
    assert ids(around()) == []
    bookings.cancel_by_beneficiary(user.id, booking.id, now=NOW + HOUR)
    assert ids(around()) == [offer.id]

    offers.set_offer_active(pro.id, offer.id, False, now=NOW)
    assert ids(around()) == []
    offers.set_offer_active(pro.id, offer.id, True, now=NOW)
    assert ids(around()) == [offer.id]

    offers.delete_stock(pro.id, stock.id, now=NOW)
    assert ids(around()) == []
    new = offers.add_stock(pro.id, offer.id, offers.StockInput(price=5_00), now=NOW)
    assert ids(around()) == [offer.id]
    offers.update_stock(pro.id, new.id, offers.StockInput(price=5_00, quantity=0), now=NOW)
    assert ids(around()) == []

    draft = offers.create_offer(
        pro.id, venue.id, offers.OfferInput(name="Nouveau roman", subcategory_id="LIVRE_PAPIER")
    )
    offers.add_stock(pro.id, draft.id, offers.StockInput(price=8_00), now=NOW)
    assert ids(around(text="roman")) == []
    offers.publish_offer(pro.id, draft.id, now=NOW)
    assert ids(around(text="roman")) == [draft.id]
    offers.update_offer(
        pro.id, draft.id, offers.OfferInput(name="Nouvel essai", subcategory_id="LIVRE_PAPIER")
    )
    assert ids(around(text="roman")) == []
    assert ids(around(text="essai")) == [draft.id]


def test_an_event_disappears_once_it_starts_and_a_pending_structure_hides_it(database):
    offer = event(starts=NOW + HOUR)
    assert ids(around()) == [offer.id]
    assert search_offers(around(), now=NOW + HOUR).hits == []
    with db.transaction() as session:
        venue = session.get(Venue, offer.venue_id)
        session.get(Offerer, venue.offerer_id).validation_status = ValidationStatus.PENDING
    assert ids(around()) == []


def test_an_expired_booking_gives_the_place_back(database):
    user, _deposit = make_beneficiary()
    offer = offer_with_stock(stock={"quantity": 1})
    [stock] = _stocks(offer)
    bookings.book(user.id, stock.id, now=NOW - 40 * DAY)
    assert ids(around()) == []
    assert bookings.expire_unpicked_bookings(now=NOW) == 1
    assert ids(around()) == [offer.id]


def _stocks(offer: Offer) -> list[Stock]:
    from sqlmodel import select

    with db.transaction(write=False) as session:
        return list(session.exec(select(Stock).where(Stock.offer_id == offer.id)))


# --- Where (F6) ------------------------------------------------------------------------


def test_radius_edge_on_the_sphere(database):
    inside = offer_with_stock(venue_at(49.9))
    outside = offer_with_stock(venue_at(50.1))
    near = offer_with_stock(venue_at(0.5))
    assert ids(around()) == [near.id, inside.id]
    assert ids(around(radius_km=1)) == [near.id]
    result = search_offers(around(), now=NOW)
    assert result.hits[1].distance_km == pytest.approx(49.9, abs=1e-6)
    assert ids() == [inside.id, outside.id, near.id]


def test_national_and_digital_offers_match_everywhere_after_located_ones(database):
    far_away = venue_at(600)
    national = offer_with_stock(far_away, is_national=True)
    digital_venue = make_venue(is_virtual=True)
    digital = offer_with_stock(
        digital_venue, subcategory_id="LIVRE_NUMERIQUE", url="https://example.fr/livre"
    )
    local = offer_with_stock(venue_at(10))
    offer_with_stock(far_away)
    result = search_offers(around(), now=NOW)
    assert [h.offer_id for h in result.hits] == [local.id, national.id, digital.id]
    assert [h.distance_km is None for h in result.hits] == [False, True, True]
    assert result.hits[1].is_national and result.hits[2].is_digital
    assert result.hits[2].latitude is None
    assert result.total == 3


def test_without_a_location_every_offer_matches_and_distance_falls_back_to_date(database):
    thing = offer_with_stock(venue_at(800))
    later = event(venue_at(300), starts=NOW + 5 * DAY)
    sooner = event(venue_at(3), starts=NOW + 2 * DAY)
    result = search_offers(SearchQuery(), now=NOW)
    assert [h.offer_id for h in result.hits] == [sooner.id, later.id, thing.id]
    assert all(h.distance_km is None for h in result.hits)
    assert result.hits[0].first_date == NOW + 2 * DAY


# --- Text --------------------------------------------------------------------------------


def test_free_text_ignores_accents_case_and_punctuation(database):
    theatre = offer_with_stock(name="Théâtre du Peuple")
    summer = offer_with_stock(name="L'Été indien")
    offer_with_stock(name="Concert d'automne")
    assert ids(around(text="theatre")) == [theatre.id]
    assert ids(around(text="THÉÂTRE!!")) == [theatre.id]
    assert ids(around(text="l'ete")) == [summer.id]
    assert ids(around(text="L ÉTÉ")) == [summer.id]
    assert ids(around(text="théât")) == [theatre.id]  # typing: the last word is a prefix
    assert ids(around(text="theat peuple")) == []  # only the last word
    assert ids(around(text="peuple theatre")) == [theatre.id]
    assert ids(around(text="théâtre automne")) == []  # every word must match


def test_free_text_looks_at_author_performer_and_venue(database):
    venue = venue_at(2, name="Librairie Kléber", public_name="La Kléber")
    book = offer_with_stock(venue, name="Un roman", extra_data={"author": "Annie Ernaux"})
    gig = event(name="Tournée", extra_data={"performer": "Zaho de Sagazan"})
    assert ids(around(text="ernaux")) == [book.id]
    assert ids(around(text="sagazan")) == [gig.id]
    assert ids(around(text="kleber")) == [book.id]
    hit = search_offers(around(text="kleber"), now=NOW).hits[0]
    assert hit.venue_name == "La Kléber"


def test_one_typo_is_forgiven_when_nothing_matches_exactly(database):
    theatre = offer_with_stock(name="Théâtre du Peuple")
    assert ids(around(text="theatrr")) == [theatre.id]
    assert ids(around(text="thaetre")) == [theatre.id]
    assert ids(around(text="theatrrr")) == []
    exact = offer_with_stock(name="Theatrr")
    assert ids(around(text="theatrr")) == [exact.id]


def test_text_helpers():
    assert normalize_words("L'Été, au Théâtre… (cœur)") == ["l", "ete", "au", "theatre", "coeur"]
    assert within_one_edit("theatrr", "theatre")
    assert within_one_edit("theatre", "theatres")
    assert within_one_edit("theatre", "theatr")
    assert within_one_edit("thaetre", "theatre")
    assert not within_one_edit("theatrrr", "theatre")
    assert not within_one_edit("abcd", "badc")
    assert distance_km(48.0, 2.0, 48.0, 2.0) == 0.0


# --- Filters -----------------------------------------------------------------------------


def test_categories_price_duo_and_accessibility(database):
    accessible = venue_at(3, motor_disability_compliant=True, visual_disability_compliant=True)
    book = offer_with_stock(stock={"price": 0})
    concert = event(accessible, price=25_00, is_duo=True)
    film = event(subcategory_id="SEANCE_CINE", price=7_00)
    assert ids(around(categories=("LIVRES",))) == [book.id]
    assert set(ids(around(categories=("LIVRES", "CINEMA")))) == {book.id, film.id}
    assert ids(around(free_only=True)) == [book.id]
    assert set(ids(around(max_price=7_00))) == {book.id, film.id}
    assert set(ids(around(max_price=6_99))) == {book.id}
    assert ids(around(duo_only=True)) == [concert.id]
    assert ids(around(accessibility=("motor",))) == [concert.id]
    assert ids(around(accessibility=("motor", "visual"))) == [concert.id]
    assert ids(around(accessibility=("motor", "audio"))) == []
    hit = search_offers(around(categories=("CONCERTS_FESTIVALS",)), now=NOW).hits[0]
    assert (hit.category_id, hit.category_label, hit.subcategory_label) == (
        "CONCERTS_FESTIVALS",
        "Concerts & festivals",
        "Concert",
    )
    assert hit.min_price == 25_00 and hit.is_duo


def test_min_price_is_over_bookable_stocks_only(database):
    offer = make_offer(venue_at())
    make_stock(offer, price=2_00, quantity=1, booked_quantity=1)
    make_stock(offer, price=9_00)
    make_stock(offer, price=1_00, is_soft_deleted=True)
    [hit] = search_offers(around(), now=NOW).hits
    assert hit.min_price == 9_00
    assert ids(around(max_price=5_00)) == []


def test_dates_keep_events_with_a_stock_starting_in_the_range(database):
    offer = make_offer(venue_at(), subcategory_id="CONCERT")
    for day in (1, 4):
        starts = NOW + day * DAY
        make_stock(offer, price=day * 1_00, beginning_at=starts, booking_limit_at=starts)
    offer_with_stock()  # a thing: no date
    window = {"date_from": NOW + 3 * DAY, "date_to": NOW + 5 * DAY}
    [hit] = search_offers(around(**window), now=NOW).hits
    assert (hit.offer_id, hit.first_date, hit.min_price) == (offer.id, NOW + 4 * DAY, 4_00)
    assert ids(around(date_from=NOW + 5 * DAY)) == []
    assert ids(around(date_to=NOW + 4 * DAY)) == [offer.id]
    assert ids(around(date_from=NOW + 4 * DAY, date_to=NOW + 4 * DAY + HOUR)) == [offer.id]
    [hit] = search_offers(around(categories=("CONCERTS_FESTIVALS",)), now=NOW).hits
    assert hit.first_date == NOW + DAY


# --- Order and paging ----------------------------------------------------------------------


def test_orders_then_offer_id_and_stable_paging(database):
    venues = [venue_at(km) for km in (5, 1, 3)]
    made = []
    for index, venue in enumerate(venues):
        for price in (3_00, 1_00):
            made.append(event(venue, price=price, starts=NOW + (index + 1) * DAY))
    by_distance = ids(around(limit=50))
    assert by_distance == [made[2].id, made[3].id, made[4].id, made[5].id, made[0].id, made[1].id]
    by_date = ids(around(sort="date", limit=50))
    assert by_date == [o.id for o in made]
    by_price = ids(around(sort="price", limit=50))
    assert by_price == [made[i].id for i in (1, 3, 5, 0, 2, 4)]
    pages = [ids(around(offset=offset, limit=4)) for offset in (0, 4, 8)]
    assert pages[0] + pages[1] == by_distance and pages[2] == []


def test_count_is_capped():
    assert COUNT_CAP == 1001


def test_the_count_stops_at_the_cap(database):
    # Names without digits: the factories' numbers would match the "7" typed below.
    venue = venue_at(2, make_offerer(name="Librairie du Quai"), name="Librairie du Quai")
    with db.transaction() as session:
        rows = [
            Offer(
                venue_id=venue.id,
                subcategory_id="LIVRE_PAPIER",
                name=f"Livre {n}",
                validation_status="approved",
            )
            for n in range(COUNT_CAP + 5)
        ]
        session.add_all(rows)
        session.flush()
        session.add_all(Stock(offer_id=row.id, price=5_00) for row in rows)
    result = search_offers(around(limit=50, offset=990), now=NOW)
    assert (result.total, result.total_is_capped) == (COUNT_CAP, True)
    assert len(result.hits) == COUNT_CAP + 5 - 990  # paging goes past the cap
    small = search_offers(around(text="livre 7"), now=NOW)
    assert (small.total, small.total_is_capped) == (1 + 10 + 100, False)


# --- Bad input -------------------------------------------------------------------------------


def test_bad_input_gets_a_french_message(database):
    refused("invalid_radius", latitude=LAT, longitude=LON, radius_km=0)
    refused("invalid_radius", latitude=LAT, longitude=LON, radius_km=500)
    refused("invalid_limit", limit=0)
    refused("invalid_limit", limit=500)
    refused("invalid_offset", offset=-1)
    refused("invalid_dates", date_from=NOW + DAY, date_to=NOW)
    refused("invalid_dates", date_from=NOW.replace(tzinfo=None))
    refused("unknown_category", categories=("NOPE",))
    refused("text_too_long", text="a" * 5000)
    refused("invalid_location", latitude=LAT)
    refused("invalid_location", latitude=95.0, longitude=0.0)
    refused("invalid_location", latitude=float("nan"), longitude=0.0)
    refused("invalid_sort", sort="random")
    refused("invalid_price", max_price=-1)
    refused("invalid_accessibility", accessibility=("wheel",))


def test_punctuation_only_text_searches_everything(database):
    offer = offer_with_stock()
    assert ids(around(text="?!… ---")) == [offer.id]
    assert ids(around(text="   ")) == [offer.id]
    assert ids(around(text="zzzzzzzz")) == []
