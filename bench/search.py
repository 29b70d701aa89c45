"""Discovery search latency on SQLite and PostgreSQL, at 100k and 1M offers.

    .venv/bin/python bench/search.py [--sizes 100000,1000000] [--databases sqlite,postgresql]
                                     [--runs 50] [--reload] [--baseline-runs 50]

Each database is created when missing (SQLite: bench/.data/search-<size>.db; PostgreSQL:
pc_bench_search_<size>), migrated, and loaded once with a synthetic catalogue (kept for
the next runs; --reload rebuilds it): venues = offers / 40 clustered round real cities
(Paris 50 km ≈ 18 % of offers), rural venues, overseas départements, digital venues;
about 3 % national offers and 40 % events. Then, warm, one client, it times
`services.search.search_offers` (first page sorted by distance when located, and the
capped count) for the query mix, and next to it at the smallest size a baseline: the
plain indexed SQL query over offers, venues and stocks one would write first.
"""

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_db import ensure_database  # bench/bench_db.py (the script's folder)
from sqlalchemy import text

from pass_culture import db, migrations
from services import search_index
from services.search import SearchQuery, search_offers
from services.subcategories import SUBCATEGORIES

ROOT = Path(__file__).resolve().parent
DATA = ROOT / ".data"
POSTGRES = "postgresql://postgres@127.0.0.1:5432/pc_bench_search_{size}"
SEED = 40
TARGET_P95_MS = 50.0
TARGET_GROWTH = 3.0
BATCH = 20_000
# The catalogue's clock: events are dated from there; queries run one hour later.
LOADED_AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
QUERY_NOW = LOADED_AT + timedelta(hours=1)

PARIS = (48.8566, 2.3522)
RURAL = (44.52, 3.50)  # Lozère, between Mende and Marvejols
CITIES = [  # name, latitude, longitude, weight (share of the catalogue)
    ("Paris", 48.8566, 2.3522, 0.16),
    ("Lyon", 45.7640, 4.8357, 0.04),
    ("Marseille", 43.2965, 5.3698, 0.035),
    ("Toulouse", 43.6047, 1.4442, 0.03),
    ("Nice", 43.7102, 7.2620, 0.02),
    ("Nantes", 47.2184, -1.5536, 0.02),
    ("Strasbourg", 48.5734, 7.7521, 0.02),
    ("Montpellier", 43.6108, 3.8767, 0.02),
    ("Bordeaux", 44.8378, -0.5792, 0.02),
    ("Lille", 50.6292, 3.0573, 0.025),
    ("Rennes", 48.1173, -1.6778, 0.015),
    ("Reims", 49.2583, 4.0317, 0.01),
    ("Le Havre", 49.4944, 0.1079, 0.01),
    ("Saint-Étienne", 45.4397, 4.3872, 0.01),
    ("Toulon", 43.1242, 5.9280, 0.01),
    ("Grenoble", 45.1885, 5.7245, 0.015),
    ("Dijon", 47.3220, 5.0415, 0.01),
    ("Angers", 47.4784, -0.5632, 0.01),
    ("Nîmes", 43.8367, 4.3601, 0.008),
    ("Clermont-Ferrand", 45.7772, 3.0870, 0.01),
    ("Le Mans", 48.0061, 0.1996, 0.008),
    ("Aix-en-Provence", 43.5297, 5.4474, 0.008),
    ("Brest", 48.3904, -4.4861, 0.008),
    ("Tours", 47.3941, 0.6848, 0.01),
    ("Amiens", 49.8941, 2.2958, 0.008),
    ("Limoges", 45.8336, 1.2611, 0.008),
    ("Annecy", 45.8992, 6.1294, 0.006),
    ("Perpignan", 42.6887, 2.8948, 0.007),
    ("Metz", 49.1193, 6.1757, 0.008),
    ("Besançon", 47.2378, 6.0241, 0.008),
    ("Orléans", 47.9030, 1.9093, 0.008),
    ("Rouen", 49.4432, 1.0999, 0.01),
    ("Mulhouse", 47.7508, 7.3359, 0.006),
    ("Caen", 49.1829, -0.3707, 0.008),
    ("Nancy", 48.6921, 6.1844, 0.008),
    ("Avignon", 43.9493, 4.8055, 0.006),
    ("Poitiers", 46.5802, 0.3404, 0.006),
    ("La Rochelle", 46.1603, -1.1511, 0.005),
    ("Pau", 43.2951, -0.3708, 0.005),
    ("Bayonne", 43.4929, -1.4748, 0.005),
    ("Ajaccio", 41.9192, 8.7386, 0.003),
    ("Bastia", 42.6977, 9.4508, 0.002),
    ("Quimper", 47.9960, -4.1024, 0.004),
    ("Valence", 44.9334, 4.8924, 0.004),
    ("Chambéry", 45.5646, 5.9178, 0.004),
]
OVERSEAS = [  # 3 % of venues
    ("Saint-Denis (La Réunion)", -20.8821, 55.4507),
    ("Pointe-à-Pitre", 16.2411, -61.5331),
    ("Fort-de-France", 14.6161, -61.0588),
    ("Cayenne", 4.9224, -52.3135),
    ("Mamoudzou", -12.7806, 45.2279),
]
RURAL_SHARE, OVERSEAS_SHARE, DIGITAL_SHARE = 0.14, 0.03, 0.006

