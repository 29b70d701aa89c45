"""The search index stays what the rules say (O3, F9) whatever writes, and the fast search
answers exactly as the reference one, every strategy forced, on every database."""

import random
from datetime import timedelta

import pytest
from sqlalchemy import text

from pass_culture import db
from pass_culture.demo import load_demo
from pass_culture.models import Offer, Stock
from services import search, search_engine, search_index
from services.search import SearchQuery, reference_offers, search_offers
from services.search_categories import SEARCH_CATEGORIES
from services.subcategories import SUBCATEGORIES
from tests.factories import DAY, HOUR, NOW, make_offer, make_offerer, make_stock, make_venue
from tests.services.test_search import LAT, LON, north, offer_with_stock, venue_at


def _index_rows():
    with db.get_engine().connect() as connection:
        rows = connection.execute(
            text(
                "SELECT offer_id, venue_id, category, subcategory_id, is_event, is_duo, access, "
                "cell, min_price, first_date, stale_at, words FROM search_offers ORDER BY offer_id"
            )
        ).all()
        words = connection.execute(
            text("SELECT word, cell, offer_id FROM search_words ORDER BY 1, 2, 3")
        ).all()
    return [tuple(r) for r in rows], [tuple(w) for w in words]


def test_the_triggers_fold_text_as_python_does(database):
    venue = venue_at(2, name="Théâtre « Le Cœur » — SAINT-ÉTIENNE", public_name="L'Œil\tvif")
    name = "L'Été d'ÆSØP: ß, Ōno & Ålborg… (2026) ½ 100% “vrai” x_y\\z"
    offer = offer_with_stock(venue, name=name, extra_data={"author": "Zoë Ça", "performer": 42})
    [(words,)] = _query("SELECT words FROM search_offers WHERE offer_id = :id", id=offer.id)
    expected = search_index.document(name, "Zoë Ça", 42, venue.name, venue.public_name)
    assert words == expected
    assert "coeur" in words.split() and "ete" in words.split() and "ssp" not in words
    hits = search_offers(SearchQuery(text="zoe ca saint etienne l oeil"), now=NOW).hits
    assert [h.offer_id for h in hits] == [offer.id]


def _query(sql: str, **params):
    with db.get_engine().connect() as connection:
        return connection.execute(text(sql), params).all()


def test_every_subcategory_is_indexed_in_its_category(database):
    venue = venue_at(1)
    for subcategory in SUBCATEGORIES.values():
        stock = {"beginning_at": NOW + DAY} if subcategory.is_event else {}
        offer_with_stock(venue, subcategory_id=subcategory.id, stock=stock)
    rows = _query("SELECT subcategory_id, category, is_event FROM search_offers")
    assert len(rows) == len(SUBCATEGORIES)
    for subcategory_id, category, is_event in rows:
        assert category == search.search_category_of(subcategory_id).id
        assert bool(is_event) == SUBCATEGORIES[subcategory_id].is_event
    for category in SEARCH_CATEGORIES:
        assert search_offers(SearchQuery(categories=(category.id,)), now=NOW).total >= 1


def test_reindex_all_rebuilds_what_the_triggers_keep(database):
    _random_catalogue(random.Random(7), offers=60)
    kept = _index_rows()
    assert kept[0] and kept[1]
    with db.sql_transaction() as connection:
        assert search_index.reindex_all(connection) == len(kept[0])
    assert _index_rows() == kept


def test_stale_rows_are_checked_then_refreshed(database):
    offer = make_offer(venue_at(1), subcategory_id="CONCERT")
    for day, price in ((1, 5_00), (3, 9_00)):
        starts = NOW + day * DAY
        make_stock(offer, price=price, beginning_at=starts, booking_limit_at=starts - HOUR)
    later = NOW + 2 * DAY
    [hit] = search_offers(SearchQuery(), now=later).hits
    assert (hit.min_price, hit.first_date) == (9_00, NOW + 3 * DAY)
    assert search_index.refresh_stale(now=later) == 1
    [(stale_at,)] = _query("SELECT stale_at FROM search_offers")
    assert search_index.refresh_stale(now=later) == 0
    [hit] = search_offers(SearchQuery(sort="price"), now=later).hits
    assert (hit.min_price, hit.first_date) == (9_00, NOW + 3 * DAY)
    assert search_offers(SearchQuery(), now=NOW + 4 * DAY).hits == []
    assert stale_at is not None


def test_the_demo_data_is_indexed(database):
    load_demo(now=NOW)
    [(rows,)] = _query("SELECT count(*) FROM search_offers")
    visible = search.reference_offers(SearchQuery(limit=1), now=NOW).total
    assert rows >= min(visible, search.COUNT_CAP) > 100
    assert search_offers(SearchQuery(text="cinema"), now=NOW).total > 0


