"""The offer page's read model: what young users see (O3, F9), in the venue's time (F2),
and the booking button the credit allows (B1, C3–C5, F5, pcapi-facts §6)."""

import pytest

from pass_culture.clock import PARIS
from pass_culture.models import BookingStatus, Role
from services import bookings, offer_details
from services.errors import Forbidden, NotFound
from tests.factories import (
    DAY,
    HOUR,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_stock,
    make_user,
    make_venue,
)


def _concert(venue=None, **fields):
    return make_offer(venue or make_venue(), subcategory_id="CONCERT", **fields)


@pytest.mark.parametrize("raw", ["abc", "", "-1", "0", "1.5", "99999999999999", "٣"])
def test_a_malformed_id_is_an_unavailable_offer(database, raw):
    with pytest.raises(NotFound) as caught:
        offer_details.offer_details(raw, now=NOW)
    assert caught.value.message == "Cette offre n'est pas disponible."


def test_an_unknown_offer_is_unavailable(database):
    with pytest.raises(NotFound):
        offer_details.offer_details("999999", now=NOW)


def test_an_offer_of_a_structure_awaiting_validation_is_hidden(database):  # rule O3
    offer = make_offer(make_venue(make_offerer(validated=False)))
    make_stock(offer)
    with pytest.raises(NotFound):
        offer_details.offer_details(offer.id, now=NOW)


def test_a_deactivated_offer_is_hidden(database):  # rule F9
    offer = make_offer(is_active=False)
    make_stock(offer)
    with pytest.raises(NotFound):
        offer_details.offer_details(str(offer.id), now=NOW)


def test_an_event_is_shown_at_the_venue_local_hour(database):  # Guyane is UTC-3
    venue = make_venue(department_code="973", postal_code="97300", city="Cayenne")
    offer = _concert(venue)
    make_stock(offer, beginning_at=NOW + 3 * DAY + 14 * HOUR)  # 23:00 UTC → 20:00 Cayenne
    details = offer_details.offer_details(offer.id, now=NOW)
    assert [s.when for s in details.stocks] == ["jeudi 5 mars 2026 à 20h00"]


def test_only_bookable_stocks_are_listed_soonest_first(database):  # rule F9
    offer = _concert()
    later = make_stock(offer, beginning_at=NOW + 10 * DAY)
    sooner = make_stock(offer, beginning_at=NOW + 5 * DAY, price=0)
    make_stock(offer, beginning_at=NOW - HOUR)  # started
    make_stock(offer, beginning_at=NOW + 6 * DAY, quantity=2, booked_quantity=2)  # sold out
    make_stock(offer, beginning_at=NOW + 7 * DAY, is_soft_deleted=True)
    details = offer_details.offer_details(offer.id, now=NOW)
    assert [s.id for s in details.stocks] == [sooner.id, later.id]
    assert [s.price_label for s in details.stocks] == ["Gratuit", "10,00 €"]
    assert details.min_price == 0
    assert details.unavailable == ""


def test_few_places_left_are_said(database):
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 5 * DAY, quantity=10, booked_quantity=7)
    make_stock(offer, beginning_at=NOW + 6 * DAY, quantity=10, booked_quantity=9)
    make_stock(offer, beginning_at=NOW + 7 * DAY, quantity=10, booked_quantity=4)
    details = offer_details.offer_details(offer.id, now=NOW)
    assert [s.places_left for s in details.stocks] == ["Plus que 3 places", "Plus qu’une place", ""]


def test_a_sold_out_offer_says_so_and_an_outdated_one_too(database):
    sold_out = _concert()
    make_stock(sold_out, beginning_at=NOW + 5 * DAY, quantity=1, booked_quantity=1)
    outdated = _concert()
    make_stock(outdated, beginning_at=NOW + 5 * DAY, booking_limit_at=NOW - HOUR)
    assert offer_details.offer_details(sold_out.id, now=NOW).unavailable == "Offre épuisée"
    assert offer_details.offer_details(outdated.id, now=NOW).unavailable == "Offre expirée"


def test_venue_address_distance_map_and_known_accessibility(database):
    venue = make_venue(
        public_name="La Laiterie",
        address="13 rue du Hohwald",
        motor_disability_compliant=True,
        audio_disability_compliant=False,
    )
    offer = _concert(venue, extra_data={"withdrawal_details": "Billet à l'accueil"})
    make_stock(offer, beginning_at=NOW + 5 * DAY)
    details = offer_details.offer_details(offer.id, now=NOW, latitude=48.5834, longitude=7.7521)
    assert details.venue_name == "La Laiterie"
    assert details.address == "13 rue du Hohwald, 67000 Strasbourg"
    assert details.distance == "à 1,1 km"
    assert details.map_url.startswith("https://www.openstreetmap.org/?mlat=48.57340&mlon=7.75210")
    assert [(a.label, a.compliant) for a in details.accessibility] == [
        ("Handicap moteur", True),
        ("Handicap auditif", False),
    ]
    assert details.withdrawal_details == "Billet à l'accueil"
    assert offer_details.offer_details(offer.id, now=NOW).distance == ""


