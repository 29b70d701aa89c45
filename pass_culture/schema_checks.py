"""Changing a CHECK constraint in a migration, on SQLite as on PostgreSQL."""

from alembic import op


def _sqlite_swap(table: str, old: str, new: str) -> None:
    """SQLite cannot alter a CHECK, and copying the table (batch mode) would drop its
    triggers and, with foreign keys on, cascade the drop to the rows that refer to it. The
    rewrite of the stored CREATE TABLE is SQLite's documented way to change a constraint
    that the rows already satisfy (https://www.sqlite.org/lang_altertable.html, « making
    other kinds of table schema changes »)."""
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
        (old, new, table),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def swap_check(table: str, name: str, old: str, new: str) -> None:
    """Replace the CHECK `name` of `table`, whose text is `old`, by `new`."""
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_swap(table, old, new)
    else:
        op.drop_constraint(name, table, type_="check")
        op.create_check_constraint(name, table, new)
