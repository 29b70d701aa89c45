"""Scheduler: the database lease elects one leader among processes; jobs run and are recorded
only by it; registry and the first job (session purge)."""

import asyncio
import multiprocessing
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from jobs import registry, scheduler
from jobs.registry import Job, load_jobs, run_job
from jobs.scheduler import (
    LeaderScheduler,
    acquire_lease,
    holds_lease,
    release_lease,
    scheduler_lifespan,
)
from pass_culture import clock, db
from pass_culture.models import JobRun, SchedulerLease, UserSession
from pass_culture.settings import get_settings
from services.errors import NotFound
from tests.factories import make_offer, make_stock, make_user
from tests.postgres.race import run_together, widened_race_window

T0 = datetime(2026, 3, 28, 22, 30, tzinfo=UTC)
LEASE = 30
MICRO = timedelta(microseconds=1)
PROCESS_LEASE_SECONDS = 3
TICK_SECONDS = 0.2


@pytest.fixture
def fresh_settings():
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _register(monkeypatch, name: str, func) -> Job:
    entry = Job(name, "Tâche de test", func, "interval", {"seconds": TICK_SECONDS})
    monkeypatch.setitem(registry.JOBS, name, entry)
    return entry


def _lease() -> SchedulerLease | None:
    with db.transaction(write=False) as session:
        return session.get(SchedulerLease, scheduler.LEASE_NAME)


def _runs() -> list[JobRun]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(JobRun).order_by(col(JobRun.started_at))))


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _holder_sequence(runs: list[JobRun]) -> list[str]:
    """Holders in run order, consecutive repeats merged: [a, b] = a ran, then only b."""
    sequence: list[str] = []
    for run in runs:
        if not sequence or sequence[-1] != run.holder:
            sequence.append(run.holder)
    return sequence


# --- the lease --------------------------------------------------------------------------


def test_first_process_takes_the_absent_lease(database):
    assert acquire_lease("a", lease_seconds=LEASE, now=T0)
    lease = _lease()
    assert (lease.holder, lease.expires_at) == ("a", T0 + timedelta(seconds=LEASE))


def test_lease_is_held_until_the_instant_it_expires(database):
    acquire_lease("a", lease_seconds=LEASE, now=T0)
    expiry = T0 + timedelta(seconds=LEASE)
    assert holds_lease("a", now=expiry - MICRO)
    assert not holds_lease("a", now=expiry)
    assert not holds_lease("b", now=T0)


def test_renewal_extends_the_lease_and_keeps_others_out(database):
    acquire_lease("a", lease_seconds=LEASE, now=T0)
    assert acquire_lease("a", lease_seconds=LEASE, now=T0 + timedelta(seconds=10))
    expiry = T0 + timedelta(seconds=10 + LEASE)
    assert _lease().expires_at == expiry
    assert not acquire_lease("b", lease_seconds=LEASE, now=T0 + timedelta(seconds=LEASE))
    assert not acquire_lease("b", lease_seconds=LEASE, now=expiry - MICRO)
    assert _lease().holder == "a"


def test_another_process_takes_the_lease_once_expired(database):
    acquire_lease("a", lease_seconds=LEASE, now=T0)
    expiry = T0 + timedelta(seconds=LEASE)
    assert acquire_lease("b", lease_seconds=LEASE, now=expiry)
    assert not holds_lease("a", now=expiry)
    assert holds_lease("b", now=expiry)
    # The former holder does not get it back while the new lease runs.
    assert not acquire_lease("a", lease_seconds=LEASE, now=expiry + timedelta(seconds=1))


def test_release_frees_the_lease_only_for_its_holder(database):
    acquire_lease("a", lease_seconds=LEASE, now=T0)
    release_lease("b")
    assert _lease().holder == "a"
    release_lease("a")
    assert _lease() is None
    assert acquire_lease("b", lease_seconds=LEASE, now=T0)


def test_two_processes_inserting_the_absent_lease_at_once_one_wins(database):
    # Both find no row, then both insert: the unique key refuses the second one.
    with widened_race_window():
        outcomes = run_together(
            [lambda h=holder: acquire_lease(h, lease_seconds=LEASE, now=T0) for holder in "ab"]
        )
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    winners = ["ab"[i] for i, outcome in enumerate(outcomes) if outcome.result]
    assert len(winners) == 1
    assert _lease().holder == winners[0]


# --- the registry and job runs -------------------------------------------------------------


def test_run_job_records_a_successful_run(database, monkeypatch):
    _register(monkeypatch, "essai", lambda: "3 lignes traitées.")
    run = run_job("essai", holder="h")
    [stored] = _runs()
    assert (stored.id, stored.status, stored.detail, stored.holder) == (
        run.id,
        "success",
        "3 lignes traitées.",
        "h",
    )
    assert stored.started_at <= stored.finished_at


