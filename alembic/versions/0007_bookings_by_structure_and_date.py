"""bookings: a structure's bookings most recent first (the pro's bookings list)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:40:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The new index starts with offerer_id: the one-column index adds nothing.
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_offerer_id")
        batch_op.create_index(
            "ix_bookings_offerer_created", ["offerer_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_offerer_created")
        batch_op.create_index("ix_bookings_offerer_id", ["offerer_id"], unique=False)
