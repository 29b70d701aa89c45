"""The reimbursement scale as data (rule P2) and the rate of a booking (rule P3)."""

from datetime import UTC, datetime, timedelta

import pytest

from pass_culture.clock import PARIS
from services import finance, policy
from services.policy import ReimbursementBracket, ReimbursementRuleSet
from services.subcategories import Reimbursement

STANDARD, BOOK = Reimbursement.STANDARD, Reimbursement.BOOK
USED_AT = datetime(2026, 5, 4, 10, tzinfo=UTC)

# pcapi's scale in force from 1 September 2021, Paris time.
SWITCH = datetime(2021, 9, 1, tzinfo=PARIS)
SEED_SCALE = policy.REIMBURSEMENT_RULE_SETS[0]
SCALES_WITH_2021 = (
    ReimbursementRuleSet(SEED_SCALE.code, SEED_SCALE.valid_from, SWITCH, SEED_SCALE.brackets),
    ReimbursementRuleSet(
        code="bareme_2021",
        valid_from=SWITCH,
        valid_until=None,
        brackets=(
            ReimbursementBracket(20_000_00, 10_000, 10_000),
            ReimbursementBracket(40_000_00, 9_500, 9_500),
            ReimbursementBracket(150_000_00, 9_200, 9_500),
            ReimbursementBracket(None, 9_000, 9_500),
        ),
    ),
)


def test_the_seed_scale():  # rule P2, seed 002
    assert [tuple(bracket) for bracket in SEED_SCALE.brackets] == [
        (20_000_00, 10_000, 10_000),
        (40_000_00, 9_500, 9_500),
        (150_000_00, 8_500, 9_500),
        (None, 7_000, 9_500),
    ]


@pytest.mark.parametrize("scales", [policy.REIMBURSEMENT_RULE_SETS, SCALES_WITH_2021])
def test_scales_follow_each_other_and_their_brackets_cover_every_revenue(scales):  # rule P2
    for previous, following in zip(scales, scales[1:], strict=False):
        assert previous.valid_until == following.valid_from
    assert scales[-1].valid_until is None
    for scale in scales:
        bounds = [bracket.upper_bound for bracket in scale.brackets]
        assert bounds[-1] is None
        assert bounds[:-1] == sorted(bounds[:-1])


@pytest.mark.parametrize(
    ("revenue", "reimbursement", "rate_bp", "rule"),
    [
        (1, STANDARD, 10_000, "bareme_2018:standard:1"),
        (20_000_00, STANDARD, 10_000, "bareme_2018:standard:1"),
        (20_000_01, STANDARD, 9_500, "bareme_2018:standard:2"),
        (40_000_00, STANDARD, 9_500, "bareme_2018:standard:2"),
        (40_000_01, STANDARD, 8_500, "bareme_2018:standard:3"),
        (40_000_01, BOOK, 9_500, "bareme_2018:livre:3"),
        (150_000_00, STANDARD, 8_500, "bareme_2018:standard:3"),
        (150_000_01, STANDARD, 7_000, "bareme_2018:standard:4"),
        (150_000_01, BOOK, 9_500, "bareme_2018:livre:4"),
        (20_000_00, BOOK, 10_000, "bareme_2018:livre:1"),
        (20_000_01, BOOK, 9_500, "bareme_2018:livre:2"),
    ],
)
def test_a_bound_belongs_to_the_bracket_below_it(revenue, reimbursement, rate_bp, rule):  # P2
    assert finance.rate_for(reimbursement, revenue, USED_AT) == finance.Rate(rate_bp, rule)


def test_digital_offers_are_not_reimbursed():  # rules F10, P1
    rate = finance.rate_for(Reimbursement.NOT_REIMBURSED, 10_00, USED_AT)
    assert rate == finance.Rate(0, finance.NOT_REIMBURSED_RULE)


@pytest.mark.parametrize(
    ("amount", "rate_bp", "expected"),
    [
        (10_00, 10_000, 10_00),
        (10_00, 9_500, 9_50),
        (1, 9_500, 1),  # 0.95 cent
        (10, 9_500, 10),  # 9.5 cents: half up
        (30, 8_500, 26),  # 25.5 cents: half up
        (29, 8_500, 25),  # 24.65 cents
        (33, 7_000, 23),  # 23.1 cents
        (300_00, 7_000, 210_00),
        (12_34, 0, 0),
    ],
)
def test_amounts_are_rounded_half_up_to_the_cent(amount, rate_bp, expected):  # rule P2
    assert finance.reimbursed_amount(amount, rate_bp) == expected


def test_adding_the_2021_scale_is_a_data_change():  # rule P2: validity dates
    before, after = SWITCH - timedelta(minutes=1), SWITCH
    # 31 August 2021, 23:59 Paris is still under the seed scale…
    assert finance.rule_set_at(before, SCALES_WITH_2021).code == "bareme_2018"
    assert finance.rate_for(STANDARD, 50_000_00, before, SCALES_WITH_2021).rate_bp == 8_500
    assert finance.rate_for(STANDARD, 200_000_00, before, SCALES_WITH_2021).rate_bp == 7_000
    # … and from 1 September 2021, 00:00 Paris (22:00 UTC the day before) the new one applies.
    assert after.astimezone(UTC) == datetime(2021, 8, 31, 22, tzinfo=UTC)
    assert finance.rate_for(STANDARD, 50_000_00, after, SCALES_WITH_2021) == finance.Rate(
        9_200, "bareme_2021:standard:3"
    )
    assert finance.rate_for(STANDARD, 200_000_00, after, SCALES_WITH_2021).rate_bp == 9_000
    assert finance.rate_for(BOOK, 200_000_00, after, SCALES_WITH_2021).rate_bp == 9_500
    assert finance.rate_for(STANDARD, 30_000_00, after, SCALES_WITH_2021).rate_bp == 9_500


def test_no_scale_before_the_first_one():  # rule P2
    with pytest.raises(LookupError):
        finance.rule_set_at(SEED_SCALE.valid_from - timedelta(seconds=1))
