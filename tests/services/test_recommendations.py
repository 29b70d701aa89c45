"""The home's suggestions: "À découvrir" widens tastes (rule E1), highlights (rule F11),
both limited to what young users may see (rules O3, F9)."""

from services import recommendations
from services.recommendations import discover_offers, venue_highlights
from tests.factories import (
    DAY,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_stock,
    make_venue,
)

LAT, LON = 48.5734, 7.7521  # the factories' venue, Strasbourg


def offer(subcategory_id: str, venue=None, **fields):
    made = make_offer(venue or make_venue(), subcategory_id=subcategory_id, **fields)
    stock = make_stock(made)
    return made, stock


def test_never_suggests_a_category_already_booked(database):
    # rule E1
    user, deposit = make_beneficiary()
    book, book_stock = offer("LIVRE_PAPIER")
    offer("LIVRE_NUMERIQUE", make_venue(is_virtual=True), is_national=True)
    make_booking(book_stock, user, deposit)
    cinema, _ = offer("CINE_VENTE_DISTANCE")
    concert, _ = offer("ABO_CONCERT")

    suggestions = discover_offers(user.id, latitude=LAT, longitude=LON, now=NOW)

    assert {s.hit.offer_id for s in suggestions} == {cinema.id, concert.id}
    assert all(s.hit.category_id != "LIVRES" for s in suggestions)
    reasons = {s.hit.offer_id: s.reason for s in suggestions}
    assert reasons[cinema.id] == "Tu n'as encore rien réservé en Cinéma."


def test_a_cancelled_booking_does_not_count_as_a_taste(database):
    user, deposit = make_beneficiary()
    book, stock = offer("LIVRE_PAPIER")
    make_booking(
        stock,
        user,
        deposit,
        status="cancelled",
        cancelled_at=NOW - DAY,
        cancellation_reason="beneficiary",
    )

    assert [s.hit.offer_id for s in discover_offers(user.id, now=NOW)] == [book.id]


def test_suggestions_are_spread_over_categories_before_repeating_one(database):
    user, _ = make_beneficiary()
    books = [offer("LIVRE_PAPIER")[0] for _ in range(4)]
    record, _ = offer("SUPPORT_PHYSIQUE_MUSIQUE_CD")
    card, _ = offer("CARTE_CINE_MULTISEANCES")

    suggestions = discover_offers(user.id, latitude=LAT, longitude=LON, limit=4, now=NOW)

    categories = [s.hit.category_id for s in suggestions]
    assert len(suggestions) == 4
    assert set(categories[:3]) == {"LIVRES", "MUSIQUE", "CINEMA"}
    assert categories[3] == "LIVRES"
    assert {s.hit.offer_id for s in suggestions} >= {record.id, card.id}
    assert len({s.hit.offer_id for s in suggestions} & {b.id for b in books}) == 2


def test_only_offers_young_users_may_see_are_suggested(database):
    # rules O3 and F9
    user, _ = make_beneficiary()
    offer("LIVRE_PAPIER", make_venue(make_offerer(validated=False)))
    offer("CONCERT", is_active=False)
    sold_out = make_offer(make_venue(), subcategory_id="SUPPORT_PHYSIQUE_FILM")
    make_stock(sold_out, quantity=1, booked_quantity=1)
    past = make_offer(make_venue(), subcategory_id="SPECTACLE_REPRESENTATION")
    make_stock(past, beginning_at=NOW - DAY, booking_limit_at=NOW - DAY)

    assert discover_offers(user.id, now=NOW) == []


def test_each_category_is_searched_near_the_user(database, monkeypatch):
    user, _ = make_beneficiary()
    seen = []
    real = recommendations.search.search_offers

    def spy(query, *, now=None):
        seen.append(query)
        return real(query, now=now)

    monkeypatch.setattr(recommendations.search, "search_offers", spy)
    discover_offers(user.id, latitude=LAT, longitude=LON, now=NOW)

    assert len(seen) == 13
    assert all((q.latitude, q.longitude, q.sort) == (LAT, LON, "distance") for q in seen)
    assert all(len(q.categories) == 1 for q in seen)


def test_highlights_are_the_offers_put_forward_with_a_hook_image(database):
    # rule F11
    with_image, _ = offer("LIVRE_PAPIER", image_url="/demo/livres-1.svg", highlighted_at=NOW)
    offer("LIVRE_PAPIER", highlighted_at=NOW)  # its image was taken away since
    offer("LIVRE_PAPIER", image_url="/demo/livres-2.svg")  # not put forward
    hidden = make_offer(
        make_venue(), image_url="/demo/livres-2.svg", is_active=False, highlighted_at=NOW
    )
    make_stock(hidden)

    hits = venue_highlights(latitude=LAT, longitude=LON, now=NOW)

    assert [h.offer_id for h in hits] == [with_image.id]
    assert hits[0].image_url == "/demo/livres-1.svg"
