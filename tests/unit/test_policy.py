"""The policy module: every number a government could change, as data."""

from datetime import timedelta

from sqlalchemy import CheckConstraint

from pass_culture.models import Stock
from services import policy


def test_default_grant_is_300_euros_for_24_months_with_100_euros_digital():  # rule C1
    grant = policy.GRANT_PRESETS[policy.DEFAULT_GRANT_PRESET]
    assert (grant.amount, grant.validity_months) == (300_00, 24)
    assert (grant.digital_cap, grant.physical_cap) == (100_00, None)


def test_experimentation_2018_preset():  # rule C1
    grant = policy.GRANT_PRESETS["experimentation_2018"]
    assert (grant.amount, grant.digital_cap, grant.physical_cap) == (500_00, 200_00, 100_00)


def test_booking_delays():  # rules B5, B7, B8
    assert policy.CANCELLATION_DELAY == timedelta(hours=48)
    assert policy.CANCELLATION_BEFORE_EVENT == timedelta(hours=48)
    assert policy.AUTO_VALIDATION_DELAY == timedelta(hours=48)
    assert policy.PICKUP_DELAY == timedelta(days=30)
    assert policy.PICKUP_DELAY - policy.PICKUP_REMINDER_BEFORE == timedelta(days=23)


def test_offer_limits():  # rules C1, F5, F7, F8
    assert policy.ELIGIBLE_AGE == 18
    assert policy.DUO_QUANTITY == 2
    assert policy.MAX_PRICE == 300_00
    assert policy.MAX_STOCK_QUANTITY == 1_000_000


def test_database_constraints_agree_with_the_policy():  # rules F7, F8: the last guard
    checks = {
        c.name: str(c.sqltext)
        for c in Stock.__table__.constraints
        if isinstance(c, CheckConstraint)
    }
    assert f"price <= {policy.MAX_PRICE}" in checks["ck_stocks_price_range"]
    assert f"quantity <= {policy.MAX_STOCK_QUANTITY}" in checks["ck_stocks_quantity_range"]
