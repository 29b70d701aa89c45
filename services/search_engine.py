# ruff: noqa: S608 -- SQL assembled from integers, catalogue constants and bound parameters
"""The fast discovery search over the index of services/search_index.py.

Strategies, picked per query from cheap probes (index-only counts that stop early):

- **enumerate**: when one access path yields at most PROBE candidates — the postings of
  the rarest word within the area's cells (text ∩ area in one B-tree range), or a
  category within the area's cells — every candidate is read with all filters applied
  in SQL and sorted in Python. Exact for every sort.
- **venue-first** (distance sort): venues nearest first in rings, their offers counted
  per chunk of venues from a covering index, stopping once COUNT_CAP are counted; the
  page is read from the few venues that hold it. National and digital offers follow.
- **ordered scan** (date or price sort): the index read in key order, filtered, until
  the page is full; the count stops at COUNT_CAP.

Rules O3/F9 at query time: a row exists only for an offer with a validated structure,
approved and active, with a stock active, not deleted, not sold out (the triggers keep
this in the writing transaction). A row whose `stale_at` (first booking limit or start
among those stocks) has passed is checked against its stocks (EXISTS), and its price and
first date are recomputed: a stale row's stored values are lower bounds of the true ones,
which the ordered scan uses to stay exact.
"""

import heapq
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from services import search_index
from services.geo import EARTH_RADIUS_KM, distance_km
from services.search_index import ACCESS_BITS, EVERYWHERE

PROBE = 1200  # at most this many candidates are enumerated
RINGS_KM = (2, 5, 10, 20, 35, 50, 75, 100)
VENUE_CHUNK = 96
SCAN_BATCH = 100
PREFIX_EXPANSION = 60
MAX_SEEKS = 2500  # vocabulary words a typed prefix may stand for in postings
KM_PER_DEGREE = 111.2


@dataclass
class WordTest:
    """One query word: the indexed words it may be, and whether it is a typed prefix."""

    exact: tuple[str, ...]
    prefix: str | None = None
    postings: tuple[str, ...] | None = None  # words to read in the postings; None = too many


@dataclass
class Ask:
    """What the engine is asked, already checked (services/search.py)."""

    latitude: float | None
    longitude: float | None
    radius_km: int
    words: list[WordTest]
    categories: tuple[str, ...] | None
    duo_only: bool
    access_mask: int
    max_price: int | None
    date_from: datetime | None
    date_to: datetime | None
    sort: str  # "distance" (located only), "date", "price"
    offset: int
    limit: int
    count_cap: int
    now: datetime

    @property
    def located(self) -> bool:
        return self.latitude is not None

    @property
    def windowed(self) -> bool:
        return self.date_from is not None or self.date_to is not None


@dataclass
class Found:
    """Offer ids of the page in order, with their distance; the capped count."""

    ids: list[int]
    total: int
    exact: dict[int, tuple[int, Any]] = field(default_factory=dict)  # id → (price, date)
    strategy: str = ""


class _Binds:
    """Named parameters in the driver's own style (the engine runs on the DBAPI cursor:
    each search sends a dozen small statements, SQLAlchemy's per-statement cost would
    weigh more than the database's)."""

    style = ":{}"

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return self.style.format(name)


class _PgBinds(_Binds):
    style = "%({})s"


def _ints(values) -> str:
    return ", ".join(str(int(v)) for v in values) or "NULL"


