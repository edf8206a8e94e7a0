"""Replicas that start together on an empty database all come up: one migrates while
the others wait for it, then find the schema current."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.databases import empty_database_url

REPLICAS = 4
START = textwrap.dedent("""
    import asyncio, sys, time
    from pathlib import Path
    from bot.store.startup import DatabaseProblem, open_database

    async def main() -> None:
        go = Path(sys.argv[2])
        while not go.exists():  # every replica is ready before any opens the database
            time.sleep(0.005)
        try:
            await (await open_database(sys.argv[1])).close()
        except DatabaseProblem as problem:
            sys.exit(f"{problem} ({problem.__cause__!r})")

    asyncio.run(main())
""")


def test_replicas_starting_together_all_come_up(tmp_path: Path) -> None:
    go = tmp_path / "go"
    with empty_database_url(tmp_path) as url:
        replicas = [subprocess.Popen([sys.executable, "-c", START, url, str(go)], stderr=subprocess.PIPE,
                                     text=True, cwd=Path(__file__).parents[3]) for _ in range(REPLICAS)]
        go.touch()
        said = [replica.communicate(timeout=120)[1] for replica in replicas]
        assert [replica.returncode for replica in replicas] == [0] * REPLICAS, said
