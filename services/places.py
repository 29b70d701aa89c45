"""French communes: turn a typed town name or postal code into a place with coordinates.

The list is offline (pass_culture/data/communes.csv, rebuilt by scripts/build_communes.py)
and loaded once per process, on first use.
"""

import csv
import gc
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, repeat
from pathlib import Path

from services.errors import NotFound

DATA_FILE = Path(__file__).resolve().parent.parent / "pass_culture" / "data" / "communes.csv"
MAX_TEXT = 100
_COLUMNS = ["insee", "name", "postal_codes", "department", "population", "latitude", "longitude"]
_WORD_EXPANSIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "ʼ": "'"}
_DIGITS = re.compile(r"[0-9]+")
_END = "\x7f"  # sorts after every character a key may hold


@dataclass(frozen=True, slots=True)
class Place:
    insee: str
    name: str
    postal_code: str  # the first/main one
    department: str
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        return f"{self.name} ({self.postal_code})"


# Bytes that are not an ASCII letter or digit become spaces; line breaks separate texts.
_BYTE_TABLE = bytes(
    byte if chr(byte).isascii() and (chr(byte).isalnum() or byte == 10) else 32
    for byte in range(256)
)
_EXPANDABLE = re.compile(r"\b(?:st|ste|sts|stes)\b")
_LEADING_ARTICLE = re.compile(r"\n *(?:le|la|les|l) +(?=[a-z0-9])")


def _plain(texts: list[str]) -> str:
    """The texts, one a line, in lower case without accents, any other sign a space.

    One pass of C string methods over all the texts joined keeps the load fast.
    """
    blob = "\n".join(texts)
    if blob.count("\n") != len(texts) - 1:
        blob = "\n".join(text.replace("\n", " ") for text in texts)
    for sign, plain in _LIGATURES.items():
        blob = blob.replace(sign, plain)
    data = unicodedata.normalize("NFKD", blob).encode("ascii", "ignore").lower()
    return data.translate(_BYTE_TABLE).decode()


def _expand(match: re.Match) -> str:
    return _WORD_EXPANSIONS[match[0]]


def _keys(plain: str) -> list[str]:
    """The searchable form of each line of plain text: "st malo", "saint malo" → "saintmalo"."""
    return _EXPANDABLE.sub(_expand, plain).replace(" ", "").split("\n")


class _Index:
    """The communes as columns, with sorted keys for prefix searches.

    A Place is made when first returned: the load only reads and sorts strings.
    """

    def __init__(self, columns: list[list[str]]):
        self.insee, self.names, self.postal_codes, self.departments, people, self.lat, self.lon = (
            columns
        )
        count = len(self.insee)
        self.made: dict[int, Place] = {}
        self.positions = dict(zip(self.insee, range(count), strict=True))
        population = list(map(int, people))
        plain = _EXPANDABLE.sub(_expand, _plain(self.names))
        keys = plain.replace(" ", "").split("\n")
        bare = _LEADING_ARTICLE.sub("\n", f"\n{plain}")[1:]  # "havre" finds Le Havre
        bare = bare.replace(" ", "").split("\n")
        # Places from the most populated (stable: equal populations in INSEE order); a
        # place's rank there orders the results. (Loops are left to C: the load is timed.)
        self.by_rank = sorted(range(count), key=population.__getitem__, reverse=True)
        rank = sorted(range(count), key=self.by_rank.__getitem__)
        # Sorted search keys, each with the population rank of its place.
        with_article = list(compress(range(count), map(str.__ne__, bare, keys)))
        keys += map(bare.__getitem__, with_article)
        ranks = rank + list(map(rank.__getitem__, with_article))
        self.name_keys, self.name_ranks = _sorted(keys, ranks)
        codes = list(map(str.split, self.postal_codes))
        self.postal_keys, self.postal_ranks = _sorted(
            list(chain.from_iterable(codes)),
            list(chain.from_iterable(map(repeat, rank, map(len, codes)))),
        )
        # " 67000 67100 67200": a postal code prefix is found with `" 671" in ...`.
        self.spaced_codes = (" " + "\n ".join(self.postal_codes)).split("\n")

    def place(self, position: int) -> Place:
        place = self.made.get(position)
        if place is None:
            place = Place(
                insee=self.insee[position],
                name=self.names[position],
                postal_code=self.postal_codes[position].split()[0],
                department=self.departments[position],
                latitude=float(self.lat[position]),
                longitude=float(self.lon[position]),
            )
            self.made[position] = place
        return place


def _sorted(keys: list[str], refs: list) -> tuple[list[str], list]:
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return list(map(keys.__getitem__, order)), list(map(refs.__getitem__, order))


