"""The offline list of communes and the town / postal code lookup of the search page."""

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services import places
from services.errors import NotFound
from services.geo import distance_km

# Where the towns really are (town hall or centre), to check the data within ~10 km.
TRUTH = {
    ("Paris", "75"): (48.8566, 2.3522),
    ("Strasbourg", "67"): (48.5734, 7.7521),
    ("Brest", "29"): (48.3904, -4.4861),
    ("Montpellier", "34"): (43.6108, 3.8767),
    ("Saint-Denis", "93"): (48.9362, 2.3574),
    ("Cayenne", "973"): (4.9224, -52.3135),
    ("Fort-de-France", "972"): (14.6161, -61.0588),
    ("Saint-Denis", "974"): (-20.8821, 55.4507),
    ("Mamoudzou", "976"): (-12.7806, 45.2278),
}

# Boxes (lat_min, lat_max, lon_min, lon_max) around metropolitan France and Corsica and
# around each overseas territory of the list.
BOUNDS = {
    "metro": (41.3, 51.1, -5.2, 9.6),
    "971": (15.8, 16.6, -61.9, -61.0),
    "972": (14.3, 14.9, -61.3, -60.7),
    "973": (2.0, 6.0, -54.7, -51.5),
    "974": (-21.5, -20.8, 55.1, 55.9),
    "975": (46.7, 47.2, -56.5, -56.0),
    "976": (-13.1, -12.6, 44.9, 45.4),
    "977": (17.8, 18.0, -62.95, -62.75),
    "978": (18.0, 18.15, -63.2, -62.95),
}


def first_name(text: str) -> str:
    return places.find_places(text)[0].name


def rows() -> list[dict[str, str]]:
    with places.DATA_FILE.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize(("name", "department"), sorted(TRUTH))
def test_known_towns_resolve_near_the_truth(name, department):
    found = [p for p in places.find_places(name) if p.department == department]
    assert found, f"{name} ({department}) not found"
    place = found[0]
    assert place.name == name
    assert distance_km(place.latitude, place.longitude, *TRUTH[name, department]) < 10


def test_main_towns_come_first():
    for name, _ in TRUTH:
        assert first_name(name) == name


def test_two_saint_denis_the_larger_first():
    # INSEE populations: Saint-Denis (974) 155,634; Saint-Denis (93) 149,077.
    results = places.find_places("saint-denis")
    departments = [p.department for p in results if p.name == "Saint-Denis"]
    assert departments[:2] == ["974", "93"]
    assert [p.department for p in results[:2]] == ["974", "93"]


def test_a_postal_code_or_a_department_settles_the_ambiguity():
    assert [p.insee for p in places.find_places("Saint-Denis 93")][:1] == ["93066"]
    assert [p.insee for p in places.find_places("saint denis (97400)")] == ["97411"]
    assert [p.insee for p in places.find_places("Strasbourg (67000)")] == ["67482"]


@pytest.mark.parametrize(
    "text", ["st malo", "saint-malo", "Saint Malo", "SAINT MALO", "St-Malo", "saint_malo"]
)
def test_saint_malo_however_it_is_typed(text):
    assert first_name(text) == "Saint-Malo"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("strasb", "Strasbourg"),
        ("Strasbourg", "Strasbourg"),
        ("  strasbourg  ", "Strasbourg"),
        ("montpel", "Montpellier"),
        ("MONTPELLIER", "Montpellier"),
        ("fort de france", "Fort-de-France"),
        ("Fort-De-France", "Fort-de-France"),
        ("saint etienne", "Saint-Étienne"),
        ("ST ÉTIENNE", "Saint-Étienne"),
        ("evry courcouronnes", "Évry-Courcouronnes"),
        ("l'hay", "L'Haÿ-les-Roses"),
        ("L’Haÿ-les-Roses", "L'Haÿ-les-Roses"),
        ("lhay", "L'Haÿ-les-Roses"),
        ("oeuilly", "Œuilly"),
        ("le havre", "Le Havre"),
        ("havre", "Le Havre"),
        ("ste genevieve des bois", "Sainte-Geneviève-des-Bois"),
        ("mamoudz", "Mamoudzou"),
    ],
)
def test_accents_case_and_punctuation_do_not_matter(text, expected):
    assert first_name(text) == expected


def test_st_alone_may_be_saint_or_the_start_of_a_name():
    names = [p.name for p in places.find_places("st")]
    assert "Strasbourg" in names
    assert any(name.startswith("Saint-") for name in names)


def test_an_exact_name_comes_before_larger_towns_it_starts():
    # "Paris" is both exact and the largest; "Ajac" is a village, Ajaccio a city.
    assert [p.name for p in places.find_places("ajac")][:2] == ["Ajac", "Ajaccio"]


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("29200", "29019"),  # Brest
        ("29 200", "29019"),
        ("67000", "67482"),  # Strasbourg
        ("67100", "67482"),
        ("97400", "97411"),  # Saint-Denis de La Réunion
        ("97300", "97302"),  # Cayenne
        ("75", "75056"),  # Paris
        ("75016", "75056"),
        ("13", "13055"),  # Marseille
    ],
)
def test_postal_codes_and_their_start(text, insee):
    assert places.find_places(text)[0].insee == insee


