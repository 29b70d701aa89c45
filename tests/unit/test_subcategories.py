"""Rule F1: the subcategory catalogue and the invariants other rules rely on."""

import pytest

from services.errors import DomainError
from services.subcategories import (
    CATEGORIES,
    SUBCATEGORIES,
    Cap,
    Channel,
    Reimbursement,
    get_subcategory,
    subcategories_of,
)


def test_catalogue_is_large_with_ids_equal_to_keys():
    assert len(SUBCATEGORIES) >= 30
    assert all(key == sub.id for key, sub in SUBCATEGORIES.items())


def test_every_category_is_known_and_labelled_in_french():
    used = {sub.category for sub in SUBCATEGORIES.values()}
    assert used <= set(CATEGORIES)
    assert all(CATEGORIES[c].strip() for c in used)
    assert get_subcategory("SEANCE_CINE").category_label == "Cinéma"


def test_every_subcategory_has_a_label():
    assert all(sub.label.strip() for sub in SUBCATEGORIES.values())
    assert len({sub.label for sub in SUBCATEGORIES.values()}) == len(SUBCATEGORIES)


def test_events_never_expire():
    # rule B8 concerns goods waiting to be picked up, never events
    assert not [s.id for s in SUBCATEGORIES.values() if s.is_event and s.can_expire]


def test_digital_cap_entries_are_online_and_not_reimbursed():
    # rules C4 and F10
    digital = [s for s in SUBCATEGORIES.values() if s.cap == Cap.DIGITAL]
    assert digital
    assert all(s.channel == Channel.ONLINE for s in digital)
    assert all(s.reimbursement == Reimbursement.NOT_REIMBURSED for s in digital)


def test_physical_cap_entries_are_offline_goods_that_expire():
    # rules C4 and B8
    physical = [s for s in SUBCATEGORIES.values() if s.cap == Cap.PHYSICAL]
    assert all(s.channel == Channel.OFFLINE and s.can_expire and not s.is_event for s in physical)


@pytest.mark.parametrize("subcategory_id", ["LIVRE_PAPIER", "LIVRE_AUDIO_PHYSIQUE"])
def test_books_use_the_book_rule(subcategory_id):
    # rule P2: books have their own rate scale
    book = get_subcategory(subcategory_id)
    assert book.reimbursement == Reimbursement.BOOK
    assert book.cap == Cap.PHYSICAL
    assert book.can_expire


def test_only_physical_books_use_the_book_rule():
    assert {s.id for s in SUBCATEGORIES.values() if s.reimbursement == Reimbursement.BOOK} == {
        "LIVRE_PAPIER",
        "LIVRE_AUDIO_PHYSIQUE",
    }


@pytest.mark.parametrize(
    "subcategory_id",
    ["LIVRE_NUMERIQUE", "VOD", "ABO_PLATEFORME_MUSIQUE", "ABO_PRESSE_EN_LIGNE", "JEU_EN_LIGNE"],
)
def test_digital_goods_count_against_the_digital_cap(subcategory_id):
    assert get_subcategory(subcategory_id).cap == Cap.DIGITAL


@pytest.mark.parametrize(
    "subcategory_id",
    [
        "SUPPORT_PHYSIQUE_MUSIQUE_CD",
        "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE",
        "ACHAT_INSTRUMENT",
        "JEU_SUPPORT_PHYSIQUE",
        "SUPPORT_PHYSIQUE_FILM",
        "MATERIEL_ART_CREATIF",
    ],
)
def test_physical_goods_count_against_the_physical_cap(subcategory_id):
    assert get_subcategory(subcategory_id).cap == Cap.PHYSICAL


@pytest.mark.parametrize(
    "subcategory_id",
    [
        "SEANCE_CINE",
        "CONCERT",
        "SPECTACLE_REPRESENTATION",
        "VISITE",
        "FESTIVAL_MUSIQUE",
        "CONFERENCE",
    ],
)
def test_live_events_are_duo_without_cap(subcategory_id):
    # rule F5: shows, concerts, cinema, visits may be booked for two
    sub = get_subcategory(subcategory_id)
    assert sub.is_event and sub.can_be_duo
    assert sub.cap == Cap.NONE
    assert sub.reimbursement == Reimbursement.STANDARD


def test_goods_are_never_duo():
    assert not [s.id for s in SUBCATEGORIES.values() if s.cap == Cap.PHYSICAL and s.can_be_duo]


def test_unknown_subcategory_is_a_domain_error():
    with pytest.raises(DomainError) as error:
        get_subcategory("LIVRE_PAPYRUS")
    assert error.value.code == "unknown_subcategory"


def test_subcategories_of_a_category():
    books = subcategories_of("LIVRE")
    assert "LIVRE_PAPIER" in [s.id for s in books]
    assert all(s.category == "LIVRE" for s in books)
    assert subcategories_of("INCONNUE") == []
