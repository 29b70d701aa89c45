"""payment_runs: the fortnight's payment runs; payments belong to one; pricings closed
without a payment (free bookings); bank accounts whose payments an admin holds

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 14:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime
from pass_culture.schema_checks import swap_check

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PRICING_CHECK = "ck_pricings_status"
_PRICING_BEFORE = "status IN ('validated', 'paid', 'cancelled')"
_PRICING_AFTER = "status IN ('validated', 'paid', 'closed', 'cancelled')"


def upgrade() -> None:
    op.create_table(
        "payment_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cutoff", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("started_by_user_id", sa.Integer(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("payment_count", sa.Integer(), nullable=False),
        sa.Column("booking_count", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('running', 'done')", name="ck_payment_runs_status"),
        sa.CheckConstraint("period_start < cutoff", name="ck_payment_runs_period"),
        sa.ForeignKeyConstraint(
            ["started_by_user_id"],
            ["users.id"],
            name=op.f("fk_payment_runs_started_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_runs")),
        sa.UniqueConstraint("cutoff", name=op.f("uq_payment_runs_cutoff")),
    )
    op.create_index(
        "uq_payment_runs_one_running",
        "payment_runs",
        ["status"],
        unique=True,
        sqlite_where=sa.text("status = 'running'"),
        postgresql_where=sa.text("status = 'running'"),
    )
    # No run was made before this revision: payments is empty, a required column fits.
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("run_id", sa.Integer(), nullable=False))
        batch_op.create_index(batch_op.f("ix_payments_run_id"), ["run_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_payments_run_id_payment_runs"), "payment_runs", ["run_id"], ["id"]
        )
    with op.batch_alter_table("bank_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payments_held_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("payments_hold_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    # Not batch mode for pricings: its partial unique index must survive as it is.
    swap_check("pricings", _PRICING_CHECK, _PRICING_BEFORE, _PRICING_AFTER)


def downgrade() -> None:
    op.execute("UPDATE pricings SET status = 'validated' WHERE status = 'closed'")
    swap_check("pricings", _PRICING_CHECK, _PRICING_AFTER, _PRICING_BEFORE)
    with op.batch_alter_table("bank_accounts", schema=None) as batch_op:
        batch_op.drop_column("payments_hold_reason")
        batch_op.drop_column("payments_held_at")
    op.execute("UPDATE pricings SET payment_id = NULL, status = 'validated' WHERE status = 'paid'")
    op.execute("UPDATE bookings SET status = 'used', reimbursed_at = NULL WHERE status = 'reimbursed'")
    op.execute("DELETE FROM payments")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_payments_run_id_payment_runs"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_payments_run_id"))
        batch_op.drop_column("run_id")
    op.drop_index("uq_payment_runs_one_running", table_name="payment_runs")
    op.drop_table("payment_runs")
