"""search: offers of an area by category, read from the index alone

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:10:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AREA_COLUMNS = ["cell", "category", "min_price", "stale_at", "first_date", "is_duo", "access"]
AREA_COLUMNS += ["is_event", "x", "y", "z", "latitude", "longitude"]


def upgrade() -> None:
    with op.batch_alter_table("search_offers", schema=None) as batch_op:
        batch_op.drop_index("ix_search_offers_cell")
        batch_op.create_index("ix_search_offers_area", AREA_COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("search_offers", schema=None) as batch_op:
        batch_op.drop_index("ix_search_offers_area")
        batch_op.create_index(
            "ix_search_offers_cell", ["cell", "category", "min_price"], unique=False
        )
