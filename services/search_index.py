# ruff: noqa: S608 -- SQL assembled from integers, catalogue constants and bound parameters
"""The search index (pass_culture/models/search.py), kept by database triggers.

Freshness: triggers on offerers, venues, offers and stocks rewrite an offer's
`search_offers` row in the very transaction that changes what the row depends on, whatever
code path made the change (services, imports, demo loader, factories, a SQL console). A
row holds only what does not depend on the clock; the query checks the rest (booking limit,
event start) exactly — see `stale_at` and services/search.py.

Text is folded the same way by the triggers (SQL) and by the queries (Python): ASCII lower
case, accented Latin letters to their base letter, punctuation to spaces. SQLite has no
`translate`, so its triggers chain `replace` calls generated from the same table.

On PostgreSQL, recomputing an offer first locks its row (FOR NO KEY UPDATE): two
transactions changing stocks of one offer recompute it one after the other, each seeing
what the other committed (a booking locks its stock first, then the offer: one order).
"""

import math
import string
import unicodedata
from datetime import datetime

from sqlalchemy import Connection, bindparam, text

from pass_culture import db
from pass_culture.models.types import UTCDateTime
from services.search_categories import search_category_of
from services.subcategories import SUBCATEGORIES

CELL_DEGREES = 0.1  # geographic cells of 0.1° × 0.1° (about 11 km × 7 km in France)
CELLS_PER_DEGREE = 10
CELL_ROW = 3601  # cells per band of latitude
EVERYWHERE = -1  # the cell of national and digital offers (rule F6): every location
ACCESS_BITS = {"visual": 1, "mental": 2, "motor": 4, "audio": 8}

# --- Folding ----------------------------------------------------------------------------

_MULTI = {
    "Æ": "ae",
    "æ": "ae",
    "Œ": "oe",
    "œ": "oe",
    "ß": "ss",
    "Þ": "th",
    "þ": "th",
    "Ĳ": "ij",
    "ĳ": "ij",
}
_SINGLE_SPECIAL = {
    "Ð": "d",
    "ð": "d",
    "Ø": "o",
    "ø": "o",
    "Đ": "d",
    "đ": "d",
    "Ħ": "h",
    "ħ": "h",
    "ı": "i",
    "ĸ": "k",
    "Ŀ": "l",
    "ŀ": "l",
    "Ł": "l",
    "ł": "l",
    "ŉ": "n",
    "Ŋ": "n",
    "ŋ": "n",
    "Ŧ": "t",
    "ŧ": "t",
    "ſ": "s",
}


def _build_fold() -> tuple[dict[str, str], dict[str, str]]:
    """(single-character map, multi-character map), ASCII upper case excluded."""
    single: dict[str, str] = {}
    spaces = set(string.punctuation) | set("\t\n\r\x0b\x0c")
    spaces |= {chr(c) for c in range(0x2000, 0x2028)} | set("\u202f\u2039\u203a\u20ac")
    for code in range(0xA0, 0x180):
        ch = chr(code)
        if ch in _MULTI:
            continue
        if ch in _SINGLE_SPECIAL:
            single[ch] = _SINGLE_SPECIAL[ch]
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        ).lower()
        if len(base) == 1 and base.isascii() and base.isalnum():
            single[ch] = base
        elif not ch.isalnum():
            spaces.add(ch)
    for ch in spaces:
        single[ch] = " "
    return single, dict(_MULTI)


FOLD_SINGLE, FOLD_MULTI = _build_fold()
_PY_TABLE = str.maketrans(
    {**{c: c.lower() for c in string.ascii_uppercase}, **FOLD_SINGLE, **FOLD_MULTI}
)


def fold(value: str) -> str:
    """The text as the index stores it: "L'Été" → "l ete"."""
    return value.translate(_PY_TABLE)


def fold_words(value: str) -> list[str]:
    return [word for word in fold(value).split(" ") if word]


def document(name: str, author, performer, venue_name: str, public_name: str | None) -> str:
    """The `words` column: folded, with a space at both ends."""
    parts = [name, _text(author), _text(performer), venue_name, public_name or ""]
    return " " + fold(" ".join(parts)) + " "


def _text(value) -> str:
    return "" if value is None else str(value)


_SQLITE_STAGE = 20  # replace() calls per statement: SQLite's parser nests about 25