# Venue kinds: (label in the venue name, weight, [(subcategory, weight)]).
_KINDS = [
    (
        "Librairie",
        0.22,
        [("LIVRE_PAPIER", 0.9), ("LIVRE_AUDIO_PHYSIQUE", 0.05), ("FESTIVAL_LIVRE", 0.05)],
    ),
    (
        "Cinéma",
        0.12,
        [("SEANCE_CINE", 0.9), ("CARTE_CINE_MULTISEANCES", 0.05), ("EVENEMENT_CINE", 0.05)],
    ),
    (
        "Théâtre",
        0.08,
        [("SPECTACLE_REPRESENTATION", 0.85), ("ABO_SPECTACLE", 0.05), ("FESTIVAL_SPECTACLE", 0.1)],
    ),
    ("Salle de concert", 0.10, [("CONCERT", 0.8), ("FESTIVAL_MUSIQUE", 0.1), ("ABO_CONCERT", 0.1)]),
    ("Musée", 0.07, [("VISITE", 0.5), ("VISITE_GUIDEE", 0.3), ("CARTE_MUSEE", 0.2)]),
    ("Médiathèque", 0.09, [("ABO_BIBLIOTHEQUE", 0.4), ("CONFERENCE", 0.3), ("RENCONTRE", 0.3)]),
    (
        "Disquaire",
        0.08,
        [("SUPPORT_PHYSIQUE_MUSIQUE_VINYLE", 0.6), ("SUPPORT_PHYSIQUE_MUSIQUE_CD", 0.4)],
    ),
    (
        "Conservatoire",
        0.06,
        [("ATELIER_PRATIQUE_ART", 0.5), ("ACHAT_INSTRUMENT", 0.3), ("PARTITION", 0.2)],
    ),
    ("Atelier", 0.06, [("MATERIEL_ART_CREATIF", 0.6), ("ATELIER_PRATIQUE_ART", 0.4)]),
    (
        "Ludothèque",
        0.05,
        [("JEU_SUPPORT_PHYSIQUE", 0.6), ("ESCAPE_GAME", 0.3), ("RENCONTRE_JEU", 0.1)],
    ),
    ("Vidéothèque", 0.02, [("SUPPORT_PHYSIQUE_FILM", 0.8), ("ABO_MEDIATHEQUE", 0.2)]),
]
KINDS = [(label, subcategories, weight) for label, weight, subcategories in _KINDS]
DIGITAL = [("LIVRE_NUMERIQUE", 0.4), ("VOD", 0.2), ("ABO_PLATEFORME_MUSIQUE", 0.15),
           ("ABO_PRESSE_EN_LIGNE", 0.15), ("LIVESTREAM_EVENEMENT", 0.1)]  # fmt: skip
RARE = "CARTE_JEUNES"  # about 0.3 % of offers, anywhere
COMMON = (
    "le la les de des du un une et en au aux nuit jour amour été hiver printemps automne "
    "ville mer soleil lune rouge bleu noir blanc vie mort temps monde histoire voyage coeur "
    "jazz rock blues opéra ballet danse cirque comédie tragédie concert festival live "
    "enfants famille secret dernier première nouvelle petit grand roi reine chant musique "
    "théâtre cinéma roman poésie bande dessinée manga atelier découverte classique"
).split()
SYLLABLES = "ba be bi bo bu la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru".split()
SYLLABLES += "ta te ti to tu sa se si so su va vé vi vo dé dè gra tri plu cha chè ou an on".split()
FIRST = "Camille Louise Jules Léa Hugo Chloé Lucas Inès Gabriel Manon Arthur Zoé Émile".split()


