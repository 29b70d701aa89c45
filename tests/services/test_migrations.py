"""The schema is made by the migrations only, and they agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from pass_culture import db, migrations


def test_autogenerate_finds_no_difference(database):
    with db.get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_downgrade_to_base_then_upgrade_again(database):
    migrations.downgrade("base")
    assert set(inspect(db.get_engine()).get_table_names()) <= {"alembic_version"}
    migrations.upgrade()
    tables = set(inspect(db.get_engine()).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
