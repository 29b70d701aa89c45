"""The credit: grant (C1), balance (C3), caps (C4) and expiry (C5)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from pass_culture.models import BookingStatus, CancellationReason, Role
from services import deposits
from services.errors import DomainError, NotFound
from tests.factories import (
    MINUTE,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_stock,
    make_user,
)


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    assert caught.value.message
    return caught.value


def test_default_grant_is_300_euros_for_24_months(database):  # rule C1
    young = make_user(Role.BENEFICIARY, birth_date=date(2008, 1, 15))
    deposit = deposits.grant_deposit(young.id, now=NOW)
    assert (deposit.amount, deposit.digital_cap, deposit.physical_cap) == (300_00, 100_00, None)
    assert (deposit.created_at, deposit.expires_at) == (NOW, datetime(2028, 3, 2, 9, tzinfo=UTC))


def test_experimentation_2018_grant(database):  # rule C1
    young = make_user(Role.BENEFICIARY)
    deposit = deposits.grant_deposit(young.id, "experimentation_2018", now=NOW)
    assert (deposit.amount, deposit.digital_cap, deposit.physical_cap) == (500_00, 200_00, 100_00)


def test_validity_counts_calendar_months_in_paris_time(database):  # rule C1
    young = make_user(Role.BENEFICIARY)
    # 29 February 2024, 23:30 in Paris (22:30 UTC): ends on 28 February 2026, 23:30 in Paris.
    granted = datetime(2024, 2, 29, 22, 30, tzinfo=UTC)
    deposit = deposits.grant_deposit(young.id, now=granted)
    assert deposit.expires_at == datetime(2026, 2, 28, 22, 30, tzinfo=UTC)


def test_one_credit_per_young_user(database):  # rule C1
    young = make_user(Role.BENEFICIARY)
    deposits.grant_deposit(young.id, now=NOW)
    _refused("already_granted", deposits.grant_deposit, young.id, now=NOW)


def test_grant_refusals(database):  # rule C1
    _refused("unknown_preset", deposits.grant_deposit, make_user(Role.BENEFICIARY).id, "x", now=NOW)
    _refused("not_beneficiary", deposits.grant_deposit, make_user(Role.PRO).id, now=NOW)
    with pytest.raises(NotFound):
        deposits.grant_deposit(999_999, now=NOW)


@pytest.mark.parametrize(
    ("birth_date", "eligible"),
    [
        (date(2008, 3, 2), True),  # 18 today
        (date(2008, 3, 3), False),  # 18 tomorrow
        (date(2007, 3, 3), True),  # 19 tomorrow
        (date(2007, 3, 2), False),  # 19 today
    ],
)
def test_only_18_year_olds_receive_the_credit(database, birth_date, eligible):  # rule C1
    young = make_user(Role.BENEFICIARY, birth_date=birth_date)
    if eligible:
        assert deposits.grant_deposit(young.id, now=NOW).amount == 300_00
    else:
        _refused("not_eligible", deposits.grant_deposit, young.id, now=NOW)


def test_balance_counts_every_booking_not_cancelled(database):  # rules C3, C6
    young, deposit = make_beneficiary(granted_at=NOW - timedelta(days=1))
    make_booking(make_stock(price=20_00), young, deposit)
    make_booking(make_stock(price=30_00), young, deposit, status=BookingStatus.USED, used_at=NOW)
    make_booking(
        make_stock(price=40_00),
        young,
        deposit,
        status=BookingStatus.CANCELLED,
        cancelled_at=NOW,
        cancellation_reason=CancellationReason.EXPIRED,
    )
    balance = deposits.get_balance(young.id, now=NOW)
    assert (balance.granted, balance.remaining) == (300_00, 250_00)


def test_caps_count_their_own_bookings(database):  # rule C4
    young, deposit = make_beneficiary(
        preset="experimentation_2018", granted_at=NOW - timedelta(days=1)
    )
    vod = make_offer(subcategory_id="VOD", url="https://video.example.fr")
    vod_at_the_counter = make_offer(subcategory_id="VOD")
    make_booking(make_stock(vod, price=15_00), young, deposit)
    make_booking(make_stock(vod_at_the_counter, price=7_00), young, deposit)
    make_booking(make_stock(price=12_00), young, deposit)  # a paper book
    make_booking(make_stock(make_offer(subcategory_id="CONCERT"), price=30_00), young, deposit)
    balance = deposits.get_balance(young.id, now=NOW)
    assert balance.remaining == 500_00 - 64_00
    assert (balance.digital_remaining, balance.physical_remaining) == (185_00, 88_00)


def test_no_cap_reads_as_none(database):  # rule C4: the standard grant caps digital only
    young, _ = make_beneficiary(granted_at=NOW - timedelta(days=1))
    balance = deposits.get_balance(young.id, now=NOW)
    assert (balance.digital_remaining, balance.physical_remaining) == (100_00, None)


def test_expiry_edges(database):  # rule C5
    young, deposit = make_beneficiary(granted_at=NOW - timedelta(days=1))
    assert not deposits.get_balance(young.id, now=deposit.expires_at - MINUTE).is_expired
    assert deposits.get_balance(young.id, now=deposit.expires_at + MINUTE).is_expired


def test_balance_without_a_credit(database):
    with pytest.raises(NotFound) as caught:
        deposits.get_balance(make_user(Role.BENEFICIARY).id, now=NOW)
    assert caught.value.code == "no_deposit"
