"""The search categories of the discovery (pcapi-facts §6): every subcategory (rule F1)
belongs to exactly one, every category holds at least one."""

import pytest

from services.errors import DomainError
from services.search_categories import (
    SEARCH_CATEGORIES,
    get_search_category,
    search_category_of,
    subcategory_ids_of,
)
from services.subcategories import SUBCATEGORIES


def test_thirteen_categories_in_landing_order_with_unique_ids():
    ids = [c.id for c in SEARCH_CATEGORIES]
    assert len(ids) == 13 and len(set(ids)) == 13
    assert ids[:2] == ["CONCERTS_FESTIVALS", "CINEMA"]
    assert ids[-1] == "EVENEMENTS_EN_LIGNE"
    assert all(c.label.strip() and c.icon.strip() for c in SEARCH_CATEGORIES)


def test_every_subcategory_maps_onto_exactly_one_category():
    for subcategory_id in SUBCATEGORIES:
        assert search_category_of(subcategory_id) in SEARCH_CATEGORIES
    grouped = [s for c in SEARCH_CATEGORIES for s in subcategory_ids_of(c.id)]
    assert sorted(grouped) == sorted(SUBCATEGORIES)


def test_every_category_has_a_subcategory():
    for category in SEARCH_CATEGORIES:
        assert subcategory_ids_of(category.id), category.id


def test_a_few_mappings():
    assert search_category_of("SEANCE_CINE").label == "Cinéma"
    assert search_category_of("LIVRE_PAPIER").id == "LIVRES"
    assert search_category_of("CONCERT").icon == "music"
    assert search_category_of("LIVESTREAM_MUSIQUE").id == "EVENEMENTS_EN_LIGNE"


def test_unknown_ids_are_refused_in_french():
    with pytest.raises(DomainError) as caught:
        get_search_category("NOPE")
    assert caught.value.code == "unknown_category" and "catégorie" in caught.value.message
    with pytest.raises(DomainError) as caught:
        search_category_of("NOPE")
    assert caught.value.code == "unknown_subcategory"
    assert get_search_category("LIVRES").label == "Livres"
