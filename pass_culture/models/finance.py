"""Reimbursement of pros: one pricing per used booking, grouped into payments (P1–P6)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class PricingStatus(StrEnum):
    VALIDATED = "validated"  # priced, waiting for a payment
    PAID = "paid"
    CLOSED = "closed"  # a free booking, settled by a payment run without a payment (P1)
    CANCELLED = "cancelled"  # the booking was undone before payment


class Pricing(SQLModel, table=True):
    """How much a used booking pays back to its establishment, and at which rate."""

    __tablename__ = "pricings"
    __table_args__ = (
        CheckConstraint(
            "status IN ('validated', 'paid', 'closed', 'cancelled')", name="ck_pricings_status"
        ),
        CheckConstraint("booking_amount >= 0", name="ck_pricings_booking_amount"),
        CheckConstraint("amount >= 0 AND amount <= booking_amount", name="ck_pricings_amount"),
        CheckConstraint("rate_bp >= 0 AND rate_bp <= 10000", name="ck_pricings_rate"),
        CheckConstraint("status != 'paid' OR payment_id IS NOT NULL", name="ck_pricings_paid"),
        # A booking is priced at most once at a time, so never paid twice (P5).
        Index(
            "uq_pricings_booking_live",
            "booking_id",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
            postgresql_where=text("status != 'cancelled'"),
        ),
        Index("ix_pricings_point_value_date", "pricing_point_id", "value_date"),
        # What is still to pay, by venue (payment runs, « À venir »): paid and closed
        # pricings stay out, so a run does not write a million entries in it.
        Index(
            "ix_pricings_to_pay",
            "venue_id",
            sqlite_where=text("status = 'validated'"),
            postgresql_where=text("status = 'validated'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="bookings.id")  # indexed by uq_pricings_booking_live
    # The establishment (SIRET venue) whose yearly revenue sets the rate (P2).
    pricing_point_id: int = Field(foreign_key="venues.id")
    venue_id: int = Field(foreign_key="venues.id", index=True)
    status: str = Field(default=PricingStatus.VALIDATED, max_length=10)
    booking_amount: int  # cents
    amount: int  # cents paid back to the pro
    rate_bp: int  # basis points: 9500 = 95 %
    rule: str = Field(max_length=60)
    value_date: datetime = utc_field(nullable=False)  # the booking's use date
    revenue_after: int  # cumulative yearly revenue of the establishment, this booking included
    payment_id: int | None = Field(default=None, foreign_key="payments.id", index=True)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)


class PaymentRunStatus(StrEnum):
    RUNNING = "running"  # started, or stopped half-way: the next start for its cut-off resumes it
    DONE = "done"


class PaymentRun(SQLModel, table=True):
    """One fortnight's payment run (P4): every payment of one cut-off, and its SEPA file."""

    __tablename__ = "payment_runs"
    __table_args__ = (
        CheckConstraint("status IN ('running', 'done')", name="ck_payment_runs_status"),
        CheckConstraint("period_start < cutoff", name="ck_payment_runs_period"),
        # One run at a time: a run stopped half-way must be finished before another starts.
        Index(
            "uq_payment_runs_one_running",
            "status",
            unique=True,
            sqlite_where=text("status = 'running'"),
            postgresql_where=text("status = 'running'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    # 00:00 Europe/Paris of this day: bookings used before it are paid by this run.
    cutoff: date = Field(unique=True)
    period_start: date  # the previous cut-off: the fortnight the statements name
    status: str = Field(default=PaymentRunStatus.RUNNING, max_length=10)
    started_by_user_id: int | None = Field(default=None, foreign_key="users.id")  # None: scheduler
    started_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    finished_at: datetime | None = utc_field()
    payment_count: int = 0
    booking_count: int = 0
    amount: int = 0  # cents, all payments of the run

    @property
    def label(self) -> str:
        """The transfer label, increasing from run to run (pcapi's « VIR<n> »)."""
        return f"VIR{self.id}"


class Payment(SQLModel, table=True):
    """One transfer to one bank account for one fortnight (P4)."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("bank_account_id", "cutoff", name="uq_payments_account_cutoff"),
        CheckConstraint("amount >= 0", name="ck_payments_amount"),
        CheckConstraint("period_start <= cutoff", name="ck_payments_period"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="payment_runs.id", index=True)
    bank_account_id: int = Field(foreign_key="bank_accounts.id", index=True)
    offerer_id: int = Field(foreign_key="offerers.id", index=True)
    period_start: date
    cutoff: date
    amount: int  # cents
    booking_count: int
    reference: str = Field(max_length=40, unique=True)  # « F26 » + 7 digits: the statement
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
