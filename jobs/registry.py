"""The scheduled jobs: a declarative registry, and running a job with its JobRun record.

Adding a job = one module in `jobs/` and one line in `JOB_MODULES`:

    # jobs/expire_bookings.py
    from jobs.registry import job
    from services import bookings

    @job("expire_bookings", "Annule les réservations non retirées", trigger="cron", hour=3)
    def expire_bookings() -> str:
        count = bookings.expire_overdue_bookings()
        return f"Réservations expirées : {count}."

The function takes no argument, calls one service function (the rule lives there) and
returns a short French summary, stored in `JobRun.detail` and printed by the CLI. It must
be idempotent: the elected scheduler runs it on its trigger (`interval` or `cron`, with
APScheduler's keyword arguments, Europe/Paris time) and anyone may run it again by hand
(`pass-culture jobs run <name>`).
"""

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlmodel import col, func, select, update

from pass_culture import clock, db
from pass_culture.models import JobRun
from services.errors import NotFound

logger = logging.getLogger(__name__)

JOB_MODULES = (
    "jobs.auto_validate_bookings",
    "jobs.expire_bookings",
    "jobs.pay_reimbursements",
    "jobs.price_bookings",
    "jobs.purge_booking_events",
    "jobs.purge_sessions",
    "jobs.refresh_search_index",
    "jobs.send_emails",
)

TRIGGERS = ("interval", "cron")
# Interval jobs fire at whole multiples of their interval since this instant (every hour on
# the hour…), whichever process leads: a restart or a takeover never postpones them.
INTERVAL_ANCHOR = datetime(2026, 1, 1, tzinfo=clock.PARIS)


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    func: Callable[[], str]
    trigger: str
    trigger_args: dict[str, object]

    def build_trigger(self) -> BaseTrigger:
        if self.trigger == "interval":
            return IntervalTrigger(
                **{"start_date": INTERVAL_ANCHOR, **self.trigger_args}, timezone=clock.PARIS
            )
        return CronTrigger(**self.trigger_args, timezone=clock.PARIS)

    @property
    def schedule(self) -> str:
        """The schedule in French, e.g. « toutes les 60 min »."""
        trigger = self.build_trigger()
        if isinstance(trigger, IntervalTrigger):
            return f"toutes les {_duration(trigger.interval)}"
        fields = ", ".join(f"{key}={value}" for key, value in self.trigger_args.items())
        return f"cron ({fields}), heure de Paris"


JOBS: dict[str, Job] = {}


def job(
    name: str, description: str, *, trigger: str = "interval", **trigger_args: object
) -> Callable[[Callable[[], str]], Callable[[], str]]:
    """Register the decorated function as the job `name`."""

    def register(func: Callable[[], str]) -> Callable[[], str]:
        if name in JOBS:
            raise ValueError(f"job {name!r} registered twice")
        if trigger not in TRIGGERS:
            raise ValueError(f"job {name!r}: unknown trigger {trigger!r}")
        entry = Job(name, description, func, trigger, dict(trigger_args))
        entry.build_trigger()  # bad trigger arguments fail at import, not at first run
        JOBS[name] = entry
        return func

    return register


def load_jobs() -> dict[str, Job]:
    """Import every job module (which registers its jobs) and return the registry."""
    for module in JOB_MODULES:
        importlib.import_module(module)
    return JOBS


def run_job(name: str, *, holder: str) -> JobRun:
    """Run a registered job now and record it; a failing job is logged, never raised."""
    entry = JOBS.get(name)
    if entry is None:
        raise NotFound("job_inconnu", f"Tâche inconnue : « {name} ».")
    with db.transaction() as session:
        run = JobRun(job_name=name, holder=holder, started_at=clock.utcnow())
        session.add(run)
    try:
        run.detail = entry.func()
        run.status = "success"
    except Exception as error:
        logger.exception("job %s failed", name)
        run.detail = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
        run.status = "failure"
    run.finished_at = clock.utcnow()
    with db.transaction() as session:
        session.add(run)
    return run


def close_interrupted_runs(leader: str, *, now: datetime | None = None) -> int:
    """Mark as failed the runs left "running" by processes that are no longer leader.

    Called when a process becomes leader: the previous leader died during those runs."""
    with db.transaction() as session:
        result = session.exec(
            update(JobRun)
            .where(col(JobRun.status) == "running", col(JobRun.holder) != leader)
            .values(
                status="failure",
                finished_at=now or clock.utcnow(),
                detail="Interrompue : le processus qui l'exécutait s'est arrêté.",
            )
        )
    return result.rowcount


def last_runs() -> dict[str, JobRun]:
    """The latest run of each job that ever ran, by job name."""
    latest_ids = select(func.max(JobRun.id)).group_by(JobRun.job_name)
    with db.transaction(write=False) as session:
        runs = session.exec(select(JobRun).where(col(JobRun.id).in_(latest_ids))).all()
    return {run.job_name: run for run in runs}


def _duration(delta: timedelta) -> str:
    seconds = delta.total_seconds()
    if seconds >= 2 * 3600 and seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    if seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s".replace(".", ",")