def _sqlite_fold_stages() -> list[str]:
    """The folding as a few `replace` chains, applied one after the other."""
    pairs = sorted(FOLD_MULTI.items()) + sorted(FOLD_SINGLE.items())
    stages = []
    for start in range(0, len(pairs), _SQLITE_STAGE):
        expression = "words"
        for ch, replacement in pairs[start : start + _SQLITE_STAGE]:
            expression = f"replace({expression}, char({ord(ch)}), '{replacement}')"
        stages.append(expression)
    return stages


def _pg_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _pg_fold_body() -> str:
    expression = "value"
    for ch, replacement in sorted(FOLD_MULTI.items()):
        expression = f"replace({expression}, {_pg_literal(ch)}, {_pg_literal(replacement)})"
    pairs = sorted(FOLD_SINGLE.items()) + [(c, c.lower()) for c in string.ascii_uppercase]
    source = "".join(ch for ch, _ in pairs)
    target = "".join(rep for _, rep in pairs)
    return f"SELECT translate({expression}, {_pg_literal(source)}, {_pg_literal(target)})"


# --- Geography ----------------------------------------------------------------------------


def cell_of(latitude: float, longitude: float) -> int:
    return math.floor((latitude + 90) * CELLS_PER_DEGREE) * CELL_ROW + math.floor(
        (longitude + 180) * CELLS_PER_DEGREE
    )


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    phi, lam = math.radians(latitude), math.radians(longitude)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


# --- The row of an offer, as SQL --------------------------------------------------------
# The catalogue (rule F1) is written into the triggers: a new subcategory needs a migration
# that calls `install` again (test_search checks every subcategory is indexed).


def _category_case() -> str:
    branches = " ".join(
        f"WHEN '{s}' THEN '{search_category_of(s).id}'" for s in sorted(SUBCATEGORIES)
    )
    return f"CASE o.subcategory_id {branches} END"


def _event_case(true: str, false: str) -> str:
    events = ", ".join(f"'{s.id}'" for s in SUBCATEGORIES.values() if s.is_event)
    return f"CASE WHEN o.subcategory_id IN ({events}) THEN {true} ELSE {false} END"


def _known() -> str:
    return ", ".join(f"'{s}'" for s in sorted(SUBCATEGORIES))


_COLUMNS = (
    "offer_id, venue_id, category, subcategory_id, is_event, is_duo, access, latitude, "
    "longitude, x, y, z, cell, min_price, first_date, stale_at, words"
)


