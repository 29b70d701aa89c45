"""Live bookings page under load: N real websocket clients on one structure's
/pro/reservations, the time from a booking's commit to its row reaching every client, the
database load while idle and the backend's memory per connected client.

    .venv/bin/python bench/live.py [--database URL] [--clients 1,50,200] [--bookings 10]

It starts the production build (as the browser tests do) on PostgreSQL (default
`postgresql://postgres@127.0.0.1:5432/pc_bench_live`, created when missing, migrated and
**emptied**), with one structure, its pros and a bookable stock. Each client speaks
Reflex's socket.io protocol like the browser (python-socketio's AsyncClient): it connects
with the boot event (hydrate and on_load of the page, the pro's session token as the
cookie var), and, as the page's hidden live element does, answers each new version of
the structure's bookings with `live_update`. For each number of clients, after all have
their rows:

- **idle database load**: the app's transactions per second over 20 s with nobody
  booking (each one's end seen in `pg_stat_activity`, sampled every 5 ms);
- **memory**: the backend's RSS (its whole process group) after the clients connected,
  minus before, per client;
- **latency**: the bench process books (`services.bookings.book`, another process than
  the app) one booking every 2 s; for each client, the time from the commit returning to
  the delta carrying the new row (p50, p95 over clients × bookings), and to the new
  version (the first hop: the listener's poll and push).

Targets: p95 ≤ 2 s at 200 clients; idle database load the same for 50 and 200 clients.
The load average is printed before and after: the machine is shared.
"""

import argparse
import asyncio
import os
import signal
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import psutil
import psycopg
import socketio
from sqlalchemy import text

from pass_culture import clock, db, migrations, server
from pass_culture.models import Surface
from services import auth, bookings
from tests import factories

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_db import ensure_database  # noqa: E402  (bench/bench_db.py)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/pc_bench_live"
NAMESPACE = "/_event"
PAGE = "/pro/reservations/"
PAGE_STATE = (
    "reflex___state____state.state___auth____pro_session"
    ".state___pro___bookings____pro_bookings_state"
)
VERSION_STATE = "reflex___state____state.state___pro___live____live_version"
SESSION_VAR = "reflex___state____state.state___auth____pro_session.session_token_rx_state_"
IDLE_SECONDS = 20
BOOKING_INTERVAL_S = 2.0
TARGET_P95_S = 2.0


class PageClient:
    """One open bookings page: a socket.io client as the browser's Reflex runtime."""

    def __init__(self, base_url: str, session_token: str):
        self.base_url = base_url
        self.session_token = session_token
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("event", self._on_update, namespace=NAMESPACE)
        self.row_ids: set[str] = set()
        self.loaded = asyncio.Event()
        self.version: int | None = None
        self.rows_at: dict[str, float] = {}  # booking id → when its row arrived
        self.version_at: dict[int, float] = {}  # version → when it arrived

    def _event(self, name: str, payload: dict) -> dict:
        return {
            "name": name,
            "payload": payload,
            "router_data": {"pathname": PAGE, "asPath": PAGE},
        }

    async def connect(self) -> None:
        boot = self._event(
            "reflex___state____state.hydrate_and_load", {"vars": {SESSION_VAR: self.session_token}}
        )
        await self.client.connect(
            f"{self.base_url}?token={uuid.uuid4()}",
            socketio_path="/_event",
            namespaces=[NAMESPACE],
            transports=["websocket"],
            auth={"event": boot},
            wait_timeout=30,
        )

    async def _on_update(self, update: dict) -> None:
        now = time.monotonic()
        delta = update.get("delta") or {}
        live = delta.get(VERSION_STATE, {})
        if "version_rx_state_" in live and live["version_rx_state_"] != self.version:
            self.version = live["version_rx_state_"]
            self.version_at.setdefault(self.version, now)
            # What the page's hidden element does when the version changes.
            await self.client.emit(
                "event",
                self._event(f"{PAGE_STATE}.live_update", {"version": self.version}),
                namespace=NAMESPACE,
            )
        page = delta.get(PAGE_STATE, {})
        if "rows_rx_state_" in page:
            ids = {row["id"] for row in page["rows_rx_state_"]}
            for new_id in ids - self.row_ids:
                self.rows_at.setdefault(new_id, now)
            self.row_ids = ids
            self.loaded.set()

    async def close(self) -> None:
        await self.client.disconnect()


def _prepare(url: str, clients: int, bookings_count: int):
    """An emptied database with one structure, its pros' sessions and a stock."""
    ensure_database(url)
    db.use_database(url)
    with db.get_engine().begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrations.upgrade()
    offerer = factories.make_offerer(name="Théâtre du banc d'essai")
    pros = [factories.make_pro(offerer) for _ in range(10)]
    venue = factories.make_venue(offerer, public_name="Grande salle")
    offer = factories.make_offer(venue, name="Le Misanthrope")
    stock = factories.make_stock(offer, price=10_00, quantity=None)
    sessions = [
        auth.login(pros[i % len(pros)].email, factories.PASSWORD, Surface.PRO)[0]
        for i in range(clients)
    ]
    runs = 4 * bookings_count  # every run books with fresh young users
    young = [
        factories.make_beneficiary(granted_at=clock.utcnow() - timedelta(days=5))[0].id
        for _ in range(runs)
    ]
    return sessions, stock.id, young


IDLE_CONNECTIONS = (
    "SELECT pid, state_change FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND state = 'idle'"
)


