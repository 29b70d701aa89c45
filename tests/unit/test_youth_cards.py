"""Offer cards' texts: first date in Paris time, price, distance, where an offer is."""

from dataclasses import replace
from datetime import UTC, datetime

from services.search import SearchHit
from state.youth.cards import card_from_hit, distance_text, price_text, short_date

NBSP = "\u00a0"
HIT = SearchHit(
    offer_id=7,
    name="Antigone",
    venue_id=1,
    venue_name="Théâtre du Port",
    city="Brest",
    image_url=None,
    category_id="SPECTACLES",
    category_label="Spectacles",
    subcategory_label="Spectacle, représentation",
    latitude=48.39,
    longitude=-4.49,
    distance_km=3.24,
    first_date=datetime(2026, 12, 12, 19, 30, tzinfo=UTC),
    min_price=800,
    is_duo=True,
    is_national=False,
    is_digital=False,
)


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_the_first_date_is_shown_in_paris_time():
    assert plain(short_date(HIT.first_date)) == "sam. 12 déc. à 20 h 30"
    assert plain(short_date(datetime(2026, 7, 1, 18, 0, tzinfo=UTC))) == "mer. 1 juil. à 20 h"
    assert short_date(None) == ""


def test_prices():
    assert price_text(0) == "Gratuit"
    assert plain(price_text(800)) == "8 €"
    assert plain(price_text(550)) == "5,50 €"
    assert plain(price_text(800, several=True)) == "dès 8 €"
    assert price_text(None) == ""


def test_distances():
    assert plain(distance_text(3.24)) == "à 3,2 km"
    assert plain(distance_text(42.6)) == "à 43 km"
    assert plain(distance_text(0.348)) == "à 350 m"
    assert distance_text(None) == ""


def test_national_and_digital_offers_say_where_they_are_instead_of_a_distance():
    assert plain(card_from_hit(HIT, favorite=False)["where"]) == "à 3,2 km"
    national = replace(HIT, is_national=True, distance_km=None)
    assert card_from_hit(national, favorite=True)["where"] == "Partout en France"
    digital = replace(HIT, is_digital=True, distance_km=None)
    assert card_from_hit(digital, favorite=False)["where"] == "En ligne"
    card = card_from_hit(HIT, favorite=True)
    assert (card["href"], card["favorite"], card["is_duo"]) == ("/offre/7", True, True)