def _rows_select(dialect: str, where: str, *, timed: bool = False) -> str:
    """The search rows of the offers matching `where` (on `o`), as one SELECT.

    `timed`: also drop the stocks whose booking limit or start has passed at :now (the
    refresh of stale rows); the triggers never look at the clock.
    """
    everywhere = "(o.is_national OR v.is_virtual OR v.latitude IS NULL)"
    if dialect == "sqlite":
        author = "json_extract(o.extra_data, '$.author')"
        performer = "json_extract(o.extra_data, '$.performer')"
        cell = (
            f"CAST((v.latitude + 90) * {CELLS_PER_DEGREE} AS INTEGER) * {CELL_ROW} + "
            f"CAST((v.longitude + 180) * {CELLS_PER_DEGREE} AS INTEGER)"
        )
        raw = (
            f"o.name || ' ' || coalesce({author}, '') || ' ' || coalesce({performer}, '') "
            "|| ' ' || v.name || ' ' || coalesce(v.public_name, '')"
        )
        words = f"' ' || lower({raw}) || ' '"  # folded by _sqlite_fold_stages
        group = "o.id"
        true, false = "1", "0"
    else:
        author = "(o.extra_data ->> 'author')"
        performer = "(o.extra_data ->> 'performer')"
        cell = (
            f"floor((v.latitude + 90) * {CELLS_PER_DEGREE})::integer * {CELL_ROW} + "
            f"floor((v.longitude + 180) * {CELLS_PER_DEGREE})::integer"
        )
        raw = (
            f"o.name || ' ' || coalesce({author}, '') || ' ' || coalesce({performer}, '') "
            "|| ' ' || v.name || ' ' || coalesce(v.public_name, '')"
        )
        words = f"' ' || search_fold({raw}) || ' '"
        group = "o.id, v.id"
        true, false = "true", "false"
    access = " + ".join(
        f"(CASE WHEN v.{flag}_disability_compliant THEN {bit} ELSE 0 END)"
        for flag, bit in ACCESS_BITS.items()
    )
    rad_lat, rad_lon = "radians(v.latitude)", "radians(v.longitude)"
    timed_clause = (
        " AND (coalesce(st.booking_limit_at, st.beginning_at) IS NULL"
        " OR coalesce(st.booking_limit_at, st.beginning_at) > :now)"
        if timed
        else ""
    )
    return f"""
SELECT o.id, o.venue_id, {_category_case()}, o.subcategory_id, {_event_case(true, false)},
  CASE WHEN o.is_duo THEN {true} ELSE {false} END, {access},
  CASE WHEN {everywhere} THEN NULL ELSE v.latitude END,
  CASE WHEN {everywhere} THEN NULL ELSE v.longitude END,
  CASE WHEN {everywhere} THEN NULL ELSE cos({rad_lat}) * cos({rad_lon}) END,
  CASE WHEN {everywhere} THEN NULL ELSE cos({rad_lat}) * sin({rad_lon}) END,
  CASE WHEN {everywhere} THEN NULL ELSE sin({rad_lat}) END,
  CASE WHEN {everywhere} THEN {EVERYWHERE} ELSE {cell} END,
  min(st.price), min(st.beginning_at), min(coalesce(st.booking_limit_at, st.beginning_at)),
  {words}
FROM offers o
JOIN venues v ON v.id = o.venue_id
JOIN offerers r ON r.id = v.offerer_id
JOIN stocks st ON st.offer_id = o.id AND st.is_active AND NOT st.is_soft_deleted
  AND (st.quantity IS NULL OR st.booked_quantity < st.quantity){timed_clause}
WHERE ({where}) AND o.subcategory_id IN ({_known()})
  AND r.validation_status = 'validated' AND o.validation_status = 'approved' AND o.is_active
GROUP BY {group}"""


# --- SQLite triggers ----------------------------------------------------------------------

_SQLITE_TRIGGERS = (
    "search_stocks_insert",
    "search_stocks_update",
    "search_stocks_delete",
    "search_offers_update",
    "search_venues_update",
    "search_offerers_update",
    "search_rows_delete",
)
_STOCK_CHANGED = (
    "OLD.offer_id IS NOT NEW.offer_id OR OLD.price IS NOT NEW.price "
    "OR OLD.is_active IS NOT NEW.is_active OR OLD.is_soft_deleted IS NOT NEW.is_soft_deleted "
    "OR OLD.beginning_at IS NOT NEW.beginning_at "
    "OR OLD.booking_limit_at IS NOT NEW.booking_limit_at "
    "OR (OLD.quantity IS NOT NULL AND OLD.booked_quantity >= OLD.quantity) IS NOT "
    "(NEW.quantity IS NOT NULL AND NEW.booked_quantity >= NEW.quantity)"
)
_OFFER_CHANGED = (
    "OLD.name IS NOT NEW.name OR OLD.subcategory_id IS NOT NEW.subcategory_id "
    "OR OLD.is_duo IS NOT NEW.is_duo OR OLD.is_national IS NOT NEW.is_national "
    "OR {author} OR OLD.venue_id IS NOT NEW.venue_id "
    "OR OLD.validation_status IS NOT NEW.validation_status OR OLD.is_active IS NOT NEW.is_active"
)
_VENUE_CHANGED = (
    "OLD.name IS NOT NEW.name OR OLD.public_name IS NOT NEW.public_name "
    "OR OLD.latitude IS NOT NEW.latitude OR OLD.longitude IS NOT NEW.longitude "
    "OR OLD.is_virtual IS NOT NEW.is_virtual OR OLD.offerer_id IS NOT NEW.offerer_id "
    + "".join(
        f"OR OLD.{flag}_disability_compliant IS NOT NEW.{flag}_disability_compliant "
        for flag in ACCESS_BITS
    )
)


