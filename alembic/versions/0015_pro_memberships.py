"""pro memberships: decisions on join requests (rule O4) and team invitations

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 04:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_offerers") as batch:
        batch.add_column(sa.Column("decided_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("decided_by_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("refusal_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch.create_foreign_key(
            op.f("fk_user_offerers_decided_by_id_users"),
            "users",
            ["decided_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_user_offerers_status"), ["status"], unique=False)
    op.create_table(
        "pro_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offerer_id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_pro_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["offerer_id"],
            ["offerers.id"],
            name=op.f("fk_pro_invitations_offerer_id_offerers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pro_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_pro_invitations_token_hash")),
    )
    op.create_index(
        op.f("ix_pro_invitations_offerer_id"), "pro_invitations", ["offerer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pro_invitations_offerer_id"), table_name="pro_invitations")
    op.drop_table("pro_invitations")
    with op.batch_alter_table("user_offerers") as batch:
        batch.drop_index(op.f("ix_user_offerers_status"))
        batch.drop_constraint(op.f("fk_user_offerers_decided_by_id_users"), type_="foreignkey")
        batch.drop_column("refusal_reason")
        batch.drop_column("decided_by_id")
        batch.drop_column("decided_at")
