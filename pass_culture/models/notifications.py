"""Email outbox: written in the same transaction as the event, sent later by a job."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class EmailOutbox(SQLModel, table=True):
    __tablename__ = "email_outbox"

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