def sqlite_refresh_statements(
    where: str, *, timed: bool = False, postings_by_venue: bool = True
) -> list[str]:
    """Rewrite the rows of the offers matching `where` (on `o`): delete (a trigger drops
    their words), insert, fold the text in stages, then post the words."""
    ids = f"SELECT o.id FROM offers o WHERE {where}"
    venue = "venue_id, " if postings_by_venue else ""
    statements = [
        f"DELETE FROM search_offers WHERE offer_id IN ({ids})",
        f"INSERT INTO search_offers ({_COLUMNS}) {_rows_select('sqlite', where, timed=timed)}",
    ]
    statements += [
        f"UPDATE search_offers SET words = {stage} WHERE offer_id IN ({ids})"
        for stage in _sqlite_fold_stages()
    ]
    statements += [
        f"INSERT OR IGNORE INTO search_words (word, cell, {venue}offer_id) "
        f"SELECT j.value, s.cell, {venue.replace('venue', 's.venue')}s.offer_id "
        f"FROM search_offers s, {_sqlite_words('s')} j "
        f"WHERE s.offer_id IN ({ids}) AND j.value <> ''",
        "INSERT OR IGNORE INTO search_vocabulary (word) "
        f"SELECT DISTINCT j.value FROM search_offers s, {_sqlite_words('s')} j "
        f"WHERE s.offer_id IN ({ids}) AND j.value <> ''",
    ]
    return statements


def _sqlite_words(row: str) -> str:
    return f"""json_each('["' || replace(trim({row}.words), ' ', '","') || '"]')"""


def _sqlite_refresh(where: str, postings_by_venue: bool) -> str:
    statements = sqlite_refresh_statements(where, postings_by_venue=postings_by_venue)
    return "".join(statement + ";\n" for statement in statements)


def sqlite_trigger_ddl(postings_by_venue: bool = True) -> list[str]:
    def one(where: str) -> str:
        return _sqlite_refresh(where, postings_by_venue)

    venue = "AND venue_id = OLD.venue_id " if postings_by_venue else ""
    return [
        "CREATE TRIGGER search_stocks_insert AFTER INSERT ON stocks BEGIN\n"
        + one("o.id = NEW.offer_id")
        + "END",
        f"CREATE TRIGGER search_stocks_update AFTER UPDATE ON stocks WHEN {_STOCK_CHANGED} BEGIN\n"
        + one("o.id = NEW.offer_id OR o.id = OLD.offer_id")
        + "END",
        "CREATE TRIGGER search_stocks_delete AFTER DELETE ON stocks BEGIN\n"
        + one("o.id = OLD.offer_id")
        + "END",
        "CREATE TRIGGER search_offers_update AFTER UPDATE ON offers WHEN "
        + _OFFER_CHANGED.format(author="OLD.extra_data IS NOT NEW.extra_data")
        + " BEGIN\n"
        + one("o.id = NEW.id")
        + "END",
        f"CREATE TRIGGER search_venues_update AFTER UPDATE ON venues WHEN {_VENUE_CHANGED} BEGIN\n"
        + one("o.venue_id = NEW.id")
        + "END",
        "CREATE TRIGGER search_offerers_update AFTER UPDATE ON offerers "
        "WHEN OLD.validation_status IS NOT NEW.validation_status BEGIN\n"
        + one("o.venue_id IN (SELECT id FROM venues WHERE offerer_id = NEW.id)")
        + "END",
        "CREATE TRIGGER search_rows_delete AFTER DELETE ON search_offers BEGIN\n"
        f"DELETE FROM search_words WHERE cell = OLD.cell {venue}"
        "AND offer_id = OLD.offer_id AND word IN "
        f"(SELECT value FROM {_sqlite_words('OLD')});\n"
        "END",
    ]


# --- PostgreSQL functions and triggers ----------------------------------------------------

_PG_TRIGGERS = (
    ("search_stocks_insert", "stocks"),
    ("search_stocks_update", "stocks"),
    ("search_stocks_delete", "stocks"),
    ("search_offers_update", "offers"),
    ("search_venues_update", "venues"),
    ("search_offerers_update", "offerers"),
    ("search_rows_insert", "search_offers"),
    ("search_rows_delete", "search_offers"),
)
_PG_FUNCTIONS = (
    "search_fold(text)",
    "search_refresh_offers(integer[])",
    "search_on_new_stocks()",
    "search_on_old_stocks()",
    "search_on_stock()",
    "search_on_offer()",
    "search_on_venue()",
    "search_on_offerer()",
    "search_on_new_rows()",
    "search_on_old_rows()",
)