def _idle_load(seconds: float) -> float:
    """The app's database transactions per second: each one ends with its connection
    turning idle, which `pg_stat_activity` shows (sampled every 5 ms; the app's
    transactions are far apart). `pg_stat_database`'s counters would do, but backends
    report them up to seconds late, mixing the page loads before the window in."""
    url = "postgresql://" + db.database_url().split("://", 1)[1]
    with psycopg.connect(url, autocommit=True) as connection:
        before = set(connection.execute(IDLE_CONNECTIONS).fetchall())  # ended earlier
        ended: set[tuple] = set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ended.update(connection.execute(IDLE_CONNECTIONS).fetchall())
            time.sleep(0.005)
    return len(ended - before) / seconds


def _backend_rss(group: int) -> int:
    total = 0
    for process in psutil.process_iter(["pid"]):
        try:
            if os.getpgid(process.pid) == group:
                total += process.memory_info().rss
        except (psutil.Error, ProcessLookupError):
            continue
    return total


def _app_group(url: str) -> int:
    """The process group of the app serving `url` (started by server.running_app)."""
    port = int(url.rsplit(":", 1)[1])
    for connection in psutil.net_connections("tcp"):
        if connection.status == "LISTEN" and connection.laddr.port == port and connection.pid:
            return os.getpgid(connection.pid)
    raise SystemExit("Processus de l'application introuvable.")


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _run(app_url: str, group: int, sessions, n: int, stock_id: int, young, count: int):
    rss_before = _backend_rss(group)
    clients = [PageClient(app_url, token) for token in sessions[:n]]
    started = time.monotonic()
    for batch in range(0, n, 25):  # a few at a time, as pages open in real life
        await asyncio.gather(*(c.connect() for c in clients[batch : batch + 25]))
    await asyncio.wait_for(asyncio.gather(*(c.loaded.wait() for c in clients)), 120)
    connect_s = time.monotonic() - started
    await asyncio.sleep(2)
    rss_after = _backend_rss(group)

    idle_tps = await asyncio.to_thread(_idle_load, IDLE_SECONDS)

    row_latencies, version_latencies = [], []
    for _ in range(count):
        booking = await asyncio.to_thread(bookings.book, young.pop(), stock_id)
        committed = time.monotonic()
        await asyncio.sleep(BOOKING_INTERVAL_S)
        key = str(booking.id)
        missing = sum(1 for c in clients if key not in c.rows_at)
        if missing:
            print(f"  réservation {booking.id} : {missing} clients sans la ligne après 2 s")
        for client in clients:
            if key in client.rows_at:
                row_latencies.append(client.rows_at[key] - committed)
            arrivals = [t for t in client.version_at.values() if t >= committed]
            if arrivals:
                version_latencies.append(min(arrivals) - committed)
    # Late rows (after the 2 s window) still count, at their real latency.
    await asyncio.sleep(3)
    await asyncio.gather(*(c.close() for c in clients))
    return {
        "clients": n,
        "connect_s": connect_s,
        "idle_tps": idle_tps,
        "rss_per_client_kb": (rss_after - rss_before) / n / 1024,
        "rss_mb": rss_after / 2**20,
        "rows": row_latencies,
        "versions": version_latencies,
        "expected": n * count,
    }


def _report(result: dict) -> None:
    rows, versions = result["rows"], result["versions"]
    line = (
        f"{result['clients']:>4} clients | connexion {result['connect_s']:5.1f} s | "
        f"base au repos {result['idle_tps']:5.2f} tx/s | "
        f"RSS {result['rss_mb']:6.0f} Mo, {result['rss_per_client_kb']:6.0f} Ko/client | "
    )
    if rows:
        line += (
            f"ligne p50 {statistics.median(rows):.3f} s p95 {_quantile(rows, 0.95):.3f} s "
            f"max {max(rows):.3f} s ({len(rows)}/{result['expected']}) | "
            f"version p50 {statistics.median(versions):.3f} s p95 "
            f"{_quantile(versions, 0.95):.3f} s"
        )
    print(line, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--clients", default="1,50,200")
    parser.add_argument("--bookings", type=int, default=10)
    args = parser.parse_args()
    counts = [int(n) for n in args.clients.split(",")]
    if not args.database.startswith("postgresql"):
        raise SystemExit(
            "bench/live.py mesure la charge sur PostgreSQL : --database postgresql://…"
        )

    print(f"Charge moyenne au début : {os.getloadavg()}")
    sessions, stock_id, young = _prepare(args.database, max(counts), args.bookings)
    log = server.ROOT / "test-artifacts" / "bench-live.log"
    results = []
    with server.running_app(args.database, log) as app_url:
        group = _app_group(app_url)
        print(f"Application : {app_url} (RSS {_backend_rss(group) / 2**20:.0f} Mo)", flush=True)
        idle_tps = _idle_load(IDLE_SECONDS)
        print(f"   0 client  | base au repos {idle_tps:5.2f} tx/s", flush=True)
        for n in counts:
            result = asyncio.run(_run(app_url, group, sessions, n, stock_id, young, args.bookings))
            _report(result)
            results.append(result)
    print(f"Charge moyenne à la fin : {os.getloadavg()}")

    last = results[-1]
    p95 = _quantile(last["rows"], 0.95) if last["rows"] else float("inf")
    idle = ", ".join(f"{r['idle_tps']:.2f}" for r in results)
    print(
        f"Objectifs : p95 ≤ {TARGET_P95_S} s à {last['clients']} clients : "
        f"{'atteint' if p95 <= TARGET_P95_S else 'MANQUÉ'} ({p95:.3f} s) ; "
        f"charge au repos selon le nombre de clients : {idle} tx/s"
    )
    return 0 if p95 <= TARGET_P95_S else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sys.exit(main())
