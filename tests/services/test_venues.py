"""A structure's venues created and edited by its pros: SIRET, address and pin, booking
email, pricing points, who may (rules O1, O6, O7, P2)."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Role, UserOfferer, ValidationStatus, Venue, VenueType
from services import venues
from services.errors import DomainError, NotFound
from services.geo import distance_km
from services.offer_details import offer_details
from services.search import SearchQuery, search_offers
from services.venues import VenueInput
from tests.factories import NOW, make_offerer, make_pro, make_user, make_venue
from tests.postgres.race import run_together, widened_race_window
from tests.services.test_search import offer_with_stock

SIREN = "732829320"
SIRET = "73282932000074"
OTHER_SIRET = "73282932000017"  # same SIREN, Luhn-valid
# Strasbourg in the communes list.
COMMUNE_LAT, COMMUNE_LON = 48.5839, 7.7455
PLACE = {"address": "5 rue du Dôme", "postal_code": "67000", "city": "Strasbourg"}


def refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    return error.value


def physical(name: str = "Lieu", siret: str | None = SIRET, **fields) -> VenueInput:
    return VenueInput(name, siret=siret, **(PLACE | fields))


def all_venues() -> list[Venue]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(Venue).order_by(Venue.id)))


class FakeAddressApi:
    def __init__(self, point):
        self.point = point
        self.asked = []

    def locate(self, address, postal_code, city):
        self.asked.append((address, postal_code, city))
        return self.point


# --- Creation (O1) ---------------------------------------------------------------------


def test_a_venue_with_the_siret_of_its_structure(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)

    venue = venues.create_venue(
        pro.id, offerer.id, physical("Cinéma Le Bretagne", siret="732 829 320 00074")
    )

    assert (venue.siret, venue.pricing_point_id, venue.offerer_id) == (SIRET, None, offerer.id)
    # Without a pin (and the address API off), the venue is placed on its commune.
    assert (venue.city, venue.department_code) == ("Strasbourg", "67")
    assert (venue.latitude, venue.longitude) == (COMMUNE_LAT, COMMUNE_LON)


def test_every_field_the_pro_fills_in_is_kept(database):  # rules O1, O6
    offerer = make_offerer(siren=SIREN)

    venue = venues.create_venue(
        make_pro(offerer).id,
        offerer.id,
        physical(
            "  Librairie Kléber ",
            venue_type=VenueType.BOOKSHOP,
            city="strasbourg",
            postal_code="67100",
            latitude=48.5800,
            longitude=7.7500,
            booking_email=" Resa@Kleber.FR ",
            withdrawal_details="Au comptoir, du mardi au samedi.",
            motor_disability_compliant=True,
            audio_disability_compliant=False,
        ),
    )

    assert (venue.name, venue.venue_type, venue.city, venue.postal_code) == (
        "Librairie Kléber",
        VenueType.BOOKSHOP,
        "Strasbourg",
        "67100",
    )
    assert (venue.latitude, venue.longitude) == (48.58, 7.75)
    assert venue.booking_email == "resa@kleber.fr"
    assert venue.withdrawal_details == "Au comptoir, du mardi au samedi."
    assert (venue.motor_disability_compliant, venue.audio_disability_compliant) == (True, False)
    assert venue.visual_disability_compliant is None


def test_a_venue_with_the_siret_of_another_structure_is_refused(database):  # rule O1
    offerer = make_offerer()

    error = refusal(venues.create_venue, make_pro(offerer).id, offerer.id, physical())

    assert (error.code, error.message) == (
        "siret_not_in_siren",
        f"Ce SIRET n'appartient pas à la structure : il doit commencer par son SIREN "
        f"{offerer.siren}.",
    )


def test_a_registered_siret_is_refused_with_a_clear_message(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    make_venue(offerer, siret=SIRET)

    error = refusal(venues.create_venue, make_pro(offerer).id, offerer.id, physical("Bis"))

    assert (error.code, error.message) == (
        "siret_already_registered",
        "Un lieu est déjà inscrit avec ce SIRET.",
    )


def test_two_venues_registered_with_one_siret_at_once(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)

    with widened_race_window():
        outcomes = run_together([lambda: venues.create_venue(pro.id, offerer.id, physical())] * 2)

    assert sorted(outcome.code or "ok" for outcome in outcomes) == [
        "ok",
        "siret_already_registered",
    ]


def test_a_digital_venue_has_no_siret_and_gets_a_pricing_point(database):  # rules O1, P2
    offerer = make_offerer()
    first, _second = make_venue(offerer), make_venue(offerer)

    venue = venues.create_venue(
        make_pro(offerer).id, offerer.id, VenueInput("En ligne", is_virtual=True)
    )

    assert (venue.siret, venue.is_virtual, venue.venue_type) == (None, True, VenueType.DIGITAL)
    assert (venue.address, venue.city, venue.latitude) == (None, None, None)
    assert venue.pricing_point_id == first.id


def test_a_siret_less_venue_may_choose_its_pricing_point(database):  # rule P2
    offerer = make_offerer()
    _first, second = make_venue(offerer), make_venue(offerer)

    venue = venues.create_venue(
        make_pro(offerer).id, offerer.id, physical("Annexe", siret=None, pricing_point_id=second.id)
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
        assert refusal(venues.create_venue, pro.id, offerer.id, data).code == (
            "invalid_pricing_point"
        )


def test_a_siret_less_venue_needs_a_siret_venue_first(database):  # rule P2
    offerer = make_offerer()

    data = VenueInput("En ligne", is_virtual=True)

    error = refusal(venues.create_venue, make_pro(offerer).id, offerer.id, data)

    assert error.code == "pricing_point_required"


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (
            VenueInput("En ligne", is_virtual=True, siret=SIRET),
            "virtual_venue_has_no_place",
            "Un lieu numérique n'a ni SIRET ni adresse.",
        ),
        (
            VenueInput("En ligne", is_virtual=True, address="1 rue"),
            "virtual_venue_has_no_place",
            "Un lieu numérique n'a ni SIRET ni adresse.",
        ),
        (
            physical(siret="73282932000075"),
            "invalid_siret",
            "Ce numéro de SIRET n'est pas valide : vérifiez-le sur l'avis de l'Insee.",
        ),
        (physical(siret="7328293200007"), "invalid_siret", "Le SIRET doit comporter 14 chiffres."),
        (physical(" "), "name_required", "Le nom du lieu est obligatoire."),
        (
            physical("x" * 141),
            "name_too_long",
            "Le nom du lieu ne doit pas dépasser 140 caractères.",
        ),
        (physical(address=" "), "address_required", "L'adresse du lieu est obligatoire."),
        (
            physical(address="x" * 201),
            "text_too_long",
            "L'adresse ne doit pas dépasser 200 caractères.",
        ),
        (
            physical(postal_code="6700"),
            "invalid_postal_code",
            "Le code postal doit comporter 5 chiffres.",
        ),
        (
            physical(postal_code="75001"),
            "unknown_commune",
            "Aucune commune « Strasbourg » n'a le code postal 75001 : vérifiez l'orthographe "
            "ou choisissez-la dans la liste.",
        ),
        (
            physical(latitude=48.1),
            "invalid_coordinates",
            "Les coordonnées géographiques du lieu sont invalides.",
        ),
        (
            physical(latitude=91.0, longitude=7.7),
            "invalid_coordinates",
            "Les coordonnées géographiques du lieu sont invalides.",
        ),
        (
            physical(booking_email="resa@monlieu"),
            "invalid_booking_email",
            "L'adresse email de réservation n'est pas valide, par exemple : "
            "reservations@monlieu.fr.",
        ),
        (
            physical(booking_email="resa monlieu@x.fr"),
            "invalid_booking_email",
            "L'adresse email de réservation n'est pas valide, par exemple : "
            "reservations@monlieu.fr.",
        ),
        (
            physical(venue_type="casino"),
            "invalid_venue_type",
            "Choisissez le type du lieu dans la liste.",
        ),
        (
            physical(withdrawal_details="x" * 501),
            "text_too_long",
            "Les modalités de retrait ne doivent pas dépasser 500 caractères.",
        ),
    ],
)
def test_an_invalid_venue_creates_nothing(database, data, code, message):  # rules O1, O6
    offerer = make_offerer(siren=SIREN)

    error = refusal(venues.create_venue, make_pro(offerer).id, offerer.id, data)

    assert (error.code, error.message) == (code, message)
    assert all_venues() == []


# --- The pin ---------------------------------------------------------------------------


def test_the_pin_may_move_up_to_30_km_from_the_commune(database):
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    # 0.27° of latitude ≈ 30.0 km; 0.2703° ≈ 30.06 km.
    near, far = COMMUNE_LAT + 0.2695, COMMUNE_LAT + 0.2703
    assert distance_km(COMMUNE_LAT, COMMUNE_LON, near, COMMUNE_LON) < 30
    assert distance_km(COMMUNE_LAT, COMMUNE_LON, far, COMMUNE_LON) > 30

    error = refusal(
        venues.create_venue, pro.id, offerer.id, physical(latitude=far, longitude=COMMUNE_LON)
    )
    venue = venues.create_venue(pro.id, offerer.id, physical(latitude=near, longitude=COMMUNE_LON))

    assert (error.code, error.message) == (
        "pin_too_far",
        "Le repère est à 30,1 km de Strasbourg : placez-le à moins de 30 km de la commune, "
        "ou corrigez la commune.",
    )
    assert venue.latitude == pytest.approx(near)


def test_the_address_api_places_the_pin_when_it_is_on(database):
    offerer = make_offerer(siren=SIREN)
    api = FakeAddressApi((48.5819, 7.7507))

    venue = venues.create_venue(make_pro(offerer).id, offerer.id, physical(), lookup=api)

    assert api.asked == [("5 rue du Dôme", "67000", "Strasbourg")]
    assert (venue.latitude, venue.longitude) == (48.5819, 7.7507)


@pytest.mark.parametrize("answer", [None, (43.2970, 5.3811)])  # no answer; in Marseille
def test_an_address_api_answer_missing_or_far_leaves_the_pin_on_the_commune(answer):
    where = venues.locate("5 rue du Dôme", "67000", "Strasbourg", lookup=FakeAddressApi(answer))

    assert (where.latitude, where.longitude) == (COMMUNE_LAT, COMMUNE_LON)


def test_the_address_api_is_off_by_default():
    assert venues.address_lookup() is None


@pytest.fixture
def address_server():
    """A stand-in for api-adresse.data.gouv.fr on a local port: answers `answer`."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 -- the http.server interface
            asked.append(self.path)
            body = json.dumps(server.answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.answer, server.asked = {}, asked
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_address_api_is_asked_for_the_address_in_its_postal_code(address_server):
    address_server.answer = {
        "features": [{"geometry": {"type": "Point", "coordinates": [7.7507, 48.5819]}}]
    }
    api = venues.AddressApi(f"http://127.0.0.1:{address_server.server_port}/", 2)

    assert api.locate("5 rue du Dôme", "67000", "Strasbourg") == (48.5819, 7.7507)
    [path] = address_server.asked
    assert path == "/search/?q=5+rue+du+D%C3%B4me+Strasbourg&postcode=67000&limit=1"


@pytest.mark.parametrize("answer", [{"features": []}, {"error": "oups"}, []])
def test_an_address_api_without_a_point_finds_nothing(address_server, answer):
    address_server.answer = answer
    api = venues.AddressApi(f"http://127.0.0.1:{address_server.server_port}", 2)

    assert api.locate("5 rue du Dôme", "67000", "Strasbourg") is None


def test_an_unreachable_address_api_finds_nothing():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    api = venues.AddressApi(f"http://127.0.0.1:{port}", 1)

    assert api.locate("5 rue du Dôme", "67000", "Strasbourg") is None


@pytest.mark.parametrize(
    ("text", "value"), [("48.58", 48.58), (" 48,58 ", 48.58), ("-2", -2.0), ("", None)]
)
def test_a_typed_coordinate_takes_a_point_or_a_comma(text, value):
    assert venues.parse_coordinate(text, "latitude") == value


@pytest.mark.parametrize("text", ["nord", "nan", "inf", "48.5.8"])
def test_a_typed_coordinate_that_is_no_number_is_refused(text):
    error = refusal(venues.parse_coordinate, text, "latitude")

    assert error.message == "La latitude doit être un nombre, par exemple 48.58."


# --- Editing ---------------------------------------------------------------------------


def test_editing_a_venue_changes_every_field_and_keeps_its_siret_unique(database):  # O1, O6
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    venue = venues.create_venue(pro.id, offerer.id, physical())

    edited = venues.update_venue(
        pro.id,
        str(venue.id),
        physical(
            "Nouveau nom",
            booking_email="resa@lieu.fr",
            visual_disability_compliant=True,
            latitude=48.59,
            longitude=7.76,
        ),
    )

    assert (edited.name, edited.siret) == ("Nouveau nom", SIRET)
    assert edited.booking_email == "resa@lieu.fr"
    assert (edited.latitude, edited.longitude, edited.visual_disability_compliant) == (
        48.59,
        7.76,
        True,
    )
    assert venues.get_venue(pro.id, venue.id).name == "Nouveau nom"


def test_a_venue_cannot_take_the_siret_of_another_venue(database):  # rule O1
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    make_venue(offerer, siret=OTHER_SIRET)
    venue = venues.create_venue(pro.id, offerer.id, physical())

    error = refusal(venues.update_venue, pro.id, venue.id, physical("Autre", siret=OTHER_SIRET))

    assert error.code == "siret_already_registered"
    assert venues.get_venue(pro.id, venue.id).name == "Lieu"


def test_a_venue_keeps_its_siret_and_a_digital_venue_stays_digital(database):  # rule O1, P2
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    venue = venues.create_venue(pro.id, offerer.id, physical())
    online = venues.create_venue(pro.id, offerer.id, VenueInput("En ligne", is_virtual=True))

    error = refusal(venues.update_venue, pro.id, venue.id, physical(siret=None))
    renamed = venues.update_venue(
        pro.id, online.id, VenueInput("Boutique en ligne", is_virtual=False)
    )

    assert error.code == "siret_cannot_be_removed"
    assert (renamed.name, renamed.is_virtual, renamed.pricing_point_id) == (
        "Boutique en ligne",
        True,
        venue.id,
    )


def test_a_siret_less_venue_given_a_siret_is_its_own_pricing_point(database):  # rule P2
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    make_venue(offerer)
    annex = venues.create_venue(pro.id, offerer.id, physical("Annexe", siret=None))

    edited = venues.update_venue(pro.id, annex.id, physical("Annexe", siret=SIRET))

    assert (edited.siret, edited.pricing_point_id) == (SIRET, None)


def test_moving_the_pin_moves_the_venue_in_the_search(database):
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    venue = venues.create_venue(pro.id, offerer.id, physical("Salle du Dôme"))
    offer = offer_with_stock(venues.get_venue(pro.id, venue.id))
    around = SearchQuery(latitude=48.80, longitude=COMMUNE_LON, radius_km=5)
    assert search_offers(around, now=NOW).hits == []

    moved = physical("Salle du Dôme", latitude=48.79, longitude=COMMUNE_LON)
    venues.update_venue(pro.id, venue.id, moved)

    [hit] = search_offers(around, now=NOW).hits
    assert hit.offer_id == offer.id
    assert hit.distance_km == pytest.approx(distance_km(48.80, 7.7455, 48.79, 7.7455), abs=0.01)


def test_a_refused_edit_changes_nothing(database):
    offerer = make_offerer(siren=SIREN)
    pro = make_pro(offerer)
    venue = venues.create_venue(pro.id, offerer.id, physical(booking_email="a@b.fr"))

    refusal(venues.update_venue, pro.id, venue.id, physical("Nouveau", booking_email="faux"))

    [kept] = all_venues()
    assert (kept.name, kept.booking_email) == ("Lieu", "a@b.fr")


# --- Who may (O7) ----------------------------------------------------------------------


def test_another_structures_venue_is_missing_in_the_same_words(database):  # rule O7
    mine, theirs = make_offerer(), make_offerer(siren=SIREN)
    pro = make_pro(mine)
    their_venue = make_venue(theirs, name="Chez eux")

    for call in (
        lambda venue_id: venues.get_venue(pro.id, venue_id),
        lambda venue_id: venues.update_venue(pro.id, venue_id, physical("Pris")),
    ):
        for venue_id in (their_venue.id, their_venue.id + 1000, "abc", -1):
            error = refusal(call, venue_id)
            assert type(error) is NotFound
            assert (error.code, error.message) == ("venue_not_found", "Ce lieu n'existe pas.")
    assert all_venues()[0].name == "Chez eux"


def test_a_pro_cannot_add_a_venue_to_another_structure(database):  # rule O7
    mine, theirs = make_offerer(), make_offerer(siren=SIREN)

    with pytest.raises(NotFound):
        venues.create_venue(make_pro(mine).id, theirs.id, physical())
    with pytest.raises(NotFound):
        venues.structure_of(make_pro(mine).id, theirs.id)


@pytest.mark.parametrize("membership", [ValidationStatus.PENDING, ValidationStatus.REJECTED])
def test_only_validated_members_edit_the_venues(database, membership):  # rules O4, O7
    offerer = make_offerer(siren=SIREN)
    venue = make_venue(offerer, siret=SIRET)
    pro = make_user(Role.PRO)
    with db.transaction() as session:
        session.add(UserOfferer(user_id=pro.id, offerer_id=offerer.id, status=membership))

    assert refusal(venues.update_venue, pro.id, venue.id, physical()).code == "venue_not_found"
    assert refusal(venues.create_venue, pro.id, offerer.id, physical("Bis")).code == (
        "offerer_not_found"
    )


def test_a_young_user_edits_no_venue(database):  # rule O7
    venue = make_venue(make_offerer(siren=SIREN), siret=SIRET)

    assert refusal(venues.update_venue, make_user().id, venue.id, physical()).code == (
        "venue_not_found"
    )


def test_an_admin_adds_a_venue_to_an_existing_structure_only(database):  # rule O7
    admin = make_user(Role.ADMIN)
    offerer = make_offerer(siren=SIREN)

    venue = venues.create_venue(admin.id, offerer.id, physical())

    assert venue.offerer_id == offerer.id
    with pytest.raises(NotFound):
        venues.create_venue(admin.id, offerer.id + 1000, physical())


# --- The structure page ----------------------------------------------------------------


def test_the_structure_lists_its_venues_by_name(database):
    offerer = make_offerer(siren=SIREN, name="Culture & Co")
    pro = make_pro(offerer)
    venues.create_venue(pro.id, offerer.id, physical("Théâtre", venue_type=VenueType.THEATRE))
    venues.create_venue(pro.id, offerer.id, VenueInput("Boutique", is_virtual=True))
    make_venue(make_offerer(), name="Ailleurs")

    structure = venues.structure_of(pro.id, offerer.id)

    assert (structure.name, structure.siren, structure.status) == (
        "Culture & Co",
        SIREN,
        ValidationStatus.VALIDATED,
    )
    assert [(v.name, v.siret, v.kind, v.where) for v in structure.venues] == [
        ("Boutique", "", "Lieu numérique", "En ligne"),
        ("Théâtre", SIRET, "Théâtre, salle de spectacle", "Strasbourg (67000)"),
    ]


def test_young_users_read_the_venues_withdrawal_details_unless_the_offer_has_its_own(database):
    venue = make_venue(make_offerer(), withdrawal_details="Au guichet du lieu.")
    plain = offer_with_stock(venue)
    own = offer_with_stock(venue, extra_data={"withdrawal_details": "À l'accueil du festival."})

    assert offer_details(plain.id, now=NOW).withdrawal_details == "Au guichet du lieu."
    assert offer_details(own.id, now=NOW).withdrawal_details == "À l'accueil du festival."
