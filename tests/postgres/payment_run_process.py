"""A payment run in a process of its own, for the crash test to kill (SIGKILL) mid-way.

    python -m tests.postgres.payment_run_process DATABASE_URL CUTOFF NOW CHUNK_SIZE

Prints « start » once connected, just before the run, and « done » after it.
"""

import sys
from datetime import date, datetime

from pass_culture import db
from services import payouts


def main(url: str, cutoff: str, now: str, chunk_size: str) -> None:
    db.use_database(url)
    db.get_engine().connect().close()  # connected: what follows is the run alone
    print("start", flush=True)
    payouts.run_payments(
        date.fromisoformat(cutoff), now=datetime.fromisoformat(now), chunk_size=int(chunk_size)
    )
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
