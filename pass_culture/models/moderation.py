"""Offer moderation (rule F12): the review rules admins edit, the matches that sent an
offer to manual review, and the append-only log of every admin action."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class ReviewRuleKind(StrEnum):
    PRICE_ABOVE = "price_above"  # value: a price in cents; strictly above sends to review
    WORD = "word"  # value: a word or phrase, looked for in the name and description
    SUBCATEGORY = "subcategory"  # value: a subcategory id


class OfferReviewRule(SQLModel, table=True):
    """An offer matching an active rule waits for an admin instead of being approved."""

    __tablename__ = "offer_review_rules"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('price_above', 'word', 'subcategory')", name="ck_offer_review_rules_kind"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    value: str = Field(max_length=140)
    is_active: bool = True
    created_by_id: int = Field(foreign_key="users.id")
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    updated_at: datetime = utc_field(nullable=False, default_factory=now_utc)


class OfferReviewMatch(SQLModel, table=True):
    """Why an offer was sent to review: the rule and what matched, worded when it matched
    (the rule may be edited later)."""

    __tablename__ = "offer_review_matches"

    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offers.id", index=True, ondelete="CASCADE")
    rule_id: int = Field(foreign_key="offer_review_rules.id", index=True)
    reason: str = Field(max_length=300)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)


class AdminAuditLog(SQLModel, table=True):
    """Who did what, when. Rows are never changed: database triggers refuse UPDATE and
    DELETE (migration 0009)."""

    __tablename__ = "admin_audit_log"
    __table_args__ = (Index("ix_admin_audit_log_action_at", "action", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    admin_user_id: int = Field(foreign_key="users.id", index=True)
    action: str = Field(max_length=40)
    target_type: str = Field(max_length=40)
    target_id: int
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = utc_field(nullable=False, index=True, default_factory=now_utc)
