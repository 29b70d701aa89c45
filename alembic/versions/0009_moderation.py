"""moderation: offer review rules, the matches that sent an offer to review, and the
append-only admin audit log (triggers refuse UPDATE and DELETE on it)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 01:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime
from services import audit

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): SQLite keeps the search triggers on offers.
    op.add_column("offers", sa.Column("deactivated_by_admin_at", UTCDateTime(), nullable=True))
    op.create_table(
        "admin_audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("admin_user_id", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("target_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["admin_user_id"], ["users.id"], name=op.f("fk_admin_audit_log_admin_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_audit_log")),
    )
    with op.batch_alter_table("admin_audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_admin_audit_log_action_at", ["action", "at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_admin_audit_log_admin_user_id"), ["admin_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_admin_audit_log_at"), ["at"], unique=False)
    audit.install_guards(op.get_bind())

    op.create_table(
        "offer_review_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('price_above', 'word', 'subcategory')", name="ck_offer_review_rules_kind"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_offer_review_rules_created_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_review_rules")),
    )
    op.create_table(
        "offer_review_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_review_matches_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["offer_review_rules.id"],
            name=op.f("fk_offer_review_matches_rule_id_offer_review_rules"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_review_matches")),
    )
    with op.batch_alter_table("offer_review_matches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offer_review_matches_offer_id"), ["offer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offer_review_matches_rule_id"), ["rule_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("offer_review_matches")
    op.drop_table("offer_review_rules")
    audit.uninstall_guards(op.get_bind())
    op.drop_table("admin_audit_log")
    op.drop_column("offers", "deactivated_by_admin_at")
