"""Offers, their stocks (prices, places, dates) and the young users' favourites (F1–F12)."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class OfferStatus(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Offer(SQLModel, table=True):
    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint(
            "validation_status IN ('draft', 'pending', 'approved', 'rejected')",
            name="ck_offers_validation_status",
        ),
        CheckConstraint(
            "validation_status != 'rejected' OR rejection_reason IS NOT NULL",
            name="ck_offers_rejection_has_reason",
        ),
        UniqueConstraint("venue_id", "id_at_provider", name="uq_offers_venue_id_at_provider"),
        Index("ix_offers_venue_ean", "venue_id", "ean"),
        Index("ix_offers_venue_highlighted", "venue_id", "highlighted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venues.id", index=True, ondelete="CASCADE")
    subcategory_id: str = Field(max_length=60, index=True)
    name: str = Field(max_length=140)
    description: str | None = None
    image_url: str | None = Field(default=None, max_length=500)
    is_duo: bool = False
    is_national: bool = False
    url: str | None = Field(default=None, max_length=500)
    ean: str | None = Field(default=None, max_length=13)
    # Free details by subcategory: author, CLIL code, visa, language, duration…
    extra_data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    validation_status: str = Field(default=OfferStatus.DRAFT, max_length=10, index=True)
    rejection_reason: str | None = None
    is_active: bool = True
    # Set when an admin deactivated the offer (F12): the pro cannot switch it back on.
    deactivated_by_admin_at: datetime | None = utc_field()
    # Set when a provider (Allociné, Titelive…) created the offer.
    provider_id: int | None = Field(default=None, foreign_key="providers.id")
    id_at_provider: str | None = Field(default=None, max_length=70)
    # Fields the pro edited by hand, which an import must not overwrite (I1).
    fields_edited_by_pro: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # When the pro put the offer in the venue's carousel (rule F11); None: not put forward.
    highlighted_at: datetime | None = utc_field()
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    updated_at: datetime = utc_field(nullable=False, default_factory=now_utc)


class Stock(SQLModel, table=True):
    """A price and a number of places (or items), dated for events."""

    __tablename__ = "stocks"
    __table_args__ = (
        CheckConstraint("price >= 0 AND price <= 30000", name="ck_stocks_price_range"),
        CheckConstraint(
            "quantity IS NULL OR (quantity >= 0 AND quantity <= 1000000)",
            name="ck_stocks_quantity_range",
        ),
        CheckConstraint("booked_quantity >= 0", name="ck_stocks_booked_positive"),
        # Never oversold (rule F8), whatever the code does.
        CheckConstraint(
            "quantity IS NULL OR booked_quantity <= quantity", name="ck_stocks_booked_le_quantity"
        ),
        CheckConstraint(
            "booking_limit_at IS NULL OR beginning_at IS NULL OR booking_limit_at <= beginning_at",
            name="ck_stocks_limit_before_start",
        ),
        UniqueConstraint("offer_id", "id_at_provider", name="uq_stocks_offer_id_at_provider"),
        Index("ix_stocks_offer_beginning", "offer_id", "beginning_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offers.id", index=True, ondelete="CASCADE")
    price: int  # cents
    price_label: str | None = Field(default=None, max_length=50)
    quantity: int | None = None  # None = unlimited
    booked_quantity: int = 0
    beginning_at: datetime | None = utc_field()
    booking_limit_at: datetime | None = utc_field()
    is_soft_deleted: bool = False
    is_active: bool = True
    id_at_provider: str | None = Field(default=None, max_length=70)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    updated_at: datetime = utc_field(nullable=False, default_factory=now_utc)


class Favorite(SQLModel, table=True):
    __tablename__ = "favorites"
    __table_args__ = (UniqueConstraint("user_id", "offer_id", name="uq_favorites_user_offer"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    offer_id: int = Field(foreign_key="offers.id", index=True, ondelete="CASCADE")
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
