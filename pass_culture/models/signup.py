"""The emails of a young user's sign-up: verification links and notices to existing accounts."""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class SignupMail(SQLModel, table=True):
    """One sign-up email sent to an account; with a token hash, a verification link.

    Every row counts against the sending limits, whatever it said (services/signup.py).
    """

    __tablename__ = "signup_mails"
    __table_args__ = (Index("ix_signup_mails_user_created", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    # SHA-256 of the link's token; None for a notice "an account already exists".
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    expires_at: datetime | None = utc_field()
    used_at: datetime | None = utc_field()
