"""Young users' identity checks: a document an admin reviews, or FranceConnect."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class IdentityMethod(StrEnum):
    DOCUMENT = "document"
    FRANCE_CONNECT = "france_connect"


class IdentityStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class IdentityCheck(SQLModel, table=True):
    """One try at proving who a young user is; the credit comes with the approved one."""

    __tablename__ = "identity_checks"
    __table_args__ = (
        CheckConstraint(
            "method IN ('document', 'france_connect')", name="ck_identity_checks_method"
        ),
        CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="ck_identity_checks_status"
        ),
        CheckConstraint(
            "method != 'document' OR (document_name IS NOT NULL AND media_type IS NOT NULL)",
            name="ck_identity_checks_document",
        ),
        CheckConstraint(
            "status != 'rejected' OR rejection_reason IS NOT NULL",
            name="ck_identity_checks_reason",
        ),
        # At most one check waiting per young user, whatever two tabs send at once.
        Index(
            "uq_identity_checks_one_pending",
            "user_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_identity_checks_status_created", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    method: str = Field(max_length=20)
    status: str = Field(max_length=10, default=IdentityStatus.PENDING)
    # The stored file (services/documents.py, kind "identity"): its random name, its type
    # read from the content, and the name the young user's device gave it.
    document_name: str | None = Field(default=None, max_length=40)
    media_type: str | None = Field(default=None, max_length=40)
    original_file_name: str | None = Field(default=None, max_length=255)
    rejection_reason: str | None = Field(default=None, max_length=1000)
    decided_by_id: int | None = Field(default=None, foreign_key="users.id")
    decided_at: datetime | None = utc_field()
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
