"""The back office's search box: users, structures and venues found by what admins type,
grouped, paginated, with links; a query too short gets a clear message; admins only."""

import pytest

from pass_culture.models import Role
from services import admin_search
from services.errors import DomainError, Forbidden
from tests.factories import make_offerer, make_pro, make_user, make_venue


@pytest.fixture
def admin(database):
    return make_user(Role.ADMIN)


def _titles(group) -> list[str]:
    return [hit.title for hit in group.hits]


def test_a_siren_finds_the_structure_and_its_venues_with_or_without_spaces(admin):
    vox = make_offerer(name="Cinéma Vox")
    make_venue(vox, name="Vox Centre")
    make_offerer(name="Autre")
    spaced = f"{vox.siren[:3]} {vox.siren[3:6]} {vox.siren[6:]}"
    for typed in (vox.siren, spaced):
        found = admin_search.search(admin.id, typed)
        assert _titles(found.structures) == ["Cinéma Vox"]
        assert _titles(found.venues) == ["Vox Centre"]  # its SIRET starts with the SIREN
        assert found.users.total == 0
        assert found.structures.hits[0].href == f"/admin/structures/{vox.id}"
        assert found.venues.hits[0].href == f"/admin/structures/{vox.id}"


def test_names_emails_and_postal_codes(admin):
    vox = make_offerer(name="Cinéma Vox", postal_code="33000")
    pro = make_pro(vox, first_name="Inès", last_name="Durand", email="ines@vox.fr")
    make_user(Role.BENEFICIARY, first_name="Léo", last_name="Durand", email="leo@exemple.fr")
    make_venue(vox, name="Salle Durand", postal_code="67000")

    found = admin_search.search(admin.id, "durand")
    assert _titles(found.users) == ["Inès Durand", "Léo Durand"]
    assert found.users.hits[0].href == f"/admin/structures/{vox.id}"  # a pro: their structure
    assert found.users.hits[1].href == ""
    assert _titles(found.venues) == ["Salle Durand"]

    assert _titles(admin_search.search(admin.id, "inès durand").users) == ["Inès Durand"]
    assert _titles(admin_search.search(admin.id, "ines@vox").users) == [pro.full_name]
    by_postcode = admin_search.search(admin.id, "33000")
    assert (_titles(by_postcode.structures), by_postcode.venues.total) == (["Cinéma Vox"], 0)
    assert _titles(admin_search.search(admin.id, "67000").venues) == ["Salle Durand"]


def test_results_are_paginated_per_group(admin):
    for n in range(admin_search.PAGE_SIZE + 2):
        make_offerer(name=f"Librairie {n:02d}")
    first = admin_search.search(admin.id, "librairie")
    assert (first.page, first.pages, first.structures.total) == (1, 2, 12)
    assert len(first.structures.hits) == admin_search.PAGE_SIZE
    second = admin_search.search(admin.id, "librairie", page=2)
    assert _titles(second.structures) == ["Librairie 10", "Librairie 11"]
    assert admin_search.search(admin.id, "librairie", page=99).page == 2


@pytest.mark.parametrize(
    ("typed", "code"), [("", "query_empty"), ("   ", "query_empty"), ("a", "query_too_short")]
)
def test_an_empty_or_too_short_query_gets_a_clear_message(admin, typed, code):
    with pytest.raises(DomainError) as caught:
        admin_search.search(admin.id, typed)
    assert caught.value.code == code and caught.value.message.startswith("Saisissez")


def test_two_characters_are_enough_and_wildcards_match_themselves(admin):
    make_offerer(name="Au 100% BD")
    make_offerer(name="Au 1000 BD")
    assert sorted(_titles(admin_search.search(admin.id, "au").structures)) == [
        "Au 100% BD",
        "Au 1000 BD",
    ]
    assert _titles(admin_search.search(admin.id, "100%").structures) == ["Au 100% BD"]


def test_only_admins_search(database):
    pro = make_pro(make_offerer())
    for user in (pro, make_user(Role.BENEFICIARY)):
        with pytest.raises(Forbidden):
            admin_search.search(user.id, "structure")