def test_a_postal_code_prefix_lists_the_largest_communes_there():
    results = places.find_places("972")
    assert len(results) == 8
    assert all(p.department == "972" for p in results)
    assert results[0].name == "Fort-de-France"
    assert all(p.department == "29" for p in places.find_places("29"))


def test_results_are_distinct_and_limited():
    for text in ["saint", "sa", "75", "13", "97", "le", "la"]:
        results = places.find_places(text)
        assert 1 <= len(results) <= 8
        assert len({p.insee for p in results}) == len(results)
    assert len(places.find_places("saint", limit=3)) == 3
    assert len(places.find_places("saint", limit=20)) == 20
    assert places.find_places("saint", limit=0) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\t\n",
        "a",
        "é",
        "7",
        "%%%",
        "-'-",
        "'; drop table",
        "' OR 1=1 --",
        "x" * 101,
        "x" * 5000,
        "1" * 5000,
        "123456",
        "paris 750011",
        "zzzzzz",
        "\x00\x00",
        "\ud800\udfff",
        "٢٩٢٠٠",
        "🎭🎭",
        "<script>alert(1)</script>",
    ],
)
def test_bad_inputs_find_nothing_without_error(text):
    assert places.find_places(text) == []


def test_non_text_finds_nothing():
    assert places.find_places(None) == []  # type: ignore[arg-type]
    assert places.find_places(29200) == []  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_find_places_never_raises(text):
    results = places.find_places(text)
    assert len(results) <= 8
    assert all(isinstance(p, places.Place) for p in results)


def test_get_place_and_label():
    brest = places.get_place("29019")
    assert brest == places.find_places("29200")[0]
    assert brest.label == "Brest (29200)"
    assert places.get_place("67482").label == "Strasbourg (67000)"
    assert places.get_place("2a004").name == "Ajaccio"


@pytest.mark.parametrize("insee", ["99999", "", "75101", "abc", "29019 ' --"])
def test_get_place_unknown_is_not_found(insee):
    with pytest.raises(NotFound) as error:
        places.get_place(insee)
    assert error.value.code == "unknown_place"
    assert error.value.message == "Cette commune est introuvable."


def test_get_place_of_not_text_is_not_found():
    with pytest.raises(NotFound):
        places.get_place(None)  # type: ignore[arg-type]


def test_every_row_is_well_formed_and_inside_france():
    data = rows()
    assert len(data) > 34_000
    assert len({row["insee"] for row in data}) == len(data)
    assert [row["insee"] for row in data] == sorted(row["insee"] for row in data)
    for row in data:
        assert row["insee"].startswith(row["department"]), row
        codes = row["postal_codes"].split()
        assert codes and all(len(code) == 5 and code.isdigit() for code in codes), row
        assert int(row["population"]) >= 0
        lat_min, lat_max, lon_min, lon_max = BOUNDS.get(row["department"], BOUNDS["metro"])
        assert lat_min <= float(row["latitude"]) <= lat_max, row
        assert lon_min <= float(row["longitude"]) <= lon_max, row


def test_all_overseas_departments_are_there():
    counts: dict[str, int] = {}
    for row in rows():
        counts[row["department"]] = counts.get(row["department"], 0) + 1
    # INSEE: Guadeloupe 32, Martinique 34, Guyane 22, La Réunion 24, Mayotte 17.
    assert {d: counts[d] for d in ["971", "972", "973", "974", "976"]} == {
        "971": 32,
        "972": 34,
        "973": 22,
        "974": 24,
        "976": 17,
    }
    assert len([d for d in counts if not d.startswith("97")]) == 96  # with 2A and 2B


def test_the_list_is_loaded_once():
    assert places._index() is places._index()


@pytest.mark.parametrize(
    ("name", "postal_code", "insee"),
    [
        ("Strasbourg", "67100", "67482"),  # any of its postal codes
        ("strasbourg ", "67000", "67482"),
        ("Le Havre", "76600", "76351"),
        ("St-Malo", "35400", "35288"),
        ("Paris", "75011", "75056"),
    ],
)
def test_a_commune_is_found_by_its_name_and_one_of_its_postal_codes(name, postal_code, insee):
    assert places.find_commune(name, postal_code).insee == insee


@pytest.mark.parametrize(
    ("name", "postal_code"),
    [
        ("Strasbourg", "75001"),  # another commune's code
        ("Strasbourg", "6700"),
        ("Strasbourg", "67 000"),
        ("Stras", "67000"),  # the start of a name is not a name
        ("Havre", "76600"),  # nor a name without its article
        ("", "67000"),
        (None, "67000"),
    ],
)
def test_no_commune_without_both_its_exact_name_and_its_postal_code(name, postal_code):
    assert places.find_commune(name, postal_code) is None
