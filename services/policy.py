"""Every number a government could change, as data (RULES.md: amounts, delays, rates).

Rules read these values; no amount or delay is written as a literal elsewhere.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from pass_culture.clock import PARIS


@dataclass(frozen=True)
class GrantPreset:
    """Rule C1: what a young user receives when the credit is activated."""

    code: str
    label: str
    amount: int  # cents
    validity_months: int
    digital_cap: int | None  # cents; None = no cap
    physical_cap: int | None  # cents; None = no cap
    # Where young residents may receive it (département codes); None = everywhere.
    departments: frozenset[str] | None = None


# The experimentation's five pilot départements: Finistère, Hérault, Bas-Rhin,
# Seine-Saint-Denis, Guyane.
PILOT_DEPARTMENTS_2018 = frozenset({"29", "34", "67", "93", "973"})

GRANT_PRESETS: dict[str, GrantPreset] = {
    preset.code: preset
    for preset in (
        GrantPreset(
            code="standard",
            label="Crédit pass Culture (300 €, 24 mois)",
            amount=300_00,
            validity_months=24,
            digital_cap=100_00,
            physical_cap=None,
        ),
        GrantPreset(
            code="experimentation_2018",
            label="Expérimentation 2018 (500 €)",
            amount=500_00,
            validity_months=24,
            digital_cap=200_00,
            physical_cap=100_00,
            departments=PILOT_DEPARTMENTS_2018,
        ),
    )
}

DEFAULT_GRANT_PRESET = "standard"


# --- Eligibility, bookings, offers and stocks (rules C1, B5, B7, B8, F5, F7, F8) ---

# C1: the age a young user must have on the day the credit is granted.
ELIGIBLE_AGE = 18

# B5: the young user may cancel until 48 h after booking, and an event booking
# no later than 48 h before the event starts (last-minute bookings: until it starts).
CANCELLATION_DELAY = timedelta(hours=48)
CANCELLATION_BEFORE_EVENT = timedelta(hours=48)
# B7: bookings of dated offers are marked used automatically 48 h after the event.
AUTO_VALIDATION_DELAY = timedelta(hours=48)
# B8: physical goods not picked up within 30 days are cancelled; reminder 7 days before.
PICKUP_DELAY = timedelta(days=30)
PICKUP_REMINDER_BEFORE = timedelta(days=7)
# F7: a stock's price, in cents.
MAX_PRICE = 300_00
# F5: places a duo booking may take (otherwise 1).
DUO_QUANTITY = 2
# F8: a stock's quantity when it is not unlimited.
MAX_STOCK_QUANTITY = 1_000_000

# Sign-ups (youth and pro): how long an email verification link stays valid.
SIGNUP_LINK_VALIDITY = timedelta(hours=24)
# A validated member's invitation of a colleague to the structure stays valid this long.
PRO_INVITATION_VALIDITY = timedelta(days=7)

# Discovery search (youth app, pcapi-facts §6): radius around the chosen place, in km.
DEFAULT_RADIUS_KM = 50
MAX_RADIUS_KM = 100


# --- Reimbursement scale (rules P2, P3) ---


class ReimbursementBracket(NamedTuple):
    """The rates that apply while an establishment's yearly revenue stays within a bound."""

    upper_bound: int | None  # cents of revenue, bound included; None = no limit
    rate_bp: int  # basis points: 9500 = 95 %
    book_rate_bp: int  # books (subcategory reimbursement "book")


@dataclass(frozen=True)
class ReimbursementRuleSet:
    """A scale in force for bookings used from `valid_from` until `valid_until` (excluded).

    A new scale is a new entry here, with the previous one closed at its start: bookings
    used before the switch keep the rates of their time.
    """

    code: str  # recorded in each pricing (Pricing.rule)
    valid_from: datetime
    valid_until: datetime | None  # None = until further notice
    brackets: tuple[ReimbursementBracket, ...]  # by increasing bound, the last one unbounded


# P2: seed 002, "barème des remboursements", by establishment and calendar year.
REIMBURSEMENT_RULE_SETS: tuple[ReimbursementRuleSet, ...] = (
    ReimbursementRuleSet(
        code="bareme_2018",
        valid_from=datetime(2018, 1, 1, tzinfo=PARIS),
        valid_until=None,
        brackets=(
            ReimbursementBracket(20_000_00, 10_000, 10_000),
            ReimbursementBracket(40_000_00, 9_500, 9_500),
            ReimbursementBracket(150_000_00, 8_500, 9_500),
            ReimbursementBracket(None, 7_000, 9_500),
        ),
    ),
)
