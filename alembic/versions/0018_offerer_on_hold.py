"""offerers: the « en attente » status an admin puts a structure in (on_hold)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 04:40:00

"""

from collections.abc import Sequence

from alembic import op

from pass_culture.schema_checks import swap_check

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ck_offerers_validation_status"
_BEFORE = "validation_status IN ('pending', 'validated', 'rejected')"
_AFTER = "validation_status IN ('pending', 'on_hold', 'validated', 'rejected')"


# Not batch mode: copying offerers would drop its search trigger and cascade to the venues.


def upgrade() -> None:
    swap_check("offerers", _NAME, _BEFORE, _AFTER)


def downgrade() -> None:
    op.execute("UPDATE offerers SET validation_status = 'pending' WHERE validation_status = 'on_hold'")
    swap_check("offerers", _NAME, _AFTER, _BEFORE)
