"""The discovery search index: one row per offer young users may see, kept by triggers.

`search_offers` holds an offer when its structure is validated, the offer approved and
active, and at least one of its stocks active, not deleted and not sold out (rules O3, F9
without the clock). What depends on the clock (booking limit, event start) is checked at
query time: `stale_at` is the first moment one of those stocks stops being bookable, and
a row past it is checked against its stocks. Triggers on offerers, venues, offers and
stocks rewrite the rows in the transaction that changes them (services/search_index.py).

`search_words` is the free-text index: one row per (word, geographic cell, venue, offer),
so that "text ∩ area" is one range of one B-tree on every database.
"""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from pass_culture.models.types import utc_field


class SearchOffer(SQLModel, table=True):
    __tablename__ = "search_offers"
    __table_args__ = (
        # Venue-first: the offers of the nearest venues, counted from the index alone.
        Index(
            "ix_search_offers_venue",
            "venue_id",
            "cell",
            "category",
            "stale_at",
            "min_price",
            "is_duo",
            "access",
        ),
        # Category-first within an area, every column the search reads or filters on:
        # enumerating a category never visits the rows. National and digital offers (cell -1).
        Index(
            "ix_search_offers_area",
            "cell",
            "category",
            "min_price",
            "stale_at",
            "first_date",
            "is_duo",
            "access",
            "is_event",
            "x",
            "y",
            "z",
            "latitude",
            "longitude",
        ),
        # Category-first everywhere, by date.
        Index("ix_search_offers_category", "category", "first_date", "offer_id"),
        Index("ix_search_offers_date", "first_date", "offer_id"),
        Index("ix_search_offers_price", "min_price", "offer_id"),
    )

    offer_id: int = Field(primary_key=True, foreign_key="offers.id", ondelete="CASCADE")
    venue_id: int
    category: str = Field(max_length=40)  # search category id (services/search_categories)
    subcategory_id: str = Field(max_length=60)
    is_event: bool
    is_duo: bool
    access: int  # venue accessibility flags: 1 visual, 2 mental, 4 motor, 8 audio
    latitude: float | None = None  # the venue's; None for national and digital offers
    longitude: float | None = None
    # Unit vector of the venue on the sphere: a distance test is one dot product.
    x: float | None = None
    y: float | None = None
    z: float | None = None
    cell: int  # geographic cell of the venue (0.1°), -1 = matches every location
    min_price: int  # cents, over the stocks kept
    first_date: datetime | None = utc_field()  # earliest start of the stocks kept
    stale_at: datetime | None = utc_field()  # first booking limit / start among them
    words: str  # " word word … ": the folded text of name, author, performer, venue


class SearchWord(SQLModel, table=True):
    """Posting list of the free text: a word, the offer's cell and venue, the offer.

    One range of its primary key answers "this word, in these cells" (text ∩ area) and
    "this word, at these venues" (counting venue by venue without reading the offers)."""

    __tablename__ = "search_words"
    __table_args__ = {"sqlite_with_rowid": False}

    word: str = Field(primary_key=True)
    cell: int = Field(primary_key=True)
    venue_id: int = Field(primary_key=True)
    offer_id: int = Field(primary_key=True)


class SearchVocabulary(SQLModel, table=True):
    """Every word ever indexed: prefixes while typing, candidates for a typo."""

    __tablename__ = "search_vocabulary"
    __table_args__ = {"sqlite_with_rowid": False}

    word: str = Field(primary_key=True)