_PG_EXTRA_CHANGED = " OR ".join(
    f"(OLD.extra_data ->> '{key}') IS NOT (NEW.extra_data ->> '{key}')"
    for key in ("author", "performer")
)


def _pg_changed(condition: str) -> str:
    return condition.replace(" IS NOT ", " IS DISTINCT FROM ")


def postgresql_ddl(postings_by_venue: bool = True) -> list[str]:
    venue = "venue_id, " if postings_by_venue else ""
    venue_match = "AND sw.venue_id = d.venue_id " if postings_by_venue else ""
    refresh_select = _rows_select("postgresql", "o.id = ANY(ids)")
    words = "unnest(string_to_array(btrim({0}.words), ' ')) AS w(word)"
    return [
        "CREATE FUNCTION search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"PARALLEL SAFE AS $$ {_pg_fold_body()} $$",
        f"""CREATE FUNCTION search_refresh_offers(ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM offers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM search_offers WHERE offer_id = ANY(ids);
  INSERT INTO search_offers ({_COLUMNS}) {refresh_select};
END $$""",
        """CREATE FUNCTION search_on_new_stocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_offers(ARRAY(SELECT DISTINCT offer_id FROM new_rows ORDER BY 1));
  RETURN NULL;
END $$""",
        """CREATE FUNCTION search_on_old_stocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_offers(ARRAY(SELECT DISTINCT offer_id FROM old_rows ORDER BY 1));
  RETURN NULL;
END $$""",
        """CREATE FUNCTION search_on_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_offers(ARRAY(SELECT DISTINCT unnest(ARRAY[OLD.offer_id, NEW.offer_id])
                                      ORDER BY 1));
  RETURN NULL;
END $$""",
        """CREATE FUNCTION search_on_offer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_offers(ARRAY[NEW.id]);
  RETURN NULL;
END $$""",
        """CREATE FUNCTION search_on_venue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_offers(ARRAY(SELECT id FROM offers WHERE venue_id = NEW.id
                                      ORDER BY id));
  RETURN NULL;
END $$""",
        """CREATE FUNCTION search_on_offerer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_offers(ARRAY(
    SELECT o.id FROM offers o JOIN venues v ON v.id = o.venue_id
    WHERE v.offerer_id = NEW.id ORDER BY o.id));
  RETURN NULL;
END $$""",
        f"""CREATE FUNCTION search_on_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word, cell, {venue}offer_id)
    SELECT DISTINCT w.word, n.cell, {venue.replace("venue", "n.venue")}n.offer_id
    FROM new_rows n, {words.format("n")}
    WHERE w.word <> '' ON CONFLICT DO NOTHING;
  INSERT INTO search_vocabulary (word)
    SELECT DISTINCT w.word FROM new_rows n, {words.format("n")}
    WHERE w.word <> '' ORDER BY 1 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$""",
        f"""CREATE FUNCTION search_on_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_words sw USING (
    SELECT DISTINCT w.word, o.cell, o.venue_id, o.offer_id
    FROM old_rows o, {words.format("o")}) d
  WHERE sw.word = d.word AND sw.cell = d.cell {venue_match}AND sw.offer_id = d.offer_id;
  RETURN NULL;
END $$""",
        "CREATE TRIGGER search_stocks_insert AFTER INSERT ON stocks "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_on_new_stocks()",
        f"CREATE TRIGGER search_stocks_update AFTER UPDATE ON stocks FOR EACH ROW "
        f"WHEN ({_pg_changed(_STOCK_CHANGED)}) EXECUTE FUNCTION search_on_stock()",
        "CREATE TRIGGER search_stocks_delete AFTER DELETE ON stocks "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_on_old_stocks()",
        f"CREATE TRIGGER search_offers_update AFTER UPDATE ON offers FOR EACH ROW "
        f"WHEN ({_pg_changed(_OFFER_CHANGED.format(author=_PG_EXTRA_CHANGED))}) "
        "EXECUTE FUNCTION search_on_offer()",
        f"CREATE TRIGGER search_venues_update AFTER UPDATE ON venues FOR EACH ROW "
        f"WHEN ({_pg_changed(_VENUE_CHANGED)}) EXECUTE FUNCTION search_on_venue()",
        "CREATE TRIGGER search_offerers_update AFTER UPDATE ON offerers FOR EACH ROW "
        "WHEN (OLD.validation_status IS DISTINCT FROM NEW.validation_status) "
        "EXECUTE FUNCTION search_on_offerer()",
        "CREATE TRIGGER search_rows_insert AFTER INSERT ON search_offers "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_on_new_rows()",
        "CREATE TRIGGER search_rows_delete AFTER DELETE ON search_offers "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_on_old_rows()",
    ]


