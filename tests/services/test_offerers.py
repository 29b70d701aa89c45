"""Structures and venues: SIREN, SIRET, pricing points and duplicates (rules O1, O2, P2)."""

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Offerer, Role, UserOfferer, ValidationStatus, Venue, VenueType
from services import offerers
from services.errors import DomainError, Forbidden, NotFound
from services.offerers import VenueInput
from tests.factories import luhn_number, make_offerer, make_pro, make_user, make_venue
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


# --- Venues (O1, P2) -------------------------------------------------------------------


def test_a_venue_with_the_siret_of_its_structure(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)

    venue = offerers.create_venue(
        pro.id, offerer.id, VenueInput(name="Cinéma Le Bretagne", siret="732 829 320 00074")
    )

    assert (venue.siret, venue.pricing_point_id, venue.offerer_id) == (SIRET, None, offerer.id)


def test_a_venue_with_the_siret_of_another_structure_is_refused(database):  # rule O1
    offerer = make_offerer()
    pro = make_pro(offerer)

    error = refusal(offerers.create_venue, pro.id, offerer.id, VenueInput("Lieu", siret=SIRET))

    assert error.code == "siret_not_in_siren"


def test_a_registered_siret_is_refused_with_a_clear_message(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    make_venue(offerer, siret=SIRET)

    error = refusal(
        offerers.create_venue, make_pro(offerer).id, offerer.id, VenueInput("Bis", siret=SIRET)
    )

    assert (error.code, error.message) == (
        "siret_already_registered",
        "Un lieu est déjà inscrit avec ce SIRET.",
    )


def test_two_venues_registered_with_one_siret_at_once(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)

    with widened_race_window():
        outcomes = run_together(
            [lambda: offerers.create_venue(pro.id, offerer.id, VenueInput("Lieu", siret=SIRET))] * 2
        )

    assert sorted(outcome.code or "ok" for outcome in outcomes) == [
        "ok",
        "siret_already_registered",
    ]


def test_a_digital_venue_has_no_siret_and_gets_a_pricing_point(database):  # rules O1, P2
    offerer = make_offerer()
    first, _second = make_venue(offerer), make_venue(offerer)

    venue = offerers.create_venue(
        make_pro(offerer).id, offerer.id, VenueInput("En ligne", is_virtual=True)
    )

    assert (venue.siret, venue.is_virtual, venue.venue_type) == (None, True, VenueType.DIGITAL)
    assert venue.pricing_point_id == first.id


def test_a_siret_less_venue_may_choose_its_pricing_point(database):  # rule P2
    offerer = make_offerer()
    _first, second = make_venue(offerer), make_venue(offerer)

    venue = offerers.create_venue(
        make_pro(offerer).id, offerer.id, VenueInput("Annexe", pricing_point_id=second.id)
    )

    assert (venue.siret, venue.is_virtual, venue.pricing_point_id) == (None, False, second.id)


def test_a_pricing_point_must_be_a_siret_venue_of_the_structure(database):  # rule P2
    offerer = make_offerer()
    make_venue(offerer)
    elsewhere = make_venue(make_offerer())
    annex = make_venue(offerer, siret=None, pricing_point_id=None)
    pro = make_pro(offerer)

    for point in (elsewhere, annex):
        data = VenueInput("Annexe", is_virtual=True, pricing_point_id=point.id)
        assert refusal(offerers.create_venue, pro.id, offerer.id, data).code == (
            "invalid_pricing_point"
        )


def test_a_siret_less_venue_needs_a_siret_venue_first(database):  # rule P2
    offerer = make_offerer()

    error = refusal(
        offerers.create_venue,
        make_pro(offerer).id,
        offerer.id,
        VenueInput("En ligne", is_virtual=True),
    )

    assert error.code == "pricing_point_required"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (VenueInput("En ligne", is_virtual=True, siret=SIRET), "virtual_venue_has_no_place"),
        (VenueInput("En ligne", is_virtual=True, address="1 rue"), "virtual_venue_has_no_place"),
        (VenueInput("Lieu", siret="7328293200007"), "invalid_siret"),
        (VenueInput("Lieu", siret=SIRET, latitude=48.1), "invalid_coordinates"),
        (VenueInput("Lieu", siret=SIRET, latitude=91.0, longitude=2.0), "invalid_coordinates"),
        (VenueInput(" ", siret=SIRET), "name_required"),
    ],
)
def test_an_invalid_venue_creates_nothing(database, data, code):  # rule O1
    offerer = make_offerer(siren=SIREN)

    assert refusal(offerers.create_venue, make_pro(offerer).id, offerer.id, data).code == code
    with db.transaction(write=False) as session:
        assert session.exec(select(Venue)).all() == []


def test_a_pro_cannot_add_a_venue_to_another_structure(database):  # rule O7
    mine, theirs = make_offerer(), make_offerer(siren=SIREN)

    with pytest.raises(NotFound):
        offerers.create_venue(make_pro(mine).id, theirs.id, VenueInput("Lieu", siret=SIRET))


def test_an_admin_adds_a_venue_to_an_existing_structure_only(database):  # rule O7
    admin = make_user(Role.ADMIN)
    offerer = make_offerer(siren=SIREN)

    venue = offerers.create_venue(admin.id, offerer.id, VenueInput("Lieu", siret=SIRET))

    assert venue.offerer_id == offerer.id
    with pytest.raises(NotFound):
        offerers.create_venue(admin.id, offerer.id + 1000, VenueInput("Lieu", siret=SIRET))
