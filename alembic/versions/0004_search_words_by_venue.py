"""search: postings by venue too (count venue by venue from the postings alone)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 20:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from services import search_index

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _words_table(by_venue: bool) -> None:
    columns = [
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cell", sa.Integer(), nullable=False),
    ]
    key = ["word", "cell"]
    if by_venue:
        columns.append(sa.Column("venue_id", sa.Integer(), nullable=False))
        key.append("venue_id")
    columns.append(sa.Column("offer_id", sa.Integer(), nullable=False))
    key.append("offer_id")
    op.create_table(
        "search_words",
        *columns,
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_search_words")),
        sqlite_with_rowid=False,
    )


def _rebuild(by_venue: bool) -> None:
    connection = op.get_bind()
    search_index.uninstall(connection)
    op.drop_table("search_words")
    _words_table(by_venue)
    search_index.install(connection, postings_by_venue=by_venue)
    search_index.reindex_all(connection, postings_by_venue=by_venue)


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
