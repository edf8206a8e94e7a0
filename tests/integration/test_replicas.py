"""Two real scheduler processes on one real PostgreSQL: every group's reminder shown once.

The processes and the fake platform are benchmarks/fanout.py's: each process runs the
real outbox (claims, composing, recording) and shows posts by appending to a log that
survives SIGKILL, so duplicates and misses are counted from what channels showed.

What keeps it to one post each, honestly:
- claims (a unique delivery row, INSERT ... ON CONFLICT DO NOTHING) keep the two live
  replicas from ever taking the same occurrence;
- a replica killed mid-fan-out leaves its claims leased; they are taken over once the
  lease runs out (the takeover here starts on a clock set past the lease);
- the posts it had already shown but not yet recorded are attempted again, and only the
  delivery key (the fake platform drops a repeat, as Discord's enforced nonce does)
  keeps them from showing twice. That window is at most one chunk (`concurrency`); a
  given run's kill may land before or after the dead replica's last posts were shown.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks import fanout
from bot.schedule.outbox import OutboxPolicy
from tests.databases import postgres_server

pytestmark = pytest.mark.skipif(
    postgres_server() is None,
    reason="needs a real PostgreSQL server: run under tests/with_postgres.sh (`make test` does)")

GROUPS = 2000
LATENCY_MS = 100


def test_two_replicas_post_each_reminder_once_even_when_one_is_killed(database_url: str,
                                                                      tmp_path: Path) -> None:
    asyncio.run(fanout.prepare(database_url, GROUPS))
    log = tmp_path / "shown.log"
    log.touch()
    args = argparse.Namespace(database=database_url, latency_ms=LATENCY_MS, no_idempotency=False,
                              workers=2)
    started = time.perf_counter()
    both = fanout.run_generation(args, log, fanout.DUE, kill_at=GROUPS // 3, kill_one=True)
    assert both.killed == 1, "one replica was SIGKILLed while posting"
    posters = {pid for _, _, pid in fanout.shown(log)}
    assert len(posters) == 2, "both replicas posted before one was killed"
    # Usually the kill lands mid-chunk and the dead replica still holds leased claims the
    # survivor may not take; rarely it lands between a chunk's record and the next claim
    # and holds none. Both must end with every group shown once.
    held = asyncio.run(fanout.delivery_counts(database_url)).get("pending", 0)

    # The replicas' clocks started at DUE; the takeover's starts once every lease has run out.
    after_lease = (fanout.DUE + timedelta(seconds=time.perf_counter() - started) + OutboxPolicy().lease
                   + timedelta(seconds=1))
    takeover = fanout.run_generation(argparse.Namespace(**{**vars(args), "workers": 1}), log,
                                     after_lease, kill_at=None)

    result = fanout.figures(GROUPS, log, 1.0, [both, takeover],
                            asyncio.run(fanout.delivery_counts(database_url)))
    assert (result.duplicates, result.misses) == (0, 0)
    assert result.counts == {"sent": GROUPS}
    # Shown by the dead replica but never recorded: attempted again, dropped by the delivery key.
    assert result.resent <= min(held, OutboxPolicy().concurrency)