class Engine:
    def __init__(self, connection: Connection, ask: Ask):
        self.c = connection
        self.ask = ask
        self.sqlite = connection.dialect.name == "sqlite"
        self.cursor = connection.connection.dbapi_connection.cursor()
        self.binds = _Binds if self.sqlite else _PgBinds
        self.now = self._time(ask.now)
        self.counted_word: tuple[WordTest, int] | None = None  # the rarest word, probed
        if ask.located:
            self.point = search_index.unit_vector(ask.latitude, ask.longitude)
            # SQL keeps rows up to a hair beyond the radius; Python decides on the edge
            # with the same formula as the venue-first path (haversine).
            self.cos_r = math.cos((ask.radius_km + 1e-6) / EARTH_RADIUS_KM)
            self.cos_r_sure = math.cos((ask.radius_km - 1e-6) / EARTH_RADIUS_KM)
            self.cells = self._cells(ask.radius_km)

    # --- SQL pieces ------------------------------------------------------------------

    def _time(self, moment: datetime) -> Any:
        if self.sqlite:  # as SQLAlchemy stores it on SQLite: naive UTC text
            return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return moment

    def _stock_clause(self, b: _Binds) -> str:
        ask = self.ask
        now = b(self._time(ask.now))
        parts = [
            "st.offer_id = s.offer_id",
            "st.is_active",
            "NOT st.is_soft_deleted",
            f"(st.booking_limit_at IS NULL OR st.booking_limit_at > {now})",
            f"(st.beginning_at IS NULL OR st.beginning_at > {now})",
            "(st.quantity IS NULL OR st.booked_quantity < st.quantity)",
        ]
        if ask.date_from is not None:
            parts.append(f"st.beginning_at >= {b(self._time(ask.date_from))}")
        if ask.date_to is not None:
            parts.append(f"st.beginning_at < {b(self._time(ask.date_to))}")
        if ask.windowed:
            parts.append("st.beginning_at IS NOT NULL")
        if ask.max_price is not None:
            parts.append(f"st.price <= {int(ask.max_price)}")
        return " AND ".join(parts)

    def conditions(
        self, b: _Binds, *, text_filter: bool = True, skip: "WordTest | None" = None
    ) -> list[str]:
        """Every filter on an index row `s`, rules O3/F9 at `now` included."""
        ask = self.ask
        where = []
        if ask.categories is not None:
            where.append(f"s.category IN ({', '.join(b(c) for c in ask.categories)})")
        if ask.duo_only:
            where.append("s.is_duo")
        if ask.access_mask:
            where.append(f"(s.access & {ask.access_mask}) = {ask.access_mask}")
        if ask.max_price is not None:
            where.append(f"s.min_price <= {int(ask.max_price)}")
        exists = f"EXISTS (SELECT 1 FROM stocks st WHERE {self._stock_clause(b)})"
        if ask.windowed:
            where += ["s.is_event", exists]
        else:
            now = b(self._time(ask.now))
            where.append(f"(s.stale_at IS NULL OR s.stale_at > {now} OR {exists})")
        if text_filter:
            where += self._text_conditions(b, skip)
        return where

    def _text_conditions(self, b: _Binds, skip: "WordTest | None" = None) -> list[str]:
        where = []
        for test in self.ask.words:
            if test is skip:
                continue
            options = [f"s.words LIKE {b('% ' + w + ' %')}" for w in test.exact]
            if test.prefix is not None:
                options.append(f"s.words LIKE {b('% ' + test.prefix + '%')}")
            where.append("(" + " OR ".join(options) + ")")
        return where

    def _dot(self) -> str:
        px, py, pz = self.point
        return f"(s.x * {px!r} + s.y * {py!r} + s.z * {pz!r})"

    def _in_radius(self) -> str:
        return f"(s.cell = {EVERYWHERE} OR {self._dot()} >= {self.cos_r!r})"

    def _inside(self, cell: int, dot: float | None, latitude, longitude) -> bool:
        if cell == EVERYWHERE or dot >= self.cos_r_sure:
            return True
        ask = self.ask
        distance = distance_km(ask.latitude, ask.longitude, latitude, longitude)
        return distance <= ask.radius_km

    def _cells(self, radius_km: float) -> list[int]:
        ask = self.ask
        dlat = radius_km / KM_PER_DEGREE + 0.01
        lat_min, lat_max = max(-89.99, ask.latitude - dlat), min(89.99, ask.latitude + dlat)
        widest = max(abs(lat_min), abs(lat_max))
        dlon = min(180.0, radius_km / (KM_PER_DEGREE * math.cos(math.radians(widest))) + 0.01)
        per = search_index.CELLS_PER_DEGREE
        rows = range(math.floor((lat_min + 90) * per), math.floor((lat_max + 90) * per) + 1)
        lon_lo = math.floor((max(-180.0, ask.longitude - dlon) + 180) * per)
        lon_hi = math.floor((min(180.0, ask.longitude + dlon) + 180) * per)
        return [r * search_index.CELL_ROW + c for r in rows for c in range(lon_lo, lon_hi + 1)]

    def _rows(self, sql: str, b: _Binds) -> list:
        self.cursor.execute(sql, b.values)
        return self.cursor.fetchall()

    def _scalar(self, sql: str, b: _Binds) -> int:
        self.cursor.execute(sql, b.values)
        return self.cursor.fetchone()[0]

    # --- Probes --------------------------------------------------------------------

    def _posting_filter(self, test: WordTest, b: _Binds, cells: list[int] | None) -> str:
        words = ", ".join(b(w) for w in test.postings)
        where = f"w.word IN ({words})"
        # (word, cell) pairs are index seeks: past a few thousand, read the words' whole
        # posting lists instead (the radius is checked on the rows anyway).
        if cells is not None and len(test.postings) * len(cells) <= MAX_SEEKS:
            where += f" AND w.cell IN ({_ints(cells)})"
        return where

    def _best_access(self) -> tuple[str, str, int] | None:
        """The most selective way in, when it yields fewer than PROBE candidates:
        (kind, SQL condition on `s` bound later, probe count)."""
        ask = self.ask
        cells = self.cells + [EVERYWHERE] if ask.located else None
        best = None
        for test in ask.words:
            if not test.postings:
                continue
            b = self.binds()
            count = self._scalar(
                "SELECT count(*) FROM (SELECT 1 FROM search_words w WHERE "
                f"{self._posting_filter(test, b, cells)} LIMIT {PROBE}) AS t",
                b,
            )
            if self.counted_word is None or count < self.counted_word[1]:
                self.counted_word = (test, count)
            if count < PROBE and (best is None or count < best[2]):
                best = ("text", test, count)
        if ask.categories is not None:
            b = self.binds()
            where = f"s.category IN ({', '.join(b(c) for c in ask.categories)})"
            if cells is not None:
                where = f"s.cell IN ({_ints(cells)}) AND " + where
            count = self._scalar(
                f"SELECT count(*) FROM (SELECT 1 FROM search_offers s WHERE {where} "
                f"LIMIT {PROBE}) AS t",
                b,
            )
            if count < PROBE and (best is None or count < best[2]):
                best = ("category", None, count)
        return best

    # --- Strategy: enumerate ----------------------------------------------------------

    def enumerate(self, kind: str, test: WordTest | None) -> Found:
        ask = self.ask
        b = self.binds()
        source = "search_offers s"
        select = "SELECT"
        if kind == "text":  # driven by the postings: a join, read from the words' side
            cells = self.cells + [EVERYWHERE] if ask.located else None
            source = "search_words w JOIN search_offers s ON s.offer_id = w.offer_id"
            select = "SELECT DISTINCT" if len(test.postings) > 1 else "SELECT"
            where = [self._posting_filter(test, b, cells)] + self.conditions(b, skip=test)
        else:
            where = self.conditions(b)
            if ask.located:
                where.append(f"s.cell IN ({_ints(self.cells + [EVERYWHERE])})")
        dot = self._dot() if ask.located else "NULL"
        if ask.located:
            where.append(self._in_radius())
        rows = self._rows(
            f"{select} s.offer_id, s.cell, {dot}, s.first_date, s.min_price, s.stale_at, "
            f"s.latitude, s.longitude FROM {source} WHERE {' AND '.join(where)}",
            b,
        )
        if ask.located:
            rows = [r for r in rows if self._inside(r[1], r[2], r[6], r[7])]
        exact = self._exact_values([r[0] for r in rows if self._needs_exact(r[5])])
        keyed = []
        for offer_id, cell, dot_value, first_date, min_price, *_ in rows:
            price, date = exact.get(offer_id, (min_price, first_date))
            if ask.sort == "distance":
                key = (cell == EVERYWHERE, -(dot_value or 0.0), offer_id)
            elif ask.sort == "date":
                key = (date is None, date or "", offer_id)
            else:
                key = (price, offer_id)
            keyed.append(key)
        keyed.sort()
        page = [k[-1] for k in keyed[ask.offset : ask.offset + ask.limit]]
        return Found(page, min(len(keyed), ask.count_cap), exact, f"enumerate-{kind}")

    def _needs_exact(self, stale_at) -> bool:
        if self.ask.windowed:
            return True
        return stale_at is not None and stale_at <= self.now

    def _exact_values(self, ids: list[int]) -> dict[int, tuple[int, Any]]:
        """Min price and first start over the bookable stocks (in the date range)."""
        if not ids:
            return {}
        result = {}
        for start in range(0, len(ids), 500):
            b = self.binds()
            clause = self._stock_clause(b).replace("st.offer_id = s.offer_id", "1 = 1")
            clause = clause.replace(f" AND st.price <= {self.ask.max_price}", "")
            rows = self._rows(
                "SELECT st.offer_id, min(st.price), min(st.beginning_at) FROM stocks st "
                f"WHERE st.offer_id IN ({_ints(ids[start : start + 500])}) AND {clause} "
                "GROUP BY st.offer_id",
                b,
            )
            result.update({r[0]: (r[1], r[2]) for r in rows})
        return result

    # --- Strategy: venue-first (distance) ---------------------------------------------

    def _venue_rings(self):
        ask = self.ask
        self.venue_cells: dict[int, int] = {}
        seen: set[int] = set()
        rings = [r for r in RINGS_KM if r < ask.radius_km] + [ask.radius_km]
        for radius in rings:
            dlat = radius / KM_PER_DEGREE + 0.01
            lat_min, lat_max = ask.latitude - dlat, ask.latitude + dlat
            widest = min(89.9, max(abs(lat_min), abs(lat_max)))
            dlon = radius / (KM_PER_DEGREE * math.cos(math.radians(widest))) + 0.01
            flags = "".join(
                f" AND {flag}_disability_compliant"
                for flag, bit in ACCESS_BITS.items()
                if ask.access_mask & bit
            )
            b = self.binds()
            rows = self._rows(
                "SELECT id, latitude, longitude FROM venues WHERE latitude BETWEEN "
                f"{b(lat_min)} AND {b(lat_max)} AND longitude BETWEEN "
                f"{b(ask.longitude - dlon)} AND {b(ask.longitude + dlon)}{flags}",
                b,
            )
            ring = []
            for venue_id, lat, lon in rows:
                if venue_id in seen:
                    continue
                distance = distance_km(ask.latitude, ask.longitude, lat, lon)
                if distance <= radius:
                    seen.add(venue_id)
                    ring.append((distance, venue_id))
                    self.venue_cells[venue_id] = search_index.cell_of(lat, lon)
            ring.sort()
            yield ring

    def venue_first(self, *, page: bool = True) -> Found:
        ask = self.ask
        target = max(ask.count_cap, ask.offset + ask.limit)
        groups: list[list] = []  # [distance, [venue ids], count], by distance
        located = 0
        done = False
        for ring in self._venue_rings():
            for start in range(0, len(ring), VENUE_CHUNK):
                chunk = ring[start : start + VENUE_CHUNK]
                counts = self._count_venues([v for _, v in chunk])
                for distance, venue_id in chunk:
                    count = counts.get(venue_id, 0)
                    if not count:
                        continue
                    if groups and groups[-1][0] == distance:
                        groups[-1][1].append(venue_id)
                        groups[-1][2] += count
                    else:
                        groups.append([distance, [venue_id], count])
                    located += count
                if located >= target:
                    done = True
                    break
            if done:
                break
        ids: list[int] = []
        if page:
            ids = self._located_page(groups)
        total = located
        if located < ask.count_cap or len(ids) < ask.limit:
            every_total, every_ids = self._everywhere(
                max(0, ask.offset - located),
                ask.limit - len(ids) if page else 0,
                ask.count_cap - min(located, ask.count_cap),
            )
            total += every_total
            ids += every_ids
        return Found(ids, min(total, ask.count_cap), {}, "venue-first")

    def _count_venues(self, venue_ids: list[int]) -> dict[int, int]:
        """Matching offers of each venue (national and digital ones apart)."""
        b = self.binds()
        test = self.counted_word[0] if self.counted_word else None
        cells = None
        if test is not None:
            venues = self.venue_cells
            cells = sorted({venues[v] for v in venue_ids})
            if len(test.postings) * len(cells) * len(venue_ids) > MAX_SEEKS * 4:
                test = None
        if test is None:  # from the covering index (the text, if any, read on the rows)
            where = " AND ".join(self.conditions(b))
            return dict(
                self._rows(
                    "SELECT s.venue_id, count(*) FROM search_offers s WHERE s.venue_id IN "
                    f"({_ints(venue_ids)}) AND s.cell <> {EVERYWHERE} AND {where} "
                    "GROUP BY s.venue_id",
                    b,
                )
            )
        # From the postings of the rarest word, venue by venue: the offers read are the
        # ones carrying that word only.
        words = ", ".join(b(w) for w in test.postings)
        where = " AND ".join(self.conditions(b, skip=test))
        counted = "count(DISTINCT w.offer_id)" if len(test.postings) > 1 else "count(*)"
        if self.sqlite:  # SQLite seeks each (word, cell, venue) of the three lists
            return dict(
                self._rows(
                    f"SELECT w.venue_id, {counted} FROM search_words w "
                    "JOIN search_offers s ON s.offer_id = w.offer_id "
                    f"WHERE w.word IN ({words}) AND w.cell IN ({_ints(cells)}) "
                    f"AND w.venue_id IN ({_ints(venue_ids)}) AND {where} GROUP BY w.venue_id",
                    b,
                )
            )
        # PostgreSQL would walk every combination of the lists: pair each venue with its
        # cell instead, one index descent per venue and word.
        pairs = ", ".join(f"({int(self.venue_cells[v])}, {int(v)})" for v in venue_ids)
        return dict(
            self._rows(
                f"SELECT p.venue_id, {counted} FROM (VALUES {pairs}) AS p(cell, venue_id) "
                "JOIN search_words w ON w.cell = p.cell AND w.venue_id = p.venue_id "
                f"AND w.word IN ({words}) JOIN search_offers s ON s.offer_id = w.offer_id "
                f"WHERE {where} GROUP BY p.venue_id",
                b,
            )
        )

    def _located_page(self, groups: list[list]) -> list[int]:
        ask = self.ask
        start, end = ask.offset, ask.offset + ask.limit
        position = 0
        wanted: list[list] = []
        first_position = None
        for group in groups:
            if position + group[2] > start and position < end:
                if first_position is None:
                    first_position = position
                wanted.append(group)
            position += group[2]
            if position >= end:
                break
        if not wanted:
            return []
        b = self.binds()
        where = " AND ".join(self.conditions(b))
        venue_ids = [v for group in wanted for v in group[1]]
        rows = self._rows(
            f"SELECT s.venue_id, s.offer_id FROM search_offers s WHERE s.venue_id IN "
            f"({_ints(venue_ids)}) AND s.cell <> {EVERYWHERE} AND {where}",
            b,
        )
        rank = {v: i for i, group in enumerate(wanted) for v in group[1]}
        ordered = sorted((rank[venue_id], offer_id) for venue_id, offer_id in rows)
        skip = start - first_position
        return [offer_id for _, offer_id in ordered[skip : skip + ask.limit]]

    def _everywhere(self, offset: int, limit: int, cap: int) -> tuple[int, list[int]]:
        """National and digital offers (rule F6): their capped count and a page by id."""
        if cap <= 0 and limit <= 0:
            return 0, []
        b = self.binds()
        count_cap = max(cap, offset + limit, 1)
        test = self.counted_word[0] if self.counted_word else None
        if test is not None:  # from the postings of cell -1 of the rarest word
            words = ", ".join(b(w) for w in test.postings)
            where = " AND ".join(self.conditions(b, skip=test))
            few = (
                f"SELECT DISTINCT s.offer_id FROM search_words w JOIN search_offers s "
                f"ON s.offer_id = w.offer_id WHERE w.word IN ({words}) "
                f"AND w.cell = {EVERYWHERE} AND {where}"
            )
        else:
            where = " AND ".join(self.conditions(b))
            few = f"SELECT s.offer_id FROM search_offers s WHERE s.cell = {EVERYWHERE} AND {where}"
        count = self._scalar(f"SELECT count(*) FROM ({few} LIMIT {count_cap}) AS t", b)
        if limit <= 0 or count <= offset:
            return min(count, max(cap, 0)), []
        if count < count_cap:  # few: read them all through the index
            rows = self._rows(few, b)
            ids = sorted(r[0] for r in rows)[offset : offset + limit]
        else:  # many: the primary key order finds them at once
            b = self.binds()
            where = " AND ".join(self.conditions(b))
            ids = [
                r[0]
                for r in self._rows(
                    f"SELECT s.offer_id FROM search_offers s WHERE +s.cell = {EVERYWHERE} "
                    f"AND {where} ORDER BY s.offer_id LIMIT {limit} OFFSET {offset}",
                    b,
                )
            ]
        return min(count, max(cap, 0)), ids

    # --- Strategy: ordered scan (date, price) -----------------------------------------

    def ordered_scan(self) -> Found:
        ask = self.ask
        need = ask.offset + ask.limit
        out: list[tuple] = []
        exact: dict[int, tuple[int, Any]] = {}
        phases = (
            [("s.first_date IS NOT NULL", "s.first_date"), ("s.first_date IS NULL", None)]
            if ask.sort == "date"
            else [("1 = 1", "s.min_price")]
        )
        for phase, key in phases:
            if len(out) >= need:
                break
            out += self._scan_phase(phase, key, need - len(out), exact)
        ids = [offer_id for *_, offer_id in out[ask.offset : need]]
        return Found(ids, self._count(), exact, "ordered-scan")

    def _scan_phase(self, phase: str, key: str | None, need: int, exact: dict) -> list[tuple]:
        ask = self.ask
        heap: list[tuple] = []
        emitted: list[tuple] = []
        last = None
        batch = max(SCAN_BATCH, need * 2)
        while len(emitted) < need:
            b = self.binds()
            where = self.conditions(b) + [phase]
            if ask.located:
                where.append(self._in_radius())
            if last is not None:
                if key is None:
                    where.append(f"s.offer_id > {int(last[1])}")
                else:
                    where.append(f"({key}, s.offer_id) > ({b(last[0])}, {int(last[1])})")
            order = "s.offer_id" if key is None else f"{key}, s.offer_id"
            located = (
                f", s.cell, {self._dot()}, s.latitude, s.longitude"
                if ask.located
                else ", NULL, NULL, NULL, NULL"
            )
            rows = self._rows(
                f"SELECT s.offer_id, {key or 'NULL'}, s.stale_at{located} FROM search_offers s "
                f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {batch}",
                b,
            )
            kept = [r for r in rows if not ask.located or self._inside(*r[3:7])]
            values = self._exact_values([r[0] for r in kept if self._needs_exact(r[2])])
            exact.update(values)
            for offer_id, stored, *_ in kept:
                true = stored
                if offer_id in values:
                    price, date = values[offer_id]
                    true = date if ask.sort == "date" else price
                heapq.heappush(heap, (true if key else 0, offer_id))
            if rows:
                last = (rows[-1][1], rows[-1][0])
                bound = (last[0] if key else 0, last[1])
                while heap and heap[0] <= bound and len(emitted) < need:
                    emitted.append(heapq.heappop(heap))
            if len(rows) < batch:
                while heap and len(emitted) < need:
                    emitted.append(heapq.heappop(heap))
                break
        return emitted

    def _count(self) -> int:
        ask = self.ask
        if ask.located:
            return self.venue_first(page=False).total
        b = self.binds()
        where = self.conditions(b)
        best = None
        for test in ask.words:
            if test.postings and (best is None or len(test.postings) < len(best.postings)):
                best = test
        if best is not None:
            distinct = "DISTINCT s.offer_id" if len(best.postings) > 1 else "1"
            return self._scalar(
                f"SELECT count(*) FROM (SELECT {distinct} FROM search_words w "
                "JOIN search_offers s ON s.offer_id = w.offer_id WHERE "
                f"{self._posting_filter(best, b, None)} AND {' AND '.join(where)} "
                f"LIMIT {ask.count_cap}) AS t",
                b,
            )
        return self._scalar(
            f"SELECT count(*) FROM (SELECT 1 FROM search_offers s WHERE {' AND '.join(where)} "
            f"LIMIT {ask.count_cap}) AS t",
            b,
        )

    def details(self, ids: list[int]) -> dict[int, tuple]:
        """What a hit shows, by offer id."""
        b = self.binds()
        rows = self._rows(
            "SELECT o.id, o.name, o.subcategory_id, o.image_url, o.is_duo, o.is_national, "
            "v.id, v.name, v.public_name, v.city, v.latitude, v.longitude, v.is_virtual, "
            "s.cell, s.min_price, s.first_date, s.stale_at FROM search_offers s "
            "JOIN offers o ON o.id = s.offer_id JOIN venues v ON v.id = o.venue_id "
            f"WHERE s.offer_id IN ({_ints(ids)})",
            b,
        )
        return {row[0]: row for row in rows}

    def page_values(self, found: Found, rows: dict[int, tuple]) -> dict[int, tuple[int, Any]]:
        """(min price, first date) of each hit: recomputed for stale rows and date ranges."""
        recompute = [
            i for i in found.ids if i not in found.exact and self._needs_exact(rows[i][16])
        ]
        exact = {**found.exact, **self._exact_values(recompute)}
        return {i: exact.get(i, (rows[i][14], rows[i][15])) for i in found.ids}

    # --- Entry point -----------------------------------------------------------------

    def run(self) -> Found:
        best = self._best_access()
        if best is not None:
            return self.enumerate(best[0], best[1])
        if self.ask.sort == "distance":
            return self.venue_first()
        return self.ordered_scan()


