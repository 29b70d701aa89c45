"""indexes of what is still open: bookings to process, pricings to pay; pricings' lone
booking_id index dropped (uq_pricings_booking_live serves every lookup by booking)

A payment run turns a fortnight's bookings « remboursée » and their pricings paid: each
row left in an index on status was one more entry written for it, and the indexes grew
with everything ever paid.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 19:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN_BOOKING = sa.text("status IN ('confirmed', 'used')")
_TO_PAY = sa.text("status = 'validated'")


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_status_used")
        batch_op.create_index(
            "ix_bookings_open_status_used",
            ["status", "used_at"],
            unique=False,
            sqlite_where=_OPEN_BOOKING,
            postgresql_where=_OPEN_BOOKING,
        )
    with op.batch_alter_table("pricings", schema=None) as batch_op:
        batch_op.drop_index("ix_pricings_status")
        batch_op.drop_index("ix_pricings_booking_id")
        batch_op.create_index(
            "ix_pricings_to_pay",
            ["venue_id"],
            unique=False,
            sqlite_where=_TO_PAY,
            postgresql_where=_TO_PAY,
        )


def downgrade() -> None:
    with op.batch_alter_table("pricings", schema=None) as batch_op:
        batch_op.drop_index("ix_pricings_to_pay")
        batch_op.create_index("ix_pricings_booking_id", ["booking_id"], unique=False)
        batch_op.create_index("ix_pricings_status", ["status"], unique=False)
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_open_status_used")
        batch_op.create_index("ix_bookings_status_used", ["status", "used_at"], unique=False)
