"""bank_accounts: a draft status (filled in, not submitted yet) and the submission date

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 04:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = "status IN ('draft', 'pending', 'accepted', 'rejected')"
_OLD_STATUSES = "status IN ('pending', 'accepted', 'rejected')"


def upgrade() -> None:
    with op.batch_alter_table("bank_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submitted_at", UTCDateTime(), nullable=True))
        batch_op.drop_constraint("ck_bank_accounts_status", type_="check")
        batch_op.create_check_constraint("ck_bank_accounts_status", _STATUSES)
    # Accounts recorded before: they were submitted when created.
    op.execute("UPDATE bank_accounts SET submitted_at = created_at")


def downgrade() -> None:
    op.execute("UPDATE bank_accounts SET status = 'pending' WHERE status = 'draft'")
    with op.batch_alter_table("bank_accounts", schema=None) as batch_op:
        batch_op.drop_constraint("ck_bank_accounts_status", type_="check")
        batch_op.create_check_constraint("ck_bank_accounts_status", _OLD_STATUSES)
        batch_op.drop_column("submitted_at")
