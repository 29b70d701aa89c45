"""Email outbox: written in the same transaction as the event, sent later by a job."""

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field

# The rows the sending job still has to look at (neither sent nor given up).
WAITING = "sent_at IS NULL AND failed_at IS NULL"


class EmailOutbox(SQLModel, table=True):
    __tablename__ = "email_outbox"
    __table_args__ = (
        Index(
            "ix_email_outbox_waiting",
            "id",
            sqlite_where=text(WAITING),
            postgresql_where=text(WAITING),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=320, index=True)
    subject: str = Field(max_length=255)
    body_text: str
    body_html: str | None = None
    template: str = Field(max_length=60)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    sent_at: datetime | None = utc_field(index=True)
    attempts: int = 0
    last_error: str | None = None
    # A sender owns the row until claimed_until (services/mail_delivery.py).
    claim_token: str | None = Field(default=None, max_length=32)
    claimed_until: datetime | None = utc_field()
    # After a temporary failure: not before this instant.
    next_attempt_at: datetime | None = utc_field()
    # Given up (permanent refusal or too many attempts); last_error says why.
    failed_at: datetime | None = utc_field()
