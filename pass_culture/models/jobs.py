"""Scheduler leadership lease and the history of job runs."""

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class SchedulerLease(SQLModel, table=True):
    """One row per lease name; the holder whose lease has not expired runs the jobs."""

    __tablename__ = "scheduler_leases"

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(max_length=100)
    expires_at: datetime = utc_field(nullable=False)


class JobRun(SQLModel, table=True):
    __tablename__ = "job_runs"
    __table_args__ = (
        CheckConstraint("status IN ('running', 'success', 'failure')", name="ck_job_runs_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    job_name: str = Field(max_length=60, index=True)
    holder: str = Field(max_length=100)
    status: str = Field(default="running", max_length=10)
    started_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    finished_at: datetime | None = utc_field()
    detail: str | None = None
