"""identity_checks: young users' identity documents reviewed by admins (or FranceConnect)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 04:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "identity_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("method", text(length=20), nullable=False),
        sa.Column("status", text(length=10), nullable=False),
        sa.Column("document_name", text(length=40), nullable=True),
        sa.Column("media_type", text(length=40), nullable=True),
        sa.Column("original_file_name", text(length=255), nullable=True),
        sa.Column("rejection_reason", text(length=1000), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "method IN ('document', 'france_connect')", name="ck_identity_checks_method"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="ck_identity_checks_status"
        ),
        sa.CheckConstraint(
            "method != 'document' OR (document_name IS NOT NULL AND media_type IS NOT NULL)",
            name="ck_identity_checks_document",
        ),
        sa.CheckConstraint(
            "status != 'rejected' OR rejection_reason IS NOT NULL",
            name="ck_identity_checks_reason",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_identity_checks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_identity_checks_decided_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_checks")),
    )
    op.create_index(
        op.f("ix_identity_checks_user_id"), "identity_checks", ["user_id"], unique=False
    )
    op.create_index(
        "ix_identity_checks_status_created", "identity_checks", ["status", "created_at"]
    )
    op.create_index(
        "uq_identity_checks_one_pending",
        "identity_checks",
        ["user_id"],
        unique=True,
        sqlite_where=_PENDING,
        postgresql_where=_PENDING,
    )


def downgrade() -> None:
    op.drop_index("uq_identity_checks_one_pending", table_name="identity_checks")
    op.drop_index("ix_identity_checks_status_created", table_name="identity_checks")
    op.drop_index(op.f("ix_identity_checks_user_id"), table_name="identity_checks")
    op.drop_table("identity_checks")
