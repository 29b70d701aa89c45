"""The young user's culture credit (rules C1–C6)."""

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class Deposit(SQLModel, table=True):
    __tablename__ = "deposits"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="ck_deposits_amount_positive"),
        CheckConstraint("digital_cap IS NULL OR digital_cap >= 0", name="ck_deposits_digital_cap"),
        CheckConstraint(
            "physical_cap IS NULL OR physical_cap >= 0", name="ck_deposits_physical_cap"
        ),
        CheckConstraint("expires_at > created_at", name="ck_deposits_expiry_after_grant"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # One personal credit per young user (rule C1).
    user_id: int = Field(foreign_key="users.id", unique=True, ondelete="CASCADE")
    preset: str = Field(max_length=40)
    amount: int  # cents
    digital_cap: int | None = None  # cents; None = no cap
    physical_cap: int | None = None  # cents; None = no cap
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    expires_at: datetime = utc_field(nullable=False, index=True)