def install(connection: Connection, *, postings_by_venue: bool = True) -> None:
    """Create the triggers (and PostgreSQL functions) of the index, idempotently.
    `postings_by_venue=False`: the postings of revision 0003, without the venue."""
    uninstall(connection)
    if connection.dialect.name == "sqlite":
        ddl = sqlite_trigger_ddl(postings_by_venue)
    else:  # psycopg reads % as a placeholder, even without parameters
        ddl = [s.replace("%", "%%") for s in postgresql_ddl(postings_by_venue)]
    for statement in ddl:
        connection.exec_driver_sql(statement)


def uninstall(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, table in _PG_TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for signature in _PG_FUNCTIONS:
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {signature}")


# --- Whole rebuilds and the clock ------------------------------------------------------


def _refresh(
    connection: Connection, where: str, *, now: datetime | None, postings_by_venue: bool = True
) -> None:
    """Rewrite the rows of the offers matching `where`, as the triggers do (with `now`:
    also without the stocks the clock expired)."""
    timed = now is not None
    params = {"now": now} if timed else {}
    if connection.dialect.name == "sqlite":
        statements = sqlite_refresh_statements(
            where, timed=timed, postings_by_venue=postings_by_venue
        )
    else:
        statements = [
            "DELETE FROM search_offers WHERE offer_id IN "
            f"(SELECT o.id FROM offers o WHERE {where})",
            f"INSERT INTO search_offers ({_COLUMNS}) "
            + _rows_select("postgresql", where, timed=timed),
        ]
    for statement in statements:
        query = text(statement)
        if timed and ":now" in statement:
            query = query.bindparams(bindparam("now", type_=UTCDateTime()))
            connection.execute(query, params)
        else:
            connection.execute(query)


def reindex_all(
    connection: Connection | None = None,
    *,
    now: datetime | None = None,
    postings_by_venue: bool = True,
) -> int:
    """Rebuild every row (after a bulk load; with `now`, without the stocks the clock
    expired); returns the number of rows."""
    if connection is None:
        with db.sql_transaction() as connection:
            return reindex_all(connection, now=now, postings_by_venue=postings_by_venue)
    connection.execute(text("DELETE FROM search_words"))
    if connection.dialect.name == "sqlite":
        # The rows' words are gone already: skip the trigger that drops them one by one.
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS search_rows_delete")
        connection.execute(text("DELETE FROM search_offers"))
        connection.exec_driver_sql(sqlite_trigger_ddl(postings_by_venue)[-1])
    else:
        connection.execute(text("DELETE FROM search_offers"))
    _refresh(connection, "1 = 1", now=now, postings_by_venue=postings_by_venue)
    return connection.execute(text("SELECT count(*) FROM search_offers")).scalar_one()


def refresh_stale(*, now: datetime, connection: Connection | None = None) -> int:
    """Rewrite the rows whose first booking limit or event start has passed, without the
    stocks the clock expired. A job may run it every few minutes: the search is exact
    without it (stale rows are checked against their stocks), and faster with it.
    Returns the number of offers rewritten."""
    if connection is None:
        with db.sql_transaction() as connection:
            return refresh_stale(now=now, connection=connection)
    ids = [
        row[0]
        for row in connection.execute(
            text(
                "SELECT offer_id FROM search_offers WHERE stale_at <= :now ORDER BY offer_id"
            ).bindparams(bindparam("now", type_=UTCDateTime())),
            {"now": now},
        )
    ]
    for start in range(0, len(ids), 500):
        listed = ", ".join(str(int(i)) for i in ids[start : start + 500])
        if connection.dialect.name == "postgresql":
            connection.execute(
                text(f"SELECT 1 FROM offers WHERE id IN ({listed}) ORDER BY id FOR NO KEY UPDATE")
            )
        _refresh(connection, f"o.id IN ({listed})", now=now)
    return len(ids)