def test_a_failing_job_is_recorded_and_never_raises(database, monkeypatch):
    def broken() -> str:
        raise RuntimeError("plus de papier")

    _register(monkeypatch, "cassee", broken)
    run = run_job("cassee", holder="h")
    [stored] = _runs()
    assert run.status == stored.status == "failure"
    assert stored.detail == "RuntimeError: plus de papier"
    assert stored.finished_at is not None


def test_run_job_refuses_an_unknown_name(database):
    with pytest.raises(NotFound) as refused:
        run_job("inconnue", holder="h")
    assert refused.value.code == "job_inconnu"
    assert _runs() == []


def test_last_runs_gives_the_latest_run_of_each_job(database, monkeypatch):
    _register(monkeypatch, "un", lambda: "premier")
    _register(monkeypatch, "deux", lambda: "seul")
    run_job("un", holder="h")
    run_job("deux", holder="h")
    _register(monkeypatch, "un", lambda: "second")
    run_job("un", holder="h")
    latest = registry.last_runs()
    assert {name: run.detail for name, run in latest.items()} == {"un": "second", "deux": "seul"}


def test_registering_a_name_twice_or_a_bad_trigger_fails_at_import(monkeypatch):
    monkeypatch.setattr(registry, "JOBS", {})
    registry.job("double", "Première")(lambda: "")
    with pytest.raises(ValueError, match="twice"):
        registry.job("double", "Seconde")(lambda: "")
    with pytest.raises(ValueError, match="trigger"):
        registry.job("quand", "Jamais", trigger="date")(lambda: "")
    with pytest.raises(TypeError):
        registry.job("mauvais", "Argument inconnu", minuts=5)(lambda: "")


def test_interval_jobs_fire_on_fixed_wall_clock_times():
    # Every process computes the same fire times, whatever the moment it started.
    hourly = Job("h", "d", lambda: "", "interval", {"minutes": 60})
    trigger = hourly.build_trigger()
    paris = clock.PARIS
    assert trigger.get_next_fire_time(None, datetime(2026, 6, 1, 9, 59, 59, tzinfo=paris)) == (
        datetime(2026, 6, 1, 10, 0, tzinfo=paris)
    )
    assert hourly.schedule == "toutes les 60 min"
    assert Job("c", "d", lambda: "", "cron", {"hour": 3}).schedule == (
        "cron (hour=3), heure de Paris"
    )


def test_purge_sessions_job_deletes_expired_sessions(database):
    load_jobs()
    user = make_user()
    now = clock.utcnow()
    with db.transaction() as session:
        for token, expires_at in [
            ("expiree", now - timedelta(minutes=1)),
            ("vivante", now + timedelta(hours=1)),
        ]:
            session.add(
                UserSession(
                    token_hash=token, user_id=user.id, surface="youth", expires_at=expires_at
                )
            )
    run = run_job("purge_sessions", holder="h")
    assert run.status == "success"
    assert run.detail.endswith(": 1.")
    with db.transaction(write=False) as session:
        assert [s.token_hash for s in session.exec(select(UserSession))] == ["vivante"]


def test_refresh_search_index_job_rewrites_the_rows_the_clock_made_stale(database):
    load_jobs()
    now = clock.utcnow()
    concert = make_offer(subcategory_id="CONCERT")
    for starts in (now - timedelta(hours=1), now + timedelta(days=3)):
        make_stock(concert, beginning_at=starts, booking_limit_at=starts)

    first, second = (
        run_job("refresh_search_index", holder="h"),
        run_job("refresh_search_index", holder="h"),
    )

    assert (first.status, second.status) == ("success", "success")
    assert first.detail.endswith(": 1.")
    assert second.detail.endswith(": 0.")


# --- the scheduler in one process ---------------------------------------------------------


def test_a_process_without_the_lease_runs_nothing(database, monkeypatch):
    _register(monkeypatch, "essai", lambda: "fait")
    follower = LeaderScheduler([], holder="suiveur", lease_seconds=LEASE)
    acquire_lease("leader", lease_seconds=LEASE)
    assert follower.run_if_leader("essai") is None
    assert _runs() == []
    release_lease("leader")
    assert follower.renew_lease()
    assert follower.run_if_leader("essai").holder == "suiveur"


def test_a_process_that_lost_the_lease_stops_running(database, monkeypatch):
    _register(monkeypatch, "essai", lambda: "fait")
    former = LeaderScheduler([], holder="ancien", lease_seconds=LEASE)
    now = clock.utcnow()
    acquire_lease("ancien", lease_seconds=LEASE, now=now - timedelta(seconds=LEASE))
    former.is_leader = True  # it still believes it leads: its renewal is late
    assert acquire_lease("nouveau", lease_seconds=LEASE, now=now)
    assert former.run_if_leader("essai") is None
    assert _runs() == []


