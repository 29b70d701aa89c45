"""search: venue accessibility

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 19:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACCESSIBILITY = (
    "audio_disability_compliant",
    "mental_disability_compliant",
    "motor_disability_compliant",
    "visual_disability_compliant",
)


def upgrade() -> None:
    with op.batch_alter_table("venues", schema=None) as batch_op:
        for name in _ACCESSIBILITY:
            batch_op.add_column(sa.Column(name, sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("venues", schema=None) as batch_op:
        for name in reversed(_ACCESSIBILITY):
            batch_op.drop_column(name)
