"""Structures: SIREN, SIRET numbers and duplicates (rules O1, O2)."""

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Offerer, Role, UserOfferer, ValidationStatus
from services import offerers
from services.errors import DomainError, Forbidden, NotFound
from tests.factories import luhn_number, make_offerer, make_user
from tests.postgres.race import run_together, widened_race_window

SIREN = "732829320"
SIRET = "73282932000074"


def refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    return error.value


# --- Numbers (O1) ----------------------------------------------------------------------


def test_a_valid_siren_is_returned_without_spaces():  # rule O1
    assert offerers.validate_siren(SIREN) == SIREN
    assert offerers.validate_siren(" 732 829 320 ") == SIREN


@pytest.mark.parametrize(
    ("siren", "message"),
    [
        ("732829321", "Ce numéro de SIREN n'est pas valide : vérifiez-le sur l'avis de l'Insee."),
        ("73282932", "Le SIREN doit comporter 9 chiffres."),
        ("7328293200", "Le SIREN doit comporter 9 chiffres."),
        ("73282932A", "Le SIREN ne doit contenir que des chiffres."),
        ("", "Le SIREN ne doit contenir que des chiffres."),
    ],
)
def test_invalid_sirens_are_refused_in_french(siren, message):  # rule O1
    error = refusal(offerers.validate_siren, siren)
    assert (error.code, error.message) == ("invalid_siren", message)


def test_a_valid_siret_of_its_structure():  # rule O1
    assert offerers.validate_siret(SIRET) == SIRET
    assert offerers.validate_siret("732 829 320 00074", siren=SIREN) == SIRET


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        (
            "73282932000075",
            "Ce numéro de SIRET n'est pas valide : vérifiez-le sur l'avis de l'Insee.",
        ),
        ("7328293200007", "Le SIRET doit comporter 14 chiffres."),  # 13 digits
        ("732829320000745", "Le SIRET doit comporter 14 chiffres."),
        ("7328293200007A", "Le SIRET ne doit contenir que des chiffres."),
    ],
)
def test_invalid_sirets_are_refused_in_french(siret, message):  # rule O1
    error = refusal(offerers.validate_siret, siret)
    assert (error.code, error.message) == ("invalid_siret", message)


def test_a_siret_of_another_siren_is_refused():  # rule O1
    other_siren = luhn_number("4", 9)
    error = refusal(offerers.validate_siret, SIRET, siren=other_siren)
    assert error.code == "siret_not_in_siren"
    assert other_siren in error.message


# --- Structures (O1, O2, O4) -----------------------------------------------------------


def test_a_pro_creates_a_pending_structure_and_is_its_member(database):  # rules O1, O2, O3
    pro = make_user(Role.PRO)

    offerer = offerers.create_offerer(pro.id, "  Librairie du Port ", "732 829 320", city="Brest")

    assert (offerer.name, offerer.siren, offerer.city) == ("Librairie du Port", SIREN, "Brest")
    assert offerer.validation_status == ValidationStatus.PENDING
    with db.transaction(write=False) as session:
        membership = session.exec(select(UserOfferer)).one()
    assert (membership.user_id, membership.offerer_id) == (pro.id, offerer.id)
    assert membership.status == ValidationStatus.VALIDATED


def test_a_registered_siren_is_refused_with_a_clear_message(database):  # rules O1, O4
    make_offerer(siren=SIREN)

    error = refusal(offerers.create_offerer, make_user(Role.PRO).id, "Autre", SIREN)

    assert error.code == "siren_already_registered"
    assert (
        error.message == "Une structure est déjà inscrite avec ce SIREN : demandez à la rejoindre."
    )


def test_two_pros_registering_one_siren_at_once(database):  # rules O1, O4
    pros = [make_user(Role.PRO), make_user(Role.PRO)]

    with widened_race_window():
        outcomes = run_together(
            [lambda pro=pro: offerers.create_offerer(pro.id, "Cinéma", SIREN) for pro in pros]
        )

    assert sorted(outcome.code or "ok" for outcome in outcomes) == [
        "ok",
        "siren_already_registered",
    ]
    with db.transaction(write=False) as session:
        assert len(session.exec(select(Offerer)).all()) == 1


@pytest.mark.parametrize(
    ("name", "siren", "code"),
    [
        ("Structure", "732829321", "invalid_siren"),
        ("   ", SIREN, "name_required"),
        ("x" * 141, SIREN, "name_too_long"),
    ],
)
def test_an_invalid_structure_creates_nothing(database, name, siren, code):  # rule O1
    assert refusal(offerers.create_offerer, make_user(Role.PRO).id, name, siren).code == code
    with db.transaction(write=False) as session:
        assert session.exec(select(Offerer)).all() == []


def test_only_pros_create_structures(database):  # rule O2
    with pytest.raises(Forbidden):
        offerers.create_offerer(make_user(Role.BENEFICIARY).id, "Structure", SIREN)
    with pytest.raises(NotFound):
        offerers.create_offerer(10_000, "Structure", SIREN)