# --- The fast search equals the reference, strategy by strategy ------------------------

WORDS = ["Théâtre", "théâtral", "Été", "L'été", "cœur", "Nuit", "nuits", "Jazz", "Rock", "Opéra"]
WORDS += ["Mozart", "Molière", "atelier", "Bande", "dessinée", "Festival", "Cinéma", "Livre"]


def _random_catalogue(rng: random.Random, offers: int) -> None:
    offerers = [make_offerer() for _ in range(4)] + [make_offerer(validated=False)]
    venues = []
    for index in range(14):
        km = rng.choice([0.5, 1, 3, 8, 15, 30, 49.5, 70, 99, 140, 300])
        latitude, longitude = north(km) if index % 3 else (LAT - km / 111.0, LON + km / 80.0)
        flags = {
            f"{flag}_disability_compliant": rng.choice([True, False, None])
            for flag in ("audio", "mental", "motor", "visual")
        }
        venues.append(
            make_venue(
                rng.choice(offerers),
                latitude=latitude,
                longitude=longitude,
                name=f"{rng.choice(WORDS)} {rng.choice(['Salle', 'Lieu', 'Maison'])}",
                **flags,
            )
        )
    venues.append(venues[0])  # same place, another venue: same distance
    venues.append(
        make_venue(offerers[0], latitude=venues[1].latitude, longitude=venues[1].longitude)
    )
    venues.append(make_venue(offerers[1], is_virtual=True))
    subcategories = list(SUBCATEGORIES.values())
    for _ in range(offers):
        subcategory = rng.choice(subcategories)
        offer = make_offer(
            rng.choice(venues),
            subcategory_id=subcategory.id,
            name=" ".join(rng.sample(WORDS, rng.randint(1, 3))),
            is_duo=rng.random() < 0.3,
            is_national=rng.random() < 0.1,
            is_active=rng.random() < 0.92,
            validation_status=rng.choice(["approved"] * 8 + ["pending", "draft"]),
            extra_data={"author": rng.choice(WORDS)} if rng.random() < 0.3 else {},
        )
        for _ in range(rng.randint(0, 3)):
            quantity = rng.choice([None, 0, 1, 2, 5])
            booked = 0 if quantity is None else rng.randint(0, quantity)
            fields = {
                "price": rng.choice([0, 1_00, 5_00, 5_00, 12_00, 30_00]),
                "quantity": quantity,
                "booked_quantity": booked,
                "is_active": rng.random() < 0.95,
                "is_soft_deleted": rng.random() < 0.05,
            }
            if subcategory.is_event:
                starts = NOW + timedelta(hours=rng.randint(-48, 24 * 20))
                fields["beginning_at"] = starts
                fields["booking_limit_at"] = starts - timedelta(hours=rng.choice([0, 2, 30]))
            elif rng.random() < 0.2:
                fields["booking_limit_at"] = NOW + timedelta(hours=rng.randint(-30, 300))
            make_stock(offer, **fields)


def _random_query(rng: random.Random) -> SearchQuery:
    located = rng.random() < 0.7
    words = []
    if rng.random() < 0.5:
        word = rng.choice(WORDS)
        words.append(rng.choice([word, word.upper(), word[: rng.randint(1, len(word))]]))
        if rng.random() < 0.3:
            typo = list(search.normalize_words(rng.choice(WORDS))[-1])
            position = rng.randrange(1, len(typo))
            typo[position] = "x"
            words.append("".join(typo))
    date_from = date_to = None
    if rng.random() < 0.15:
        date_from = NOW + timedelta(days=rng.randint(0, 10))
        date_to = date_from + timedelta(days=rng.randint(1, 10))
    return SearchQuery(
        latitude=LAT if located else None,
        longitude=LON if located else None,
        radius_km=rng.choice([1, 5, 10, 50, 50, 100]),
        text=" ".join(words),
        categories=tuple(rng.sample([c.id for c in SEARCH_CATEGORIES], rng.choice([0, 0, 1, 2]))),
        free_only=rng.random() < 0.1,
        max_price=rng.choice([None, None, None, 5_00, 12_00]),
        date_from=date_from,
        date_to=date_to,
        duo_only=rng.random() < 0.1,
        accessibility=tuple(
            rng.sample(["visual", "mental", "motor", "audio"], rng.choice([0] * 6 + [1, 2]))
        ),
        sort=rng.choice(["distance", "distance", "date", "price"]),
        offset=rng.choice([0, 0, 0, 3, 10]),
        limit=rng.choice([1, 5, 20]),
    )


