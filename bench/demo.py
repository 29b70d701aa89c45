"""How long the demo data takes to load into a fresh SQLite database (the README's
"run the app" command loads it on a first start).

    .venv/bin/python bench/demo.py [--runs 3]

Each run migrates a new database in a temporary folder, then times `load_demo`; the
baseline is the migration itself, measured in the same run. Target: ≤ 10 s.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pass_culture import db, migrations
from pass_culture.demo.loader import load_demo

TARGET_S = 10.0


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    migrate, load = [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            db.use_database(f"sqlite:///{Path(folder) / f'demo-{run}.db'}")
            try:
                migrate.append(_timed(migrations.upgrade))
                load.append(_timed(load_demo))
            finally:
                db.use_database(None)
    print(f"migrations (baseline) : médiane {statistics.median(migrate):.2f} s")
    print(
        f"load_demo             : médiane {statistics.median(load):.2f} s, pire {max(load):.2f} s"
    )
    met = max(load) <= TARGET_S
    print(f"objectif ≤ {TARGET_S:.0f} s : {'atteint' if met else 'MANQUÉ'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
