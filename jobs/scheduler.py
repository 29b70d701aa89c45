"""The job scheduler: every backend process runs one; only the elected leader runs jobs.

Election: one row `scheduler_leases(name="main")`. Every `lease_seconds / 5` each process
takes or extends it with one conditional UPDATE (the holder is this process, or the lease
has expired), or an INSERT when the row is absent. The holder of an unexpired lease leads;
it renews long before expiry, so it keeps the lease while it lives, and when it dies
another process takes over once the lease has expired. Before each run the job checks
the lease again in the database, so a process that lost it (paused, cut off) runs
nothing. Process clocks must agree to well within the lease duration; jobs stay
idempotent and lock their rows, so a run overlapping a takeover does no harm.
"""

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import col, delete, or_, update

from jobs.registry import Job, close_interrupted_runs, load_jobs, run_job
from pass_culture import clock, db
from pass_culture.models import JobRun, SchedulerLease
from pass_culture.settings import get_settings

logger = logging.getLogger(__name__)

LEASE_NAME = "main"
RENEWALS_PER_LEASE = 5

# Test-only switch: with the election off every process behaves as the leader, which the
# scheduler tests use to prove they detect two leaders running jobs at once.
election_enabled = True


def new_holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def acquire_lease(
    holder: str, *, lease_seconds: float, now: datetime | None = None, name: str = LEASE_NAME
) -> bool:
    """Take or extend the lease when it is absent, expired or already ours; True if held."""
    now = now or clock.utcnow()
    expires_at = now + timedelta(seconds=lease_seconds)
    with db.transaction() as session:
        taken = session.exec(
            update(SchedulerLease)
            .where(
                col(SchedulerLease.name) == name,
                or_(col(SchedulerLease.holder) == holder, col(SchedulerLease.expires_at) <= now),
            )
            .values(holder=holder, expires_at=expires_at)
        )
        if taken.rowcount == 1:
            return True
        if session.get(SchedulerLease, name) is not None:
            return False
        try:
            with session.begin_nested():
                session.add(SchedulerLease(name=name, holder=holder, expires_at=expires_at))
        except IntegrityError:  # another process inserted the row since our UPDATE
            return False
    return True


def holds_lease(holder: str, *, now: datetime | None = None, name: str = LEASE_NAME) -> bool:
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        lease = session.get(SchedulerLease, name)
    return lease is not None and lease.holder == holder and lease.expires_at > now


def release_lease(holder: str, *, name: str = LEASE_NAME) -> None:
    """Give the lease up at once (clean shutdown); no effect when another process holds it."""
    with db.transaction() as session:
        session.exec(
            delete(SchedulerLease).where(
                col(SchedulerLease.name) == name, col(SchedulerLease.holder) == holder
            )
        )


class LeaderScheduler:
    """An APScheduler BackgroundScheduler (Europe/Paris) that runs its jobs only while this
    process holds the lease."""

    def __init__(
        self, jobs: Iterable[Job], *, holder: str | None = None, lease_seconds: float | None = None
    ):
        self.holder = holder or new_holder_id()
        self.lease_seconds = lease_seconds or get_settings().scheduler_lease_seconds
        self.is_leader = False
        self._scheduler = BackgroundScheduler(
            timezone=clock.PARIS,
            # The election has its own thread: long jobs never delay a renewal.
            executors={"default": ThreadPoolExecutor(4), "election": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self._scheduler.add_job(
            self.renew_lease,
            IntervalTrigger(seconds=self.lease_seconds / RENEWALS_PER_LEASE, timezone=clock.PARIS),
            id="election",
            executor="election",
            next_run_time=datetime.now(clock.PARIS),
        )
        for entry in jobs:
            self._scheduler.add_job(
                self.run_if_leader, entry.build_trigger(), args=[entry.name], id=entry.name
            )

    def renew_lease(self) -> bool:
        try:
            held = acquire_lease(self.holder, lease_seconds=self.lease_seconds)
        except SQLAlchemyError:
            logger.exception("scheduler lease: database error, not leading")
            held = False
        if held != self.is_leader:
            logger.info("scheduler %s %s", self.holder, "leads" if held else "no longer leads")
        if held and not self.is_leader:
            close_interrupted_runs(self.holder)
        self.is_leader = held
        return held

    def run_if_leader(self, name: str) -> JobRun | None:
        if election_enabled and not holds_lease(self.holder):
            return None
        return run_job(name, holder=self.holder)

    def start(self) -> None:
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop scheduling, wait for running jobs, then hand the lease over at once."""
        self._scheduler.shutdown(wait=True)
        self.is_leader = False
        release_lease(self.holder)


@contextlib.asynccontextmanager
async def scheduler_lifespan() -> AsyncIterator[None]:
    """Reflex lifespan task: the scheduler runs in each backend process while the app runs."""
    if not get_settings().scheduler_enabled:
        yield
        return
    scheduler = LeaderScheduler(load_jobs().values())
    scheduler.start()  # no database access here: the first election runs in its thread
    try:
        yield
    finally:
        await asyncio.to_thread(scheduler.shutdown)
