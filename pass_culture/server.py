"""Runs the production build of the app in its own process group, for the browser tests
and the page benchmark: `reflex run --env prod` on one port, against a given database."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_SECONDS = 300


class ServerFailed(RuntimeError):
    """The app stopped or did not answer in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(
                f"L'application s'est arrêtée au démarrage :\n{log.read_text()[-4000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2):  # noqa: S310
                with urllib.request.urlopen(f"{url}/connexion/", timeout=2):  # noqa: S310
                    return
        except OSError:
            time.sleep(1)
    raise ServerFailed(f"L'application n'a pas démarré à temps :\n{log.read_text()[-4000:]}")


@contextmanager
def running_app(
    database_url: str, log: Path, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Starts the app, yields its URL once it answers, and stops its whole process group."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = (
        os.environ
        | {
            "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{os.environ['PATH']}",
            "REFLEX_USE_SYSTEM_BUN": "1",
            "REFLEX_CHECK_LATEST_VERSION": "0",
            "REFLEX_TELEMETRY_ENABLED": "false",
            "DATABASE_URL": database_url,
            "REFLEX_DB_URL": database_url,
            "SCHEDULER_ENABLED": "false",
            "PUBLIC_URL": url,
        }
        | (extra_env or {})
    )
    command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
    command += ["--frontend-port", str(port), "--backend-port", str(port)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
