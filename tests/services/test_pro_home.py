"""The pro portal's frame and home: structures to switch between (O3, O7) and what needs
attention today, each count at its edge."""

from datetime import UTC, datetime, timedelta

import pytest

from pass_culture import db
from pass_culture.models import BookingStatus, OfferStatus, UserOfferer, ValidationStatus
from services import pro_home
from services.errors import NotFound
from tests.factories import (
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)

# 10:00 in Paris on a winter day: today runs from 23:00 UTC the day before to 23:00 UTC.
pytestmark = pytest.mark.usefixtures("database")

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
START_OF_DAY = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)
END_OF_DAY = datetime(2026, 12, 2, 23, 0, tzinfo=UTC)


def _event(venue, beginning_at, **stock_fields):
    offer = make_offer(venue, subcategory_id="SPECTACLE_REPRESENTATION", name="Concert")
    return make_stock(offer, beginning_at=beginning_at, **stock_fields)


def test_structures_are_the_validated_memberships_with_their_venues():  # rules O3, O4, O7
    first = make_offerer(name="B Théâtre")
    pro = make_pro(first)
    pending = make_offerer(name="A Librairie", validated=False)
    asked = make_offerer(name="C Cinéma")
    with db.transaction() as session:
        session.add(UserOfferer(user_id=pro.id, offerer_id=pending.id, status="validated"))
        session.add(UserOfferer(user_id=pro.id, offerer_id=asked.id, status="pending"))
    venue = make_venue(first, name="Salle", public_name="La Grande Salle")
    make_venue(asked)

    structures = pro_home.structures_of(pro.id)

    assert [(s.name, s.status) for s in structures] == [
        ("A Librairie", ValidationStatus.PENDING),
        ("B Théâtre", ValidationStatus.VALIDATED),
    ]
    assert structures[1].venues == (pro_home.VenueChoice(venue.id, "La Grande Salle"),)
    assert structures[0].venues == ()


def test_todays_events_run_from_midnight_to_midnight_in_paris():
    offerer = make_offerer()
    pro = make_pro(offerer)
    venue = make_venue(offerer)
    _event(venue, START_OF_DAY - timedelta(minutes=1))
    first = _event(venue, START_OF_DAY, booked_quantity=3, quantity=20)
    _event(venue, END_OF_DAY - timedelta(minutes=1), quantity=None)
    _event(venue, END_OF_DAY)

    attention = pro_home.attention(pro.id, offerer.id, now=NOW)

    assert attention.events_today_count == 2
    assert [(e.beginning_at, e.booked, e.quantity) for e in attention.events_today] == [
        (first.beginning_at, 3, 20),
        (END_OF_DAY - timedelta(minutes=1), 0, None),
    ]


def test_bookings_to_validate_are_unused_things_and_events_of_today_or_before():  # rule B6
    offerer = make_offerer()
    pro = make_pro(offerer)
    venue = make_venue(offerer)
    young, deposit = make_beneficiary()
    thing = make_stock(make_offer(venue))
    make_booking(thing, young, deposit)
    make_booking(_event(venue, END_OF_DAY - timedelta(minutes=1)), young, deposit)
    make_booking(_event(venue, END_OF_DAY), young, deposit)
    used_at = NOW - timedelta(hours=1)
    make_booking(make_stock(make_offer(venue)), young, deposit, status="used", used_at=used_at)
    make_booking(
        make_stock(make_offer(venue)),
        young,
        deposit,
        status=BookingStatus.CANCELLED,
        cancelled_at=used_at,
        cancellation_reason="beneficiary",
    )

    assert pro_home.attention(pro.id, offerer.id, now=NOW).to_validate == 2


def test_offers_without_stock_are_published_offers_nobody_can_book():  # rule F9
    offerer = make_offerer()
    pro = make_pro(offerer)
    venue = make_venue(offerer)
    sold_out = make_offer(venue, name="Épuisée")
    make_stock(sold_out, quantity=2, booked_quantity=2)
    past = make_offer(venue, name="Passée")
    make_stock(past, beginning_at=NOW - timedelta(minutes=1))
    make_offer(venue, name="Sans stock")
    make_stock(make_offer(venue, name="Réservable"), quantity=2, booked_quantity=1)
    make_offer(venue, name="Brouillon", validation_status=OfferStatus.DRAFT)
    make_offer(venue, name="Désactivée", is_active=False)

    attention = pro_home.attention(pro.id, offerer.id, now=NOW)

    assert attention.offers_without_stock_count == 3
    assert [o.name for o in attention.offers_without_stock] == ["Épuisée", "Passée", "Sans stock"]


def test_one_venue_narrows_everything_and_another_structures_ids_are_unknown():  # rule O7
    offerer = make_offerer()
    pro = make_pro(offerer)
    here, there = make_venue(offerer), make_venue(offerer)
    _event(here, START_OF_DAY + timedelta(hours=20))
    _event(there, START_OF_DAY + timedelta(hours=21))
    other = make_offerer()
    other_venue = make_venue(other)

    assert pro_home.attention(pro.id, offerer.id, here.id, now=NOW).events_today_count == 1
    assert pro_home.attention(pro.id, offerer.id, now=NOW).events_today_count == 2
    with pytest.raises(NotFound):
        pro_home.attention(pro.id, offerer.id, other_venue.id, now=NOW)
    with pytest.raises(NotFound):
        pro_home.attention(pro.id, other.id, now=NOW)
