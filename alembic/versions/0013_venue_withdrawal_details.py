"""venues: withdrawal details shown to the young users who booked there

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 02:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "venues",
        sa.Column("withdrawal_details", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    )


def downgrade() -> None:
    # Not a batch: rebuilding the table on SQLite would break the search triggers on it.
    op.drop_column("venues", "withdrawal_details")