@pytest.mark.parametrize(
    "knobs",
    [
        {},  # as configured: small data is enumerated
        {"PROBE": 1, "VENUE_CHUNK": 2, "SCAN_BATCH": 1},  # venue-first and ordered scans
        {"PROBE": 4, "VENUE_CHUNK": 1, "SCAN_BATCH": 3, "RINGS_KM": (1, 4, 30)},
    ],
)
def test_fast_search_equals_the_reference(database, monkeypatch, knobs):
    for name, value in knobs.items():
        monkeypatch.setattr(search_engine, name, value)
    monkeypatch.setattr(search, "COUNT_CAP", 9)
    rng = random.Random(2026)
    _random_catalogue(rng, offers=150)
    moments = [NOW, NOW + 30 * HOUR]  # later: some rows are stale
    for _ in range(120):
        query = _random_query(rng)
        now = rng.choice(moments)
        fast, reference = search_offers(query, now=now), reference_offers(query, now=now)
        assert (fast.total, fast.total_is_capped) == (reference.total, reference.total_is_capped), (
            query
        )
        assert fast.hits == reference.hits, query


def test_each_strategy_is_used(database, monkeypatch):
    _random_catalogue(random.Random(3), offers=80)
    seen = set()
    original = search_engine.Engine.run

    def spy(self):
        found = original(self)
        seen.add(found.strategy)
        return found

    monkeypatch.setattr(search_engine.Engine, "run", spy)
    search_offers(SearchQuery(latitude=LAT, longitude=LON, text="theatre"), now=NOW)
    search_offers(SearchQuery(latitude=LAT, longitude=LON, categories=("LIVRES",)), now=NOW)
    monkeypatch.setattr(search_engine, "PROBE", 1)
    search_offers(SearchQuery(latitude=LAT, longitude=LON), now=NOW)
    search_offers(SearchQuery(text="theatre"), now=NOW)
    search_offers(SearchQuery(sort="price"), now=NOW)
    assert seen == {"enumerate-text", "enumerate-category", "venue-first", "ordered-scan"}


def test_a_repeated_search_is_planned_for_its_values_on_postgresql(database, monkeypatch):
    """psycopg prepares a statement run 5 times; PostgreSQL must not then switch to a
    generic plan, blind to the word and the area (×10 slower on a frequent word)."""
    if database != "postgresql":
        pytest.skip("plans of prepared statements: PostgreSQL only")
    _random_catalogue(random.Random(5), offers=60)
    generic = []
    original = search_engine.Engine.run

    def spy(self):
        found = original(self)
        self.cursor.execute(
            "SELECT coalesce(sum(generic_plans), 0) FROM pg_prepared_statements "
            "WHERE statement LIKE '%search%' AND cardinality(parameter_types) > 0"
        )
        generic.append(self.cursor.fetchone()[0])
        return found

    monkeypatch.setattr(search_engine.Engine, "run", spy)
    query = SearchQuery(latitude=LAT, longitude=LON, text="theatre")
    answers = [search_offers(query, now=NOW) for _ in range(12)]
    assert all(answer == answers[0] for answer in answers)
    assert generic[-1] == 0, generic


def test_a_booking_race_never_leaves_a_sold_out_offer_in_the_index(database):
    """Two stocks of one offer sold out one after the other: the row goes."""
    offer = make_offer(venue_at(1))
    stocks = [make_stock(offer, quantity=1) for _ in range(2)]
    for stock in stocks:
        with db.transaction() as session:
            session.get(Stock, stock.id).booked_quantity = 1
    assert _query("SELECT offer_id FROM search_offers") == []
    with db.transaction() as session:
        session.get(Offer, offer.id).name = "Renommée"
    assert _query("SELECT offer_id FROM search_offers") == []


def test_venue_changes_reach_the_index_in_the_same_transaction(database):
    from pass_culture.models import Venue

    offer = offer_with_stock(venue_at(3, name="Salle Pleyel"))
    with db.transaction() as session:
        venue = session.get(Venue, offer.venue_id)
        venue.public_name = "La Grande Salle"
        venue.motor_disability_compliant = True
        venue.latitude, venue.longitude = north(60)
    near = SearchQuery(latitude=LAT, longitude=LON, text="grande salle")
    assert search_offers(near, now=NOW).hits == []  # now 60 km away
    far = SearchQuery(latitude=LAT, longitude=LON, radius_km=100, accessibility=("motor",))
    [hit] = search_offers(far, now=NOW).hits
    assert (hit.offer_id, hit.venue_name) == (offer.id, "La Grande Salle")
    assert hit.distance_km == pytest.approx(60)
