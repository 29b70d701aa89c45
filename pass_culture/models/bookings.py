"""Bookings and their codes ("contremarques", rules B1–B11)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class BookingStatus(StrEnum):
    CONFIRMED = "confirmed"
    USED = "used"
    CANCELLED = "cancelled"
    REIMBURSED = "reimbursed"


class CancellationReason(StrEnum):
    BENEFICIARY = "beneficiary"
    OFFERER = "offerer"
    EXPIRED = "expired"
    FRAUD = "fraud"


class ValidationAuthor(StrEnum):
    PRO = "pro"
    AUTO = "auto"
    API = "api"


ACTIVE_BOOKING = "status IN ('confirmed', 'used', 'reimbursed')"
OPEN_BOOKING = "status IN ('confirmed', 'used')"


class Booking(SQLModel, table=True):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(
            "status IN ('confirmed', 'used', 'cancelled', 'reimbursed')",
            name="ck_bookings_status",
        ),
        CheckConstraint("quantity IN (1, 2)", name="ck_bookings_quantity"),
        CheckConstraint("amount >= 0", name="ck_bookings_amount_positive"),
        CheckConstraint("length(code) = 6", name="ck_bookings_code_length"),
        CheckConstraint(
            "status NOT IN ('used', 'reimbursed') OR used_at IS NOT NULL",
            name="ck_bookings_used_has_date",
        ),
        CheckConstraint(
            "status != 'cancelled' OR "
            "(cancelled_at IS NOT NULL AND cancellation_reason IS NOT NULL)",
            name="ck_bookings_cancelled_has_reason",
        ),
        CheckConstraint(
            "cancellation_reason IS NULL OR "
            "cancellation_reason IN ('beneficiary', 'offerer', 'expired', 'fraud')",
            name="ck_bookings_cancellation_reason",
        ),
        CheckConstraint(
            "validation_author IS NULL OR validation_author IN ('pro', 'auto', 'api')",
            name="ck_bookings_validation_author",
        ),
        # One active booking per user per offer (rule B1).
        Index(
            "uq_bookings_user_offer_active",
            "user_id",
            "offer_id",
            unique=True,
            sqlite_where=text(ACTIVE_BOOKING),
            postgresql_where=text(ACTIVE_BOOKING),
        ),
        Index("ix_bookings_venue_created", "venue_id", "created_at"),
        # The pro's bookings list: a structure's bookings, most recent first.
        Index("ix_bookings_offerer_created", "offerer_id", "created_at"),
        # What the jobs still process (validate, expire, price: B7, B8, P3). Reimbursed and
        # cancelled bookings, most of the table in time, stay out: a payment run does not
        # write a million entries in it.
        Index(
            "ix_bookings_open_status_used",
            "status",
            "used_at",
            sqlite_where=text(OPEN_BOOKING),
            postgresql_where=text(OPEN_BOOKING),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=6, unique=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    deposit_id: int | None = Field(default=None, foreign_key="deposits.id", index=True)
    stock_id: int = Field(foreign_key="stocks.id", index=True)
    # Copied from the stock for the per-offer, per-venue and per-structure queries.
    offer_id: int = Field(foreign_key="offers.id", index=True)
    venue_id: int = Field(foreign_key="venues.id")
    offerer_id: int = Field(foreign_key="offerers.id")
    quantity: int = 1
    amount: int  # cents debited: unit price × quantity (rule C2)
    status: str = Field(default=BookingStatus.CONFIRMED, max_length=12)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    # Until when the young user may cancel (rule B5), computed at booking time.
    cancellation_limit_at: datetime | None = utc_field()
    used_at: datetime | None = utc_field()
    validation_author: str | None = Field(default=None, max_length=10)
    validated_by_user_id: int | None = Field(default=None, foreign_key="users.id")
    cancelled_at: datetime | None = utc_field()
    cancellation_reason: str | None = Field(default=None, max_length=12)
    cancellation_comment: str | None = None
    reimbursed_at: datetime | None = utc_field()
    expiry_reminder_sent_at: datetime | None = utc_field()