def expand_words(connection: Connection, words: list[str], *, typo: bool) -> list[WordTest]:
    """Query words as tests on the index: the last one is a typed prefix; with `typo`,
    words of the vocabulary one edit away count too (same first letter)."""
    from services.search import TYPO_MIN_LENGTH, within_one_edit

    tests = []
    for index, word in enumerate(words):
        exact = {word}
        if typo and len(word) >= TYPO_MIN_LENGTH:
            rows = connection.execute(
                text(
                    "SELECT word FROM search_vocabulary WHERE word >= :low AND word < :high "
                    "AND length(word) BETWEEN :shortest AND :longest"
                ),
                {
                    "low": word[0],
                    "high": word[0] + "\U0010ffff",
                    "shortest": len(word) - 1,
                    "longest": len(word) + 1,
                },
            )
            exact |= {w for (w,) in rows if within_one_edit(word, w)}
        prefix = word if index == len(words) - 1 else None
        postings: tuple[str, ...] | None = tuple(sorted(exact))
        if prefix is not None:
            expansions = [
                w
                for (w,) in connection.execute(
                    text(
                        "SELECT word FROM search_vocabulary WHERE word >= :low AND word < :high "
                        f"ORDER BY word LIMIT {PREFIX_EXPANSION + 1}"
                    ),
                    {"low": prefix, "high": prefix + "\U0010ffff"},
                )
            ]
            postings = (
                None
                if len(expansions) > PREFIX_EXPANSION
                else tuple(sorted(set(expansions) | exact))
            )
        tests.append(WordTest(tuple(sorted(exact)), prefix, postings))
    return tests
