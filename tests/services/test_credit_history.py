"""The credit page's history: every debit and refund with its date and offer (C2, C6)."""

from services import bookings, credit_history, deposits
from tests.factories import DAY, HOUR, NOW, make_beneficiary, make_offer, make_stock


def test_a_cancelled_booking_gives_one_debit_and_one_refund(database):
    user, _deposit = make_beneficiary(granted_at=NOW - DAY)
    kept = bookings.book(user.id, make_stock(make_offer(name="Le Horla"), price=8_00).id, now=NOW)
    concert = make_stock(
        make_offer(subcategory_id="CONCERT", name="Jazz"), beginning_at=NOW + 9 * DAY, price=25_00
    )
    cancelled = bookings.book(user.id, concert.id, now=NOW + HOUR)
    bookings.cancel_by_beneficiary(user.id, cancelled.id, now=NOW + 3 * HOUR)
    bookings.book(user.id, make_stock(make_offer(name="Gratuit"), price=0).id, now=NOW + 4 * HOUR)

    lines = credit_history.credit_history(user.id)
    assert [(line.at, line.label, line.amount_signed_cents, line.kind) for line in lines] == [
        (NOW + 3 * HOUR, "Jazz", 25_00, "refund"),
        (NOW + HOUR, "Jazz", -25_00, "debit"),
        (kept.created_at, "Le Horla", -8_00, "debit"),
    ]
    # The lines add up to what the balance says (C3).
    balance = deposits.get_balance(user.id, now=NOW + 5 * HOUR)
    assert balance.granted + sum(line.amount_signed_cents for line in lines) == balance.remaining


def test_another_users_bookings_stay_out(database):
    user, _deposit = make_beneficiary(granted_at=NOW - DAY)
    other, _other_deposit = make_beneficiary(granted_at=NOW - DAY)
    bookings.book(other.id, make_stock(make_offer()).id, now=NOW)
    assert credit_history.credit_history(user.id) == []
