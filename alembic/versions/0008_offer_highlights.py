"""offers: the pro's highlights in the venue's carousel (rule F11)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): SQLite keeps the search triggers on offers.
    op.add_column("offers", sa.Column("highlighted_at", UTCDateTime(), nullable=True))
    op.create_index(
        "ix_offers_venue_highlighted", "offers", ["venue_id", "highlighted_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_offers_venue_highlighted", table_name="offers")
    op.drop_column("offers", "highlighted_at")
