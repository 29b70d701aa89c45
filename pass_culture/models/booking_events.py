"""The bookings' change log that feeds the pros' open pages (pass_culture/live.py).

Database triggers (migration 0014) write one row for every booking inserted and every
status change, whatever wrote it (a service, a job, the CLI, raw SQL), but for the change
to « remboursée »: the payment run writes one row per payment for it (migration 0021; a
run changes a fortnight's bookings at once, the pages re-read theirs). A short-lived log:
no foreign keys (writing it never waits on a lock, purging it needs no order) and the
purge job keeps one day.
"""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from pass_culture.models.types import utc_field


class BookingEventKind(StrEnum):
    CREATED = "created"
    # Then the booking's new status: confirmed again (a validation undone), used,
    # cancelled; reimbursed: one per payment, on one of its bookings.
    CONFIRMED = "confirmed"
    USED = "used"
    CANCELLED = "cancelled"
    REIMBURSED = "reimbursed"


class BookingEvent(SQLModel, table=True):
    __tablename__ = "booking_events"
    # Ids never reused on SQLite either (else an emptied log would restart at 1, below
    # where the listeners are).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    offerer_id: int
    venue_id: int
    booking_id: int
    kind: str = Field(max_length=12)
    at: datetime = utc_field(nullable=False, index=True)
