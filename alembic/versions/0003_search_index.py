"""search index: one row per visible offer, word postings by geographic cell, triggers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from pass_culture.models.types import UTCDateTime
from services import search_index

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_offers",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("subcategory_id", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("is_event", sa.Boolean(), nullable=False),
        sa.Column("is_duo", sa.Boolean(), nullable=False),
        sa.Column("access", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
        sa.Column("z", sa.Float(), nullable=True),
        sa.Column("cell", sa.Integer(), nullable=False),
        sa.Column("min_price", sa.Integer(), nullable=False),
        sa.Column("first_date", UTCDateTime(), nullable=True),
        sa.Column("stale_at", UTCDateTime(), nullable=True),
        sa.Column("words", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_search_offers_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("offer_id", name=op.f("pk_search_offers")),
    )
    with op.batch_alter_table("search_offers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_offers_venue",
            ["venue_id", "cell", "category", "stale_at", "min_price", "is_duo", "access"],
            unique=False,
        )
        batch_op.create_index(
            "ix_search_offers_cell", ["cell", "category", "min_price"], unique=False
        )
        batch_op.create_index(
            "ix_search_offers_category", ["category", "first_date", "offer_id"], unique=False
        )
        batch_op.create_index("ix_search_offers_date", ["first_date", "offer_id"], unique=False)
        batch_op.create_index("ix_search_offers_price", ["min_price", "offer_id"], unique=False)
    op.create_table(
        "search_words",
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cell", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("word", "cell", "offer_id", name=op.f("pk_search_words")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "search_vocabulary",
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_vocabulary")),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    # The postings as this revision made them (0004 adds the venue).
    search_index.install(connection, postings_by_venue=False)
    search_index.reindex_all(connection, postings_by_venue=False)


def downgrade() -> None:
    search_index.uninstall(op.get_bind())
    op.drop_table("search_vocabulary")
    op.drop_table("search_words")
    with op.batch_alter_table("search_offers", schema=None) as batch_op:
        batch_op.drop_index("ix_search_offers_price")
        batch_op.drop_index("ix_search_offers_date")
        batch_op.drop_index("ix_search_offers_category")
        batch_op.drop_index("ix_search_offers_cell")
        batch_op.drop_index("ix_search_offers_venue")
    op.drop_table("search_offers")