def test_scheduler_runs_jobs_while_leading_and_releases_the_lease_on_shutdown(
    database, monkeypatch
):
    entry = _register(monkeypatch, "essai", lambda: "fait")
    running = LeaderScheduler([entry], lease_seconds=1)
    running.start()
    try:
        assert _wait_for(lambda: len(_runs()) >= 2, timeout=10)
        assert running.is_leader
    finally:
        running.shutdown()
    assert _lease() is None
    assert {run.holder for run in _runs()} == {running.holder}


def test_lifespan_does_nothing_when_the_scheduler_is_disabled(
    database, monkeypatch, fresh_settings
):
    monkeypatch.setenv("SCHEDULER_ENABLED", "false")

    async def lifespan() -> None:
        async with scheduler_lifespan():
            await asyncio.sleep(0.3)

    asyncio.run(lifespan())
    assert _lease() is None


def test_lifespan_starts_the_scheduler_and_stops_it(database, monkeypatch, fresh_settings):
    monkeypatch.setenv("SCHEDULER_ENABLED", "true")
    monkeypatch.setenv("SCHEDULER_LEASE_SECONDS", "1")
    holders: list[str] = []

    async def lifespan() -> None:
        async with scheduler_lifespan():
            elected = await asyncio.to_thread(_wait_for, lambda: _lease() is not None, 10)
            assert elected
            holders.append(_lease().holder)

    asyncio.run(lifespan())
    assert holders and holders[0].count(":") == 2  # hostname:pid:random
    assert _lease() is None


# --- two real processes -------------------------------------------------------------------


def _scheduler_process(url: str, holder: str, election: bool, ready) -> None:
    """A whole scheduler process: elects, and every TICK_SECONDS runs a job that inserts
    a JobRun row, until it is killed."""
    db.use_database(url)
    scheduler.election_enabled = election
    registry.job("tic", "Tâche de test", seconds=TICK_SECONDS)(lambda: "tic")
    LeaderScheduler([registry.JOBS["tic"]], holder=holder).start()
    ready.set()
    time.sleep(60)


def _start_processes(election: bool) -> dict[str, multiprocessing.Process]:
    context = multiprocessing.get_context("spawn")
    processes, ready = {}, []
    for holder in ("processus-a", "processus-b"):
        started = context.Event()
        processes[holder] = context.Process(
            target=_scheduler_process,
            args=(db.database_url(), holder, election, started),
            daemon=True,
        )
        processes[holder].start()
        ready.append(started)
    for started in ready:
        assert started.wait(30), "processus planificateur non démarré"
    return processes


def _stop(processes) -> None:
    for process in processes.values():
        if process.is_alive():
            process.kill()
        process.join(10)


def test_only_the_elected_process_runs_jobs_and_another_takes_over_when_it_dies(
    database, monkeypatch
):
    monkeypatch.setenv("SCHEDULER_LEASE_SECONDS", str(PROCESS_LEASE_SECONDS))
    processes = _start_processes(election=True)
    try:
        time.sleep(1.5)
        leader = _lease().holder
        [follower] = set(processes) - {leader}
        processes[leader].kill()
        processes[leader].join(10)
        leader_expiry = _lease().expires_at  # the dead leader renews no more
        assert _wait_for(
            lambda: any(run.holder == follower for run in _runs()),
            timeout=3 * PROCESS_LEASE_SECONDS,
        ), "le second processus n'a pas pris le relais"
        time.sleep(2 * TICK_SECONDS)
    finally:
        _stop(processes)
    runs = _runs()
    assert _holder_sequence(runs) == [leader, follower]
    assert sum(run.holder == leader for run in runs) >= 3
    assert min(run.started_at for run in runs if run.holder == follower) >= leader_expiry


def test_without_the_election_both_processes_run_the_jobs(database, monkeypatch):
    # Proves the test above can fail: two leaders interleave their runs.
    monkeypatch.setenv("SCHEDULER_LEASE_SECONDS", str(PROCESS_LEASE_SECONDS))
    processes = _start_processes(election=False)
    try:
        time.sleep(1.5)
    finally:
        _stop(processes)
    assert len(_holder_sequence(_runs())) > 2


def test_a_new_leader_closes_the_runs_its_dead_predecessor_left_running(database):
    with db.transaction() as session:
        session.add(JobRun(job_name="expire_bookings", holder="dead:1:aa", started_at=T0))
        session.add(JobRun(job_name="price_bookings", holder="new:2:bb", started_at=T0))
    LeaderScheduler([], holder="new:2:bb", lease_seconds=LEASE).renew_lease()
    statuses = {run.holder: (run.status, run.detail) for run in _runs()}
    assert statuses["dead:1:aa"][0] == "failure"
    assert "Interrompue" in statuses["dead:1:aa"][1]
    assert statuses["new:2:bb"] == ("running", None)
