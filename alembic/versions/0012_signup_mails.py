"""signup_mails: the verification links and notices of the young users' sign-up

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 02:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signup_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_signup_mails_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signup_mails")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_signup_mails_token_hash")),
    )
    op.create_index(
        "ix_signup_mails_user_created", "signup_mails", ["user_id", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_signup_mails_user_created", table_name="signup_mails")
    op.drop_table("signup_mails")