def _pick(rng: random.Random, weighted):
    x = rng.random() * sum(w for *_, w in weighted)
    for item in weighted:
        x -= item[-1]
        if x <= 0:
            return item
    return weighted[-1]


def _pseudo_word(rng: random.Random) -> str:
    # Zipf-like vocabulary: a few thousand words are frequent, the tail is long.
    index = min(int(rng.paretovariate(0.9)) * 7 + rng.randrange(7), 60_000)
    local = random.Random(index)
    return "".join(local.choice(SYLLABLES) for _ in range(2 + index % 3)).capitalize()


def _title(rng: random.Random) -> str:
    words = [
        rng.choice(COMMON) if rng.random() < 0.45 else _pseudo_word(rng)
        for _ in range(rng.randint(1, 4))
    ]
    return " ".join(words).capitalize()[:140]


def _place(rng: random.Random) -> tuple[float, float] | None:
    roll = rng.random()
    if roll < DIGITAL_SHARE:
        return None
    if roll < DIGITAL_SHARE + OVERSEAS_SHARE:
        _name, lat, lon = rng.choice(OVERSEAS)
        return lat + rng.gauss(0, 0.08), lon + rng.gauss(0, 0.08)
    if roll < DIGITAL_SHARE + OVERSEAS_SHARE + RURAL_SHARE:
        return rng.uniform(43.0, 50.8), rng.uniform(-1.8, 7.5)
    _name, lat, lon, _w = _pick(rng, CITIES)
    spread = 0.12 if _name == "Paris" else 0.05
    return lat + rng.gauss(0, spread), lon + rng.gauss(0, spread * 1.4)


@dataclass
class Catalogue:
    offerers: list[tuple]
    venues: list[tuple]


def _status(offerer_id: int) -> str:
    return "pending" if offerer_id % 50 == 7 else "validated"  # 2 % await validation (O3)


def _timestamp(moment: datetime, sqlite: bool) -> str:
    if sqlite:
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return moment.isoformat()


