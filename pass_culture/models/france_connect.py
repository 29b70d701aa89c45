"""FranceConnect identity checks of young users: one row per trip to the provider."""

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class FranceConnectCheck(SQLModel, table=True):
    """A sign-in at FranceConnect asked by a young user, and how it ended.

    Only hashes of the `state` and `nonce` sent to the provider are kept; the row is used
    once (`used_at`). On success it holds the identity certified by FranceConnect.
    """

    __tablename__ = "france_connect_checks"
    __table_args__ = (Index("ix_france_connect_checks_user_created", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    state_hash: str = Field(max_length=64, unique=True)
    nonce_hash: str = Field(max_length=64)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    expires_at: datetime = utc_field(nullable=False)
    used_at: datetime | None = utc_field()
    # "activated" or the refusal's code (services/france_connect.MESSAGES).
    outcome: str | None = Field(default=None, max_length=40)
    # FranceConnect's `sub`, set on success only: one identity activates one account.
    subject: str | None = Field(default=None, max_length=255, unique=True)
    given_name: str | None = Field(default=None, max_length=255)
    family_name: str | None = Field(default=None, max_length=255)
    birth_date: date | None = None
