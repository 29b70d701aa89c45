"""Offer feeds (Allociné, Titelive, Place des libraires) and the venues they sync (I1–I3)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class Provider(SQLModel, table=True):
    __tablename__ = "providers"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)  # "allocine", "titelive"…
    name: str = Field(max_length=100)
    is_active: bool = True


class VenueProvider(SQLModel, table=True):
    """A venue linked to a feed, with the pro's settings (single price, gauge, duo…)."""

    __tablename__ = "venue_providers"
    __table_args__ = (
        UniqueConstraint("venue_id", "provider_id", name="uq_venue_providers_venue_provider"),
    )

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venues.id", index=True, ondelete="CASCADE")
    provider_id: int = Field(foreign_key="providers.id", index=True)
    venue_id_at_provider: str = Field(max_length=70)
    is_active: bool = True
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    last_sync_at: datetime | None = utc_field()
    last_sync_report: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