def generate(size: int, sqlite: bool) -> Iterator[tuple[str, list[tuple]]]:
    """Rows by table, in batches: offerers, venues, then offers and stocks."""
    rng = random.Random(SEED)
    created = _timestamp(LOADED_AT - timedelta(days=30), sqlite)
    n_venues = max(1, size // 40)
    n_offerers = max(1, n_venues // 8)
    yield (
        "offerers",
        [
            (i, f"Structure {i}", f"{100000000 + i}"[:9], _status(i), created)
            for i in range(1, n_offerers + 1)
        ],
    )  # fmt: skip
    venues, kinds = [], []
    for venue_id in range(1, n_venues + 1):
        place = _place(rng)
        kind = ("numérique", DIGITAL, 0.0) if place is None else _pick(rng, KINDS)
        flags = [rng.random() < p for p in (0.3, 0.25, 0.55, 0.35)]
        venues.append(
            (
                venue_id,
                1 + (venue_id - 1) % n_offerers,
                f"{kind[0].capitalize()} {_pseudo_word(rng)}",
                place is None,
                None if place is None else round(place[0], 6),
                None if place is None else round(place[1], 6),
                *flags,
                created,
            )
        )
        kinds.append(kind)
    yield "venues", venues
    offer_id = stock_id = 0
    offers, stocks = [], []
    per_venue = size / n_venues
    for venue, kind in zip(venues, kinds, strict=True):
        count = max(1, int(rng.expovariate(1 / per_venue))) if venue[0] < n_venues else 1
        count = min(count, 400)
        for _ in range(count):
            if offer_id >= size:
                break
            offer_id += 1
            subcategory_id = RARE if rng.random() < 0.003 else _pick(rng, kind[1])[0]
            subcategory = SUBCATEGORIES[subcategory_id]
            national = not venue[3] and rng.random() < 0.025
            extra = "{}"
            if subcategory_id.startswith("LIVRE") or subcategory_id == "CONCERT":
                key = "author" if subcategory_id.startswith("LIVRE") else "performer"
                extra = f'{{"{key}": "{rng.choice(FIRST)} {_pseudo_word(rng)}"}}'
            offers.append(
                (
                    offer_id,
                    venue[0],
                    subcategory_id,
                    _title(rng),
                    subcategory.can_be_duo and rng.random() < 0.4,
                    national or venue[3],
                    f"https://exemple.fr/{offer_id}" if venue[3] else None,
                    extra,
                    "approved" if rng.random() < 0.98 else "pending",
                    rng.random() < 0.985,
                    "[]",
                    created,
                    created,
                )
            )
            price = (
                0 if rng.random() < 0.1 else rng.choice([5_00, 8_00, 10_00, 12_00, 15_00, 25_00])
            )
            quantity = None if rng.random() < 0.3 else rng.randint(5, 200)
            booked = quantity if quantity and rng.random() < 0.02 else 0
            dates = [None]
            if subcategory.is_event:
                hours = [rng.randint(4, 1440) for _ in range(rng.randint(1, 4))]
                dates = [LOADED_AT + timedelta(hours=h) for h in hours]
            for starts in dates:
                stock_id += 1
                stamp = None if starts is None else _timestamp(starts, sqlite)
                stocks.append(
                    (stock_id, offer_id, price, quantity, booked, stamp, stamp, created, created)
                )
            if len(offers) >= BATCH:
                yield "offers", offers
                yield "stocks", stocks
                offers, stocks = [], []
        if offer_id >= size:
            break
    yield "offers", offers
    yield "stocks", stocks


COLUMNS = {
    "offerers": "id, name, siren, validation_status, created_at",
    "venues": "id, offerer_id, name, is_virtual, latitude, longitude, audio_disability_compliant, "
    "mental_disability_compliant, motor_disability_compliant, visual_disability_compliant, "
    "created_at, venue_type",
    "offers": "id, venue_id, subcategory_id, name, is_duo, is_national, url, extra_data, "
    "validation_status, is_active, fields_edited_by_pro, created_at, updated_at",
    "stocks": "id, offer_id, price, quantity, booked_quantity, beginning_at, booking_limit_at, "
    "created_at, updated_at, is_soft_deleted, is_active",
}


def _complete(table: str, row: tuple) -> tuple:
    if table == "venues":
        return (*row, "other")
    if table == "stocks":
        return (*row, False, True)
    return row


def load(url: str, size: int) -> float:
    """Migrate, empty and load the catalogue, then rebuild the index; returns seconds."""
    started = time.monotonic()
    db.use_database(url)
    engine = db.get_engine()
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        path = Path(url.split(":///", 1)[1])
        db.dispose_engines()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        engine = db.get_engine()
    else:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    migrations.upgrade()
    with engine.begin() as connection:
        search_index.uninstall(connection)  # bulk load first, index once at the end
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if sqlite:
            cursor.execute("PRAGMA synchronous = OFF")
        for table, rows in generate(size, sqlite):
            if not rows:
                continue
            rows = [_complete(table, row) for row in rows]
            columns = COLUMNS[table]
            if sqlite:
                marks = ", ".join("?" * len(rows[0]))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
            else:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        raw.commit()
        if not sqlite:
            for table in ("offerers", "venues", "offers", "stocks"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
            raw.commit()
    finally:
        raw.close()
    loaded = time.monotonic()
    _analyze(engine, sqlite)  # the planner must know the tables before the index is built
    with engine.begin() as connection:
        search_index.install(connection)
        rows = search_index.reindex_all(connection, now=LOADED_AT)
    indexed = time.monotonic()
    _analyze(engine, sqlite, vacuum=True)
    print(
        f"  chargé en {loaded - started:.0f} s, indexé ({rows} lignes) "
        f"en {indexed - loaded:.0f} s, "
        f"statistiques en {time.monotonic() - indexed:.0f} s"
    )
    return time.monotonic() - started


def _analyze(engine, sqlite: bool, *, vacuum: bool = False) -> None:
    if sqlite:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        with engine.connect() as connection:  # fold the write-ahead log into the file
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if vacuum else "ANALYZE")


def is_loaded(url: str, size: int) -> bool:
    if url.startswith("sqlite") and not Path(url.split(":///", 1)[1]).exists():
        return False
    db.use_database(url)
    try:
        with db.get_engine().connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM offers")).scalar_one()
            indexed = connection.execute(text("SELECT count(*) FROM search_offers")).scalar_one()
    except Exception:  # noqa: BLE001 -- not migrated yet
        return False
    # The generator stops when its venues are used up: a little under `size` offers.
    return 0.9 * size <= count <= size and indexed > 0


# --- The query mix ---------------------------------------------------------------------


def _around(point, **kwargs) -> SearchQuery:
    return SearchQuery(latitude=point[0], longitude=point[1], radius_km=50, **kwargs)


MIX = [
    ("around me 50 km", _around(PARIS)),
    ("+ category (cinéma)", _around(PARIS, categories=("CINEMA",))),
    ('+ text "théâtre"', _around(PARIS, text="théâtre")),
    ('text "théâtre", everywhere', SearchQuery(text="théâtre")),
    ("Paris, rare category", _around(PARIS, categories=("CARTES_JEUNES",))),
    ("rural point", _around(RURAL)),
]
EXTRA = [
    ('+ rare text "jazz blues"', _around(PARIS, text="jazz blues")),
    ('+ typing "théât"', _around(PARIS, text="théât")),
    ("events in 14 days, by date", _around(
        PARIS, date_from=QUERY_NOW, date_to=QUERY_NOW + timedelta(days=14), sort="date")),
    ("typo \"theatrr\", everywhere", SearchQuery(text="theatrr")),
]  # fmt: skip


def _time_ms(call, runs: int, budget_s: float = 60.0) -> tuple[float, float, int]:
    for _ in range(3):  # warm-up
        call()
    timings = []
    deadline = time.monotonic() + budget_s
    while len(timings) < runs and (len(timings) < 5 or time.monotonic() < deadline):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    if len(timings) < 2:
        return timings[0], timings[0], len(timings)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return statistics.median(timings), cuts[94], len(timings)


# --- Baseline: the plain indexed query over the base tables ------------------------------


def baseline(query: SearchQuery) -> tuple[list[int], int]:
    """What one writes first: visible offers (O3, F9) joined to their venue, a bounding box
    on the venue latitude index, distance and LIKE in SQL, ORDER BY … LIMIT, capped count."""
    sqlite = db.is_sqlite()
    params: dict = {"now": _timestamp(QUERY_NOW, True) if sqlite else QUERY_NOW}
    where = [
        "r.validation_status = 'validated'",
        "o.validation_status = 'approved'",
        "o.is_active",
        "EXISTS (SELECT 1 FROM stocks st WHERE st.offer_id = o.id AND st.is_active "
        "AND NOT st.is_soft_deleted "
        "AND (st.booking_limit_at IS NULL OR st.booking_limit_at > :now) "
        "AND (st.beginning_at IS NULL OR st.beginning_at > :now) "
        "AND (st.quantity IS NULL OR st.booked_quantity < st.quantity))",
    ]
    distance = "NULL"
    if query.latitude is not None:
        lat, lon, radius = query.latitude, query.longitude, query.radius_km
        dlat = radius / 111.19
        dlon = radius / (111.19 * math.cos(math.radians(lat + dlat)))
        distance = (
            f"(6371.0088 * acos(min(1.0, sin(radians(v.latitude)) * {math.sin(math.radians(lat))} "
            f"+ cos(radians(v.latitude)) * {math.cos(math.radians(lat))} "
            f"* cos(radians(v.longitude) - {math.radians(lon)}))))"
        )
        if not sqlite:
            distance = distance.replace("min(1.0,", "least(1.0,")
        where.append(
            f"(o.is_national OR v.is_virtual OR (v.latitude BETWEEN {lat - dlat} AND {lat + dlat} "
            f"AND v.longitude BETWEEN {lon - dlon} AND {lon + dlon} AND {distance} <= {radius}))"
        )
        distance = f"CASE WHEN o.is_national OR v.is_virtual THEN NULL ELSE {distance} END"
    if query.categories:
        from services.search_categories import subcategory_ids_of

        ids = [s for c in query.categories for s in subcategory_ids_of(c)]
        where.append(f"o.subcategory_id IN ({', '.join(repr(s) for s in ids)})")
    for i, word in enumerate(query.text.split()):
        params[f"w{i}"] = f"%{word.lower()}%"
        where.append(f"lower(o.name || ' ' || v.name) LIKE :w{i}")
    body = (
        "FROM offers o JOIN venues v ON v.id = o.venue_id JOIN offerers r ON r.id = v.offerer_id "
        f"WHERE {' AND '.join(where)}"
    )
    order = (
        "(o.is_national OR v.is_virtual), d, o.id"
        if query.latitude is not None
        else "(SELECT min(beginning_at) FROM stocks WHERE offer_id = o.id) IS NULL, o.id"
    )
    with db.sql_transaction(write=False) as connection:
        ids = [
            r[0]
            for r in connection.execute(
                text(f"SELECT o.id, {distance} AS d {body} ORDER BY {order} LIMIT 20"),
                params,  # noqa: S608
            )
        ]
        total = connection.execute(
            text(f"SELECT count(*) FROM (SELECT 1 {body} LIMIT 1001) AS t"),
            params,  # noqa: S608
        ).scalar_one()
    return ids, total


# --- Running -----------------------------------------------------------------------------


def _url(database: str, size: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{DATA / f'search-{size}.db'}"
    return POSTGRES.format(size=size)


def _label(size: int) -> str:
    return f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--baseline-runs", type=int, default=50)
    parser.add_argument("--reload", action="store_true", help="recharger les catalogues")
    parser.add_argument("--extra", action="store_true", help="requêtes supplémentaires")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    databases = args.databases.split(",")
    mix = MIX + (EXTRA if args.extra else [])
    figures: dict[tuple[str, str, int], tuple[float, float]] = {}
    totals: dict[tuple[str, str, int], int] = {}
    for database in databases:
        for size in sizes:
            url = _url(database, size)
            ensure_database(url)
            print(f"{database} {_label(size)} ({url})")
            db.use_database(url)
            migrations.upgrade()  # a catalogue loaded by an older revision follows
            if args.reload or not is_loaded(url, size):
                load(url, size)
            db.use_database(url)
            for name, query in mix:
                result = search_offers(query, now=QUERY_NOW)
                totals[(database, name, size)] = result.total
                figures[(database, name, size)] = _time_ms(
                    lambda q=query: search_offers(q, now=QUERY_NOW), args.runs
                )[:2]
                p50, p95 = figures[(database, name, size)]
                print(f"  {name:32} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  total {result.total}")
            if size == min(sizes) and args.baseline_runs:
                for name, query in mix:
                    p50, p95, n = _time_ms(lambda q=query: baseline(q), args.baseline_runs, 30)
                    figures[(database, "baseline " + name, size)] = (p50, p95)
                    print(f"  baseline {name:23} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({n} runs)")
            db.dispose_engines()
    _report(figures, mix, databases, sizes)
    return 0


def _report(figures, mix, databases, sizes) -> None:
    small, large = min(sizes), max(sizes)
    print("\np95 in ms, warm, one client (p50 in brackets); baseline = plain indexed SQL query")
    header = ["query"]
    for database in databases:
        header += [f"{database} {_label(s)}" for s in sizes]
        header += [f"{database} baseline {_label(small)}", f"{database} growth"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    failures = []
    for name, _query in mix:
        cells = [name]
        for database in databases:
            for size in sizes:
                p50, p95 = figures[(database, name, size)]
                cells.append(f"{p95:.1f} ({p50:.1f})")
                if size == large and p95 > TARGET_P95_MS:
                    failures.append(f"{database} {name} p95 {p95:.1f} ms > {TARGET_P95_MS} ms")
            base = figures.get((database, "baseline " + name, small))
            cells.append("–" if base is None else f"{base[1]:.1f} ({base[0]:.1f})")
            growth = figures[(database, name, large)][1] / figures[(database, name, small)][1]
            cells.append(f"× {growth:.1f}")
            if len(sizes) > 1 and growth > TARGET_GROWTH:
                failures.append(f"{database} {name} growth × {growth:.1f} > × {TARGET_GROWTH}")
        print("| " + " | ".join(cells) + " |")
    print(
        f"\nTargets: p95 ≤ {TARGET_P95_MS:.0f} ms at {_label(large)}, "
        f"growth ≤ × {TARGET_GROWTH:.0f}"
        f" from {_label(small)} to {_label(large)}: "
        + ("met" if not failures else "missed — " + "; ".join(failures))
    )


if __name__ == "__main__":
    sys.exit(main())
