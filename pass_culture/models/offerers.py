"""Structures (SIREN), their members, venues (SIRET) and bank accounts (rules O1–O7)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class ValidationStatus(StrEnum):
    PENDING = "pending"  # a new structure, not yet looked at (« Nouvelle »)
    ON_HOLD = "on_hold"  # put on hold by an admin (structures only; O3: still hidden)
    VALIDATED = "validated"
    REJECTED = "rejected"


class Offerer(SQLModel, table=True):
    __tablename__ = "offerers"
    __table_args__ = (
        CheckConstraint("length(siren) = 9", name="ck_offerers_siren_length"),
        CheckConstraint(
            "validation_status IN ('pending', 'on_hold', 'validated', 'rejected')",
            name="ck_offerers_validation_status",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=140)
    siren: str = Field(max_length=9, unique=True)
    address: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    validation_status: str = Field(default=ValidationStatus.PENDING, max_length=10, index=True)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    validated_at: datetime | None = utc_field()


class UserOfferer(SQLModel, table=True):
    """A pro's membership of a structure (rule O4: joining needs acceptance)."""

    __tablename__ = "user_offerers"
    __table_args__ = (
        UniqueConstraint("user_id", "offerer_id", name="uq_user_offerers_user_offerer"),
        CheckConstraint(
            "status IN ('pending', 'validated', 'rejected')", name="ck_user_offerers_status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    offerer_id: int = Field(foreign_key="offerers.id", index=True, ondelete="CASCADE")
    status: str = Field(default=ValidationStatus.PENDING, max_length=10, index=True)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    # A request's decision: when, by whom (an admin or a validated member), and why not.
    decided_at: datetime | None = utc_field()
    decided_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    refusal_reason: str | None = None


class ProInvitation(SQLModel, table=True):
    """A validated member's invitation of a colleague by email (single use, expiring); only
    the SHA-256 of the link's token is kept."""

    __tablename__ = "pro_invitations"

    id: int | None = Field(default=None, primary_key=True)
    offerer_id: int = Field(foreign_key="offerers.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=320)
    invited_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    expires_at: datetime = utc_field(nullable=False)
    used_at: datetime | None = utc_field()


class VenueType(StrEnum):
    BOOKSHOP = "bookshop"
    CINEMA = "cinema"
    THEATRE = "theatre"
    MUSEUM = "museum"
    MUSIC_VENUE = "music_venue"
    CONSERVATORY = "conservatory"
    LIBRARY = "library"
    HERITAGE = "heritage"
    FESTIVAL = "festival"
    RECORD_STORE = "record_store"
    ARTS_CENTRE = "arts_centre"
    DIGITAL = "digital"
    OTHER = "other"


class Venue(SQLModel, table=True):
    """A place that welcomes the public (SIRET), or a digital-only venue (no SIRET)."""

    __tablename__ = "venues"
    __table_args__ = (
        CheckConstraint("siret IS NULL OR length(siret) = 14", name="ck_venues_siret_length"),
        CheckConstraint(
            "NOT is_virtual OR (siret IS NULL AND latitude IS NULL AND longitude IS NULL)",
            name="ck_venues_virtual_has_no_place",
        ),
        CheckConstraint(
            "(latitude IS NULL) = (longitude IS NULL)", name="ck_venues_coordinates_pair"
        ),
        CheckConstraint(
            "latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)",
            name="ck_venues_coordinates_range",
        ),
        CheckConstraint(
            "siret IS NULL OR pricing_point_id IS NULL", name="ck_venues_siret_is_own_pricing_point"
        ),
        # The search's venues nearest first: a box read from the index alone.
        Index("ix_venues_location", "latitude", "longitude", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    offerer_id: int = Field(foreign_key="offerers.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=140)
    public_name: str | None = Field(default=None, max_length=255)
    siret: str | None = Field(default=None, max_length=14, unique=True)
    is_virtual: bool = False
    venue_type: str = Field(default=VenueType.OTHER, max_length=20)
    description: str | None = None
    address: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=100)
    department_code: str | None = Field(default=None, max_length=3, index=True)
    latitude: float | None = Field(default=None, index=True)
    longitude: float | None = None
    # Where bookings are notified (rule O6); the structure's contact otherwise.
    booking_email: str | None = Field(default=None, max_length=320)
    # How to collect a booking at the venue (opening hours, desk…), for every offer there.
    withdrawal_details: str | None = None
    # Accessibility (pcapi names): None = not said. The search filters on them.
    audio_disability_compliant: bool | None = None
    mental_disability_compliant: bool | None = None
    motor_disability_compliant: bool | None = None
    visual_disability_compliant: bool | None = None
    # A SIRET-less venue's revenue counts with this SIRET venue of the same structure (P2).
    pricing_point_id: int | None = Field(default=None, foreign_key="venues.id", index=True)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)

    @property
    def display_name(self) -> str:
        return self.public_name or self.name


class BankAccountStatus(StrEnum):
    DRAFT = "draft"  # filled in by the pro, not submitted yet
    PENDING = "pending"  # submitted: waiting for an admin
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class BankAccount(SQLModel, table=True):
    """IBAN/BIC of a structure with its proof document, accepted or rejected by an admin (O5)."""

    __tablename__ = "bank_accounts"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'pending', 'accepted', 'rejected')",
            name="ck_bank_accounts_status",
        ),
        CheckConstraint(
            "status != 'rejected' OR rejection_message IS NOT NULL",
            name="ck_bank_accounts_rejection_has_message",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    offerer_id: int = Field(foreign_key="offerers.id", index=True, ondelete="CASCADE")
    label: str = Field(max_length=100)
    iban: str = Field(max_length=34)
    bic: str = Field(max_length=11)
    status: str = Field(default=BankAccountStatus.DRAFT, max_length=10, index=True)
    proof_filename: str | None = Field(default=None, max_length=255)
    proof_path: str | None = Field(default=None, max_length=500)
    rejection_message: str | None = None
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    submitted_at: datetime | None = utc_field()  # the last « Soumettre »: the queue's order
    status_changed_at: datetime | None = utc_field()
    # An admin holds the account's payments (its bookings wait) until released.
    payments_held_at: datetime | None = utc_field()
    payments_hold_reason: str | None = None


class VenueBankAccountLink(SQLModel, table=True):
    """Which account a venue is paid on: one per venue (O5)."""

    __tablename__ = "venue_bank_account_links"

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venues.id", unique=True, ondelete="CASCADE")
    bank_account_id: int = Field(foreign_key="bank_accounts.id", index=True, ondelete="CASCADE")
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
