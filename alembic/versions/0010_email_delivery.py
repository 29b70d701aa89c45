"""email_outbox: claims, retries and failures of the sending job

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 02:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = "sent_at IS NULL AND failed_at IS NULL"


def upgrade() -> None:
    op.add_column(
        "email_outbox",
        sa.Column("claim_token", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    )
    op.add_column("email_outbox", sa.Column("claimed_until", UTCDateTime(), nullable=True))
    op.add_column("email_outbox", sa.Column("next_attempt_at", UTCDateTime(), nullable=True))
    op.add_column("email_outbox", sa.Column("failed_at", UTCDateTime(), nullable=True))
    op.create_index(
        "ix_email_outbox_waiting",
        "email_outbox",
        ["id"],
        unique=False,
        sqlite_where=sa.text(WAITING),
        postgresql_where=sa.text(WAITING),
    )


def downgrade() -> None:
    op.drop_index("ix_email_outbox_waiting", table_name="email_outbox")
    with op.batch_alter_table("email_outbox", schema=None) as batch_op:
        batch_op.drop_column("failed_at")
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claim_token")
