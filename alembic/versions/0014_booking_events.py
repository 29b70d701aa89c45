"""booking_events: one row per booking inserted or status changed, written by triggers
(the pros' live bookings pages)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 01:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite keeps UTC datetimes as "YYYY-MM-DD HH:MM:SS.ffffff" text (UTCDateTime); %f
# gives milliseconds only, hence the three zeros.
_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"
_SQLITE_INSERT = (
    "INSERT INTO booking_events (offerer_id, venue_id, booking_id, kind, at) "
    "VALUES (NEW.offerer_id, NEW.venue_id, NEW.id, {kind}, " + _SQLITE_NOW + ");"
)
SQLITE_DDL = (
    "CREATE TRIGGER booking_events_insert AFTER INSERT ON bookings BEGIN\n"
    + _SQLITE_INSERT.format(kind="'created'")
    + "\nEND",
    "CREATE TRIGGER booking_events_update AFTER UPDATE OF status ON bookings "
    "WHEN OLD.status IS NOT NEW.status BEGIN\n"
    + _SQLITE_INSERT.format(kind="NEW.status")
    + "\nEND",
)
POSTGRESQL_DDL = (
    """CREATE FUNCTION booking_events_emit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO booking_events (offerer_id, venue_id, booking_id, kind, at)
  VALUES (NEW.offerer_id, NEW.venue_id, NEW.id,
          CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE NEW.status END, now());
  RETURN NULL;
END $$""",
    "CREATE TRIGGER booking_events_insert AFTER INSERT ON bookings "
    "FOR EACH ROW EXECUTE FUNCTION booking_events_emit()",
    "CREATE TRIGGER booking_events_update AFTER UPDATE OF status ON bookings "
    "FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) "
    "EXECUTE FUNCTION booking_events_emit()",
)


def upgrade() -> None:
    op.create_table(
        "booking_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offerer_id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_events")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("booking_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_events_at"), ["at"], unique=False)
    ddl = SQLITE_DDL if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DDL
    for statement in ddl:
        op.execute(statement)


def downgrade() -> None:
    on_sqlite = op.get_bind().dialect.name == "sqlite"
    for trigger in ("booking_events_update", "booking_events_insert"):
        op.execute(f"DROP TRIGGER {trigger}" + ("" if on_sqlite else " ON bookings"))
    if not on_sqlite:
        op.execute("DROP FUNCTION booking_events_emit()")
    with op.batch_alter_table("booking_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_events_at"))
    op.drop_table("booking_events")
