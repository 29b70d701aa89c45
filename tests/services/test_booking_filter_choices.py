"""What the pro's bookings filters offer (rule O7: the pro's own structures only)."""

from pass_culture import db
from pass_culture.models import UserOfferer, ValidationStatus
from services import bookings
from services.booking_filter_choices import filter_choices
from tests.factories import (
    make_beneficiary,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)


def test_own_venues_and_booked_offers_only(database):  # rule O7
    mine, theirs = make_offerer(), make_offerer()
    pro = make_pro(mine)
    zebra = make_venue(mine, name="Zèbre", public_name=None)
    atelier = make_venue(mine, name="Salle 2", public_name="Atelier")
    booked = make_offer(zebra, name="Booked")
    make_offer(atelier, name="Never booked")
    elsewhere = make_offer(make_venue(theirs), name="Elsewhere")
    for offer in (booked, elsewhere):
        young, _deposit = make_beneficiary()
        bookings.book(young.id, make_stock(offer).id)

    choices = filter_choices(pro.id)
    assert choices.offerer_ids == [mine.id]
    assert choices.venues == [(atelier.id, "Atelier"), (zebra.id, "Zèbre")]
    assert choices.offers == [(booked.id, "Booked")]


def test_a_membership_not_validated_yet_offers_nothing(database):  # rules O4, O7
    offerer = make_offerer()
    make_venue(offerer)
    pro = make_user("pro")
    with db.transaction() as session:
        session.add(
            UserOfferer(user_id=pro.id, offerer_id=offerer.id, status=ValidationStatus.PENDING)
        )
    choices = filter_choices(pro.id)
    assert (choices.offerer_ids, choices.venues, choices.offers) == ([], [], [])
