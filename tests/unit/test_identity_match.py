"""Names of a FranceConnect identity against the profile's: loosely (accents, case,
hyphens, several first names), never another person's."""

import pytest

from services.identity_match import name_words, same_names


def test_name_words_drop_accents_case_and_punctuation():
    assert name_words("  D'Arc-Éloïse  ") == ["d", "arc", "eloise"]
    assert name_words("ÇA") == ["ca"]


@pytest.mark.parametrize(
    ("first", "last", "given", "family"),
    [
        ("Camille", "Martin", "Camille", "Martin"),
        ("camille", "MARTIN", "Camille Louise Marie", "Martin"),  # the first first name
        ("Camille Louise", "Martin", "Camille Louise Marie", "Martin"),
        ("Eloise-Marie", "Lefevre", "Éloïse Marie", "Lefèvre"),
        ("Jean", "D'Arc", "Jean", "d arc"),
    ],
)
def test_the_same_person_written_differently_matches(first, last, given, family):
    assert same_names(first, last, given, family)


@pytest.mark.parametrize(
    ("first", "last", "given", "family"),
    [
        ("Louise", "Martin", "Camille Louise", "Martin"),  # a later first name only
        ("Camille", "Martin", "Camille", "Martins"),
        ("Camille", "Martin", "Camille", "Martin Dupont"),
        ("Cam", "Martin", "Camille", "Martin"),
        ("", "Martin", "Camille", "Martin"),
        ("Camille", "-", "Camille", ""),
    ],
)
def test_another_person_does_not_match(first, last, given, family):
    assert not same_names(first, last, given, family)
