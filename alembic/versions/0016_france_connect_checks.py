"""france_connect_checks: the young users' trips to FranceConnect (hashed state and nonce,
single use, expiry) and their outcome

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 04:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STRING = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "france_connect_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("state_hash", _STRING(length=64), nullable=False),
        sa.Column("nonce_hash", _STRING(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("outcome", _STRING(length=40), nullable=True),
        sa.Column("subject", _STRING(length=255), nullable=True),
        sa.Column("given_name", _STRING(length=255), nullable=True),
        sa.Column("family_name", _STRING(length=255), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_france_connect_checks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_france_connect_checks")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_france_connect_checks_state_hash")),
        sa.UniqueConstraint("subject", name=op.f("uq_france_connect_checks_subject")),
    )
    op.create_index(
        "ix_france_connect_checks_user_created",
        "france_connect_checks",
        ["user_id", "created_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_france_connect_checks_user_created", table_name="france_connect_checks")
    op.drop_table("france_connect_checks")
