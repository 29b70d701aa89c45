"""search: venues by location, read from the index alone

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:20:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.create_index("ix_venues_location", ["latitude", "longitude", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.drop_index("ix_venues_location")
