"""My bookings and the ticket (rules B3, B5, B8, B9): sections, labels, ownership, and the
edge of the cancellation window on the controlled clock."""

import pytest

from pass_culture.models import BookingStatus, CancellationReason
from services import bookings, codes, my_bookings
from services.errors import NotFound
from tests.factories import (
    DAY,
    HOUR,
    MINUTE,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_stock,
    make_venue,
)


@pytest.fixture
def young(database):
    return make_beneficiary(granted_at=NOW - 10 * DAY)


def _concert_stock(start, venue=None, **fields):
    offer = make_offer(venue or make_venue(), subcategory_id="CONCERT", name="Concert", **fields)
    return make_stock(offer, beginning_at=start)


def test_sections_keep_upcoming_ended_and_cancelled_apart(young):
    user, deposit = young
    soon = make_booking(_concert_stock(NOW + 3 * DAY), user, deposit, created_at=NOW - DAY)
    later = make_booking(_concert_stock(NOW + 9 * DAY), user, deposit, created_at=NOW - DAY)
    past = make_booking(_concert_stock(NOW - HOUR), user, deposit, created_at=NOW - 5 * DAY)
    used = make_booking(
        make_stock(make_offer()), user, deposit, status=BookingStatus.USED, used_at=NOW - DAY
    )
    cancelled = make_booking(
        make_stock(make_offer()),
        user,
        deposit,
        status=BookingStatus.CANCELLED,
        cancelled_at=NOW - DAY,
        cancellation_reason=CancellationReason.BENEFICIARY,
    )
    expired = make_booking(
        make_stock(make_offer()),
        user,
        deposit,
        status=BookingStatus.CANCELLED,
        cancelled_at=NOW - 2 * DAY,
        cancellation_reason=CancellationReason.EXPIRED,
    )
    lists = my_bookings.list_bookings(user.id, now=NOW)
    assert [r.id for r in lists.upcoming] == [soon.id, later.id]
    assert {r.id for r in lists.ended} == {past.id, used.id}
    assert [r.id for r in lists.cancelled] == [cancelled.id, expired.id]
    assert [r.status_label for r in lists.cancelled] == ["Annulée", "Expirée"]
    assert lists.cancelled[1].date_label == "Expirée le samedi 28 février 2026"


def test_another_users_bookings_are_not_listed(young):
    user, _deposit = young
    other, other_deposit = make_beneficiary()
    make_booking(_concert_stock(NOW + 3 * DAY), other, other_deposit, created_at=NOW)
    lists = my_bookings.list_bookings(user.id, now=NOW)
    assert lists.upcoming == lists.ended == lists.cancelled == []


@pytest.mark.parametrize(
    ("start", "label"),
    [
        (NOW + 2 * HOUR, "Aujourd’hui à 12h00"),
        (NOW + DAY + 10 * HOUR, "Demain à 20h00"),
        (NOW + 5 * DAY, "Le samedi 7 mars 2026 à 10h00"),
    ],
)
def test_event_date_labels(young, start, label):  # pcapi-facts §6
    user, deposit = young
    make_booking(_concert_stock(start), user, deposit, created_at=NOW - DAY)
    assert my_bookings.list_bookings(user.id, now=NOW).upcoming[0].date_label == label


@pytest.mark.parametrize(
    ("booked_ago", "label"),
    [
        (DAY, "À retirer avant le mardi 31 mars 2026"),
        (29 * DAY, "Avant dernier jour pour retirer"),
        (30 * DAY - HOUR, "Dernier jour pour retirer"),
    ],
)
def test_goods_to_pick_up_say_until_when(young, booked_ago, label):  # rule B8
    user, deposit = young
    make_booking(make_stock(make_offer()), user, deposit, created_at=NOW - booked_ago)
    assert my_bookings.list_bookings(user.id, now=NOW).upcoming[0].date_label == label


def test_event_in_guyane_is_labelled_at_local_time(young):
    user, deposit = young
    venue = make_venue(department_code="973", city="Cayenne", postal_code="97300")
    make_booking(_concert_stock(NOW + 5 * DAY, venue), user, deposit, created_at=NOW)
    assert (
        my_bookings.list_bookings(user.id, now=NOW).upcoming[0].date_label
        == "Le samedi 7 mars 2026 à 06h00"
    )


# --- The ticket (rule B9) ---------------------------------------------------------------


def test_the_ticket_shows_code_qr_place_and_deadline(young):
    user, _deposit = young
    stock = _concert_stock(NOW + 10 * DAY, extra_data={"withdrawal_details": "Accueil"})
    booking = bookings.book(user.id, stock.id, now=NOW)
    ticket = my_bookings.ticket(user.id, str(booking.id), now=NOW + HOUR)
    assert ticket.code == booking.code
    assert ticket.qr_svg == codes.qr_svg(booking.code)
    assert ticket.qr_src.startswith("data:image/svg+xml;base64,")
    assert ticket.address == "1 rue de la Paix, 67000 Strasbourg"
    assert ticket.withdrawal_details == "Accueil"
    assert ticket.when == "jeudi 12 mars 2026 à 10h00"
    assert (ticket.status_label, ticket.amount, ticket.quantity) == ("Réservée", "10,00 €", 1)
    assert ticket.can_cancel
    assert (
        ticket.cancellation == "La réservation est annulable jusqu’au mercredi 4 mars 2026 à 10h00."
    )


def test_cancellation_is_allowed_at_the_deadline_and_not_a_minute_after(young):  # rule B5
    user, _deposit = young
    booking = bookings.book(user.id, _concert_stock(NOW + 10 * DAY).id, now=NOW)
    deadline = NOW + 48 * HOUR
    assert my_bookings.ticket(user.id, booking.id, now=deadline).can_cancel
    late = my_bookings.ticket(user.id, booking.id, now=deadline + MINUTE)
    assert not late.can_cancel
    assert late.cancellation == (
        "Tu ne peux plus annuler ta réservation : elle devait être annulée avant le "
        "mercredi 4 mars 2026 à 10h00."
    )
    with pytest.raises(bookings.DomainError):
        bookings.cancel_by_beneficiary(user.id, booking.id, now=deadline + MINUTE)
    bookings.cancel_by_beneficiary(user.id, booking.id, now=deadline)
    cancelled = my_bookings.ticket(user.id, booking.id, now=deadline)
    assert (cancelled.status_label, cancelled.qr_svg, cancelled.can_cancel) == (
        "Annulée",
        "",
        False,
    )
    assert cancelled.cancellation == ""


def test_another_users_ticket_is_as_unknown_as_a_missing_one(young):  # no oracle
    user, _deposit = young
    other, _other_deposit = make_beneficiary()
    booking = bookings.book(other.id, _concert_stock(NOW + 10 * DAY).id, now=NOW)
    messages = set()
    for raw in (booking.id, booking.id + 1000, "abc", "-3", ""):
        with pytest.raises(NotFound) as caught:
            my_bookings.ticket(user.id, raw, now=NOW)
        messages.add(caught.value.message)
    assert messages == {"Cette réservation n'existe pas."}