def test_duo_only_where_the_subcategory_allows_it(database):  # rule F5
    duo = _concert(is_duo=True)
    book = make_offer(is_duo=True)  # a paper book cannot be duo
    for offer in (duo, book):
        make_stock(offer, beginning_at=NOW + 5 * DAY if offer is duo else None)
    assert offer_details.quantities(offer_details.offer_details(duo.id, now=NOW)) == (1, 2)
    assert offer_details.quantities(offer_details.offer_details(book.id, now=NOW)) == (1,)


def test_the_confirmation_tells_the_cancellation_deadline(database):  # rule B5
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 10 * DAY)  # 48 h after booking
    make_stock(offer, beginning_at=NOW + 3 * DAY)  # 48 h before the event
    far, near = offer_details.offer_details(offer.id, now=NOW).stocks[::-1]
    assert far.cancellation == "Tu pourras annuler jusqu’au mercredi 4 mars 2026 à 10h00."
    assert near.cancellation == "Tu pourras annuler jusqu’au mardi 3 mars 2026 à 10h00."


def test_a_booking_that_could_not_be_cancelled_says_so():
    assert (
        offer_details.cancellation_note(NOW, NOW, PARIS)
        == "Cette réservation ne sera pas annulable."
    )


# --- The booking button ---------------------------------------------------------------


def _action(user, offer):
    return offer_details.offer_action(
        user.id, offer_details.offer_details(offer.id, now=NOW), now=NOW
    )


def test_a_young_user_with_credit_can_book(database):
    user, _deposit = make_beneficiary(granted_at=NOW - DAY)
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 5 * DAY, price=20_00)
    action = _action(user, offer)
    assert (action.cta, action.can_book, action.remaining) == ("Réserver l’offre", True, 300_00)


def test_credit_short_of_the_cheapest_price(database):  # rule C3
    user, deposit = make_beneficiary(granted_at=NOW - DAY)
    spent = make_stock(make_offer(), price=295_00)
    make_booking(spent, user, deposit, created_at=NOW - HOUR)
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 5 * DAY, price=10_00)
    action = _action(user, offer)
    assert (action.cta, action.can_book, action.remaining) == ("Crédit insuffisant", False, 5_00)


def test_digital_cap_reached(database):  # rule C4
    user, deposit = make_beneficiary(granted_at=NOW - DAY)
    ebook = dict(subcategory_id="LIVRE_NUMERIQUE", url="https://lire.example.fr/livre")
    make_booking(make_stock(make_offer(**ebook), price=95_00), user, deposit, created_at=NOW)
    offer = make_offer(**ebook)
    make_stock(offer, price=10_00)
    assert _action(user, offer).cta == "Crédit numérique insuffisant"


def test_already_booked_leads_to_the_booking(database):  # rule B1
    user, deposit = make_beneficiary(granted_at=NOW - DAY)
    offer = _concert()
    stock = make_stock(offer, beginning_at=NOW + 5 * DAY)
    booking = bookings.book(user.id, stock.id, now=NOW)
    action = _action(user, offer)
    assert (action.cta, action.can_book, action.booking_id) == (
        "Voir ma réservation",
        False,
        booking.id,
    )
    bookings.cancel_by_beneficiary(user.id, booking.id, now=NOW + HOUR)
    assert _action(user, offer).cta == "Réserver l’offre"


def test_a_cancelled_booking_of_another_user_changes_nothing(database):
    user, _deposit = make_beneficiary(granted_at=NOW - DAY)
    other, other_deposit = make_beneficiary(granted_at=NOW - DAY)
    offer = _concert()
    stock = make_stock(offer, beginning_at=NOW + 5 * DAY)
    make_booking(stock, other, other_deposit, status=BookingStatus.CONFIRMED, created_at=NOW)
    assert _action(user, offer).booking_id is None


def test_an_expired_credit_cannot_book(database):  # rule C5
    user, _deposit = make_beneficiary(granted_at=NOW - 2 * 366 * DAY)
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 5 * DAY)
    assert _action(user, offer).cta == "Crédit expiré"


def test_a_pro_previewing_has_no_credit_and_cannot_book(database):  # rule E4
    pro = make_user(Role.PRO)
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 5 * DAY)
    action = _action(pro, offer)
    assert (action.can_book, action.remaining) == (False, None)


def test_sold_out_wins_over_the_credit(database):
    user, _deposit = make_beneficiary(granted_at=NOW - DAY)
    offer = _concert()
    make_stock(offer, beginning_at=NOW + 5 * DAY, quantity=1, booked_quantity=1)
    assert _action(user, offer).cta == "Offre épuisée"


def test_booking_is_refused_to_a_pro_and_to_an_account_without_credit(database):
    stock = make_stock(_concert(), beginning_at=NOW + 5 * DAY)
    pro = make_user(Role.PRO)
    young_without_credit = make_user(Role.BENEFICIARY)
    with pytest.raises(Forbidden) as refused:
        bookings.book(pro.id, stock.id, now=NOW)
    assert refused.value.message == "Seuls les jeunes bénéficiaires peuvent réserver."
    with pytest.raises(NotFound) as refused:
        bookings.book(young_without_credit.id, stock.id, now=NOW)
    assert refused.value.message == "Ce compte n'a pas de crédit pass Culture."
