"""Replicas starting together on an empty database: how many come up.

Each round makes an empty database (SQLite file, or a new database on the PostgreSQL
server in STUDYBOT_TEST_DATABASE_URL, as `tests/with_postgres.sh` sets it), starts
REPLICAS processes that each open it (migrating it if need be) at the same instant,
and counts the ones that exit 0.

    .venv/bin/python benchmarks/replicas_start.py --replicas 4 --rounds 5
    tests/with_postgres.sh .venv/bin/python benchmarks/replicas_start.py --replicas 4 --rounds 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.bot.store.test_migration_lock import START
from tests.databases import empty_database_url


def one_round(replicas: int) -> int:
    with tempfile.TemporaryDirectory() as folder, empty_database_url(Path(folder)) as url:
        go = Path(folder) / "go"
        started = [subprocess.Popen([sys.executable, "-c", START, url, str(go)], stderr=subprocess.DEVNULL,
                                    cwd=Path(__file__).parents[1]) for _ in range(replicas)]
        go.touch()
        return sum(process.wait(timeout=300) == 0 for process in started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicas", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    up = [one_round(args.replicas) for _ in range(args.rounds)]
    print(f"replicas per round: {args.replicas}; rounds: {args.rounds}; up per round: {up}; "
          f"rounds with all up: {sum(u == args.replicas for u in up)}/{args.rounds}")


if __name__ == "__main__":
    main()
