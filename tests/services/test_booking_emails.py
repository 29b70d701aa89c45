"""The pro's booking and cancellation emails (rules B4, O6): to the venue's booking
email, else the structure's members; with the young user's name and email and a link
to the booking on the pro's bookings page."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import EmailOutbox, UserOfferer, ValidationStatus
from pass_culture.settings import get_settings
from services import bookings
from tests.factories import (
    NOW,
    make_beneficiary,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)


@pytest.fixture
def young(database):
    user, _deposit = make_beneficiary(
        granted_at=NOW - timedelta(days=1), first_name="Inès", last_name="Moreau"
    )
    return user


def _pro_mails(template: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        query = select(EmailOutbox).where(EmailOutbox.template == template)
        return list(session.exec(query.order_by(EmailOutbox.to_address)))


def _link(code: str) -> str:
    return f"{get_settings().public_url}/pro/reservations?recherche={code}"


def test_the_venue_booking_email_gets_both_mails(young):  # rules B4, O6
    offerer = make_offerer()
    make_pro(offerer)
    venue = make_venue(offerer, booking_email="resa@librairie.fr")
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW + timedelta(hours=1))
    for template in ("booking_new_pro", "booking_cancelled_pro"):
        [mail] = _pro_mails(template)
        assert mail.to_address == "resa@librairie.fr"
        assert f"Réservé par : Inès Moreau ({young.email})" in mail.body_text
        assert f"Voir la réservation : {_link(booking.code)}\n" in mail.body_text


def test_without_one_the_structures_validated_members_get_them(young):  # rule B4
    offerer = make_offerer()
    members = sorted([make_pro(offerer).email, make_pro(offerer).email])
    waiting = make_user("pro")  # asked to join, not accepted yet (O4)
    make_pro(offerer, is_active=False)  # left
    with db.transaction() as session:
        session.add(
            UserOfferer(user_id=waiting.id, offerer_id=offerer.id, status=ValidationStatus.PENDING)
        )
    make_pro(make_offerer())  # another structure
    venue = make_venue(offerer)
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW + timedelta(hours=1))
    for template in ("booking_new_pro", "booking_cancelled_pro"):
        mails = _pro_mails(template)
        assert [mail.to_address for mail in mails] == members
        for mail in mails:
            assert "Inès Moreau" in mail.body_text and young.email in mail.body_text
            assert _link(booking.code) in mail.body_text


def test_the_young_users_mails_carry_no_pro_link(young):
    booking = bookings.book(young.id, make_stock().id, now=NOW)
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW + timedelta(hours=1))
    for template in ("booking_confirmation", "booking_cancelled"):
        [mail] = _pro_mails(template)
        assert mail.to_address == young.email
        assert "/pro/" not in mail.body_text