def _columns(text: str) -> list[list[str]]:
    """The CSV file's columns, header checked. No quoted field: one split (fast), else csv."""
    header, _, body = text.partition("\n")
    if header.split(",") != _COLUMNS:
        raise RuntimeError(f"{DATA_FILE}: unexpected columns")
    width = len(_COLUMNS)
    if '"' in body:
        rows = list(csv.reader(body.splitlines()))
        return [[row[at] for row in rows] for at in range(width)]
    fields = body.rstrip("\n").replace("\n", ",").split(",")
    if len(fields) % width:
        raise RuntimeError(f"{DATA_FILE}: a row has the wrong number of fields")
    return [fields[at::width] for at in range(width)]


@lru_cache(maxsize=1)
def _index() -> _Index:
    collecting = gc.isenabled()
    gc.disable()  # the load makes many small objects and keeps them all: no cycle to find
    try:
        return _Index(_columns(DATA_FILE.read_text(encoding="utf-8")))
    finally:
        if collecting:
            gc.enable()


def _search(
    index: _Index,
    keys: list[str],
    ranks: list[int],
    variants: list[str],
    limit: int,
    postal_prefix: str = "",
) -> list[int]:
    """Positions of the places with a key starting with one of the variants, best first.

    Best: an exact key, then the most populated. With a postal_prefix, only the places
    with a postal code that starts with it.
    """
    needle = f" {postal_prefix}"
    exact: set[int] = set()
    prefix: set[int] = set()
    for variant in variants:
        low = bisect_left(keys, variant)
        middle = bisect_right(keys, variant, low)
        high = bisect_left(keys, variant + _END, middle)
        exact.update(ranks[low:middle])
        # Only the limit most populated prefix matches can be shown: read them in
        # population order, and stop there.
        found = 0
        for rank in sorted(ranks[middle:high]):
            if rank not in prefix and needle in index.spaced_codes[index.by_rank[rank]]:
                prefix.add(rank)
                found += 1
                if found == limit:
                    break
    exact = {rank for rank in exact if needle in index.spaced_codes[index.by_rank[rank]]}
    best = sorted(exact)[:limit] + sorted(prefix - exact)
    return [index.by_rank[rank] for rank in best[:limit]]


def find_places(text: str, *, limit: int = 8) -> list[Place]:
    """Communes whose name or postal code starts with the text, best match first.

    The name is compared without accents, case, hyphens, apostrophes or spaces, with
    "st"/"ste" read as "saint"/"sainte", and with or without its leading article ("havre"
    finds Le Havre). Digits are a postal code or its start ("29200", "972"); a name with
    digits keeps the communes of that postal code ("Strasbourg (67000)", "saint denis 974").
    Exact matches come first, then the most populated communes.
    """
    if not isinstance(text, str) or not isinstance(limit, int) or limit < 1:
        return []
    text = text.strip()
    if len(text) < 2 or len(text) > MAX_TEXT:
        return []
    digit_runs = _DIGITS.findall(text)
    plain = _plain([_DIGITS.sub(" ", text)])
    words = plain.split()
    if len(digit_runs) > 1 and not words:
        digit_runs = ["".join(digit_runs)]  # "29 200"
    if len(digit_runs) > 1 or (digit_runs and not 2 <= len(digit_runs[0]) <= 5):
        return []
    if not words and not digit_runs:
        return []
    index = _index()
    if words:
        variants = _keys(plain)
        if words[-1] in _WORD_EXPANSIONS:  # "st" may be Saint or the start of Strasbourg
            variants += [_keys(" ".join(words[:-1]))[0] + words[-1]]
        if len(variants[0]) < 2:
            return []
        digits = digit_runs[0] if digit_runs else ""
        found = _search(index, index.name_keys, index.name_ranks, variants, limit, digits)
    else:
        found = _search(index, index.postal_keys, index.postal_ranks, digit_runs, limit)
    return [index.place(position) for position in found]


def find_commune(name: str, postal_code: str) -> Place | None:
    """The commune of that name (compared as find_places compares) having that postal
    code, or None."""
    code = postal_code.strip() if isinstance(postal_code, str) else ""
    if not (len(code) == 5 and code.isascii() and code.isdigit()) or not isinstance(name, str):
        return None
    wanted = _keys(_plain([name.strip()]))[0]
    if not wanted:
        return None
    for place in find_places(f"{name} {code}"):
        if _keys(_plain([place.name]))[0] == wanted:
            return place
    return None


def get_place(insee: str) -> Place:
    index = _index()
    position = index.positions.get(insee.strip().upper()) if isinstance(insee, str) else None
    if position is None:
        raise NotFound("unknown_place", "Cette commune est introuvable.")
    return index.place(position)
