"""offerers: the « en attente » status an admin puts a structure in (on_hold)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 04:40:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ck_offerers_validation_status"
_BEFORE = "validation_status IN ('pending', 'validated', 'rejected')"
_AFTER = "validation_status IN ('pending', 'on_hold', 'validated', 'rejected')"


def _sqlite_swap(old: str, new: str) -> None:
    """SQLite cannot alter a CHECK, and copying offerers (batch mode) would drop its search
    trigger and, with foreign keys on, cascade the drop to the venues. The rewrite of the
    stored CREATE TABLE is SQLite's documented way to change a constraint that the rows
    already satisfy (https://www.sqlite.org/lang_altertable.html, « making other kinds of
    table schema changes »)."""
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
        (old, new, "offerers"),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _swap(old: str, new: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_swap(old, new)
    else:
        op.drop_constraint(_NAME, "offerers", type_="check")
        op.create_check_constraint(_NAME, "offerers", new)


def upgrade() -> None:
    _swap(_BEFORE, _AFTER)


def downgrade() -> None:
    op.execute("UPDATE offerers SET validation_status = 'pending' WHERE validation_status = 'on_hold'")
    _swap(_AFTER, _BEFORE)
