"""Fan-out: N groups whose weekly reminder falls due in the same minute.

    .venv/bin/python benchmarks/fanout.py                            # 10,000 groups, 0 ms Poster
    .venv/bin/python benchmarks/fanout.py --groups 2000 --latency-ms 50
    .venv/bin/python benchmarks/fanout.py --kill-halfway             # SIGKILL at 50 %, restart
    .venv/bin/python benchmarks/fanout.py --kill-halfway --no-idempotency
    .venv/bin/python benchmarks/fanout.py --slack --kill-halfway     # the real SlackPoster
    .venv/bin/python benchmarks/fanout.py --slack --kill-halfway --dedupe-posts
    .venv/bin/python benchmarks/fanout.py --workers 2                # two schedulers, one database
    .venv/bin/python benchmarks/fanout.py --workers 2 --skew-seconds 360 --no-idempotency  # 6 min skew
    .venv/bin/python benchmarks/fanout.py --compare-replicas --database postgresql://studybot@host/db
    .venv/bin/python benchmarks/fanout.py --compare-replicas --kill-one --database postgresql://...

Each scheduler is a separate process running the real outbox (claims, digests built
from the bundled course, retries) against a fake platform with a configurable latency.
The fake platform appends every message it shows to a log file (it survives SIGKILL),
so duplicates and misses are counted from what a channel would have shown, not from
what the scheduler believes. Like Discord's enforced nonce, the fake platform drops a
second post carrying the same delivery key (`--no-idempotency` turns that off, which
shows the at-least-once window of a crash between "posted" and "recorded"). With --slack
the schedulers post through the real SlackPoster to a fake Slack in its own process,
which, like Slack, shows every post it is sent; --dedupe-posts turns on its check of
the channel's recent messages before a repeat (SLACK_DEDUPE_POSTS).

With --kill-halfway every scheduler is SIGKILLed once half the posts are out, and new
ones start on a clock set just past the claim lease (a restart five minutes later, still
inside the catch-up grace window); the lease wait itself is not in the timing.
With --kill-one only one scheduler is killed (one holding claims at that moment) and the
others carry on; the killed one's claims are taken over once their lease runs out.
--compare-replicas runs 1 and then 2 schedulers on the same database (emptied of the
benchmark's rows between runs) and prints the figures side by side.
On PostgreSQL the first run on a new database is slower than later ones (the planner has
no statistics for the deliveries table while it fills); run once to warm up.
Not a test: it prints figures (tests/integration/test_replicas.py reuses its pieces).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from sqlalchemy import Table, delete, func, insert, select, text

from bot.config import BUNDLED_CONTENT
from bot.course.catalog import single_course_catalog
from bot.course.loader import load_pack
from bot.messages import ChannelRef, Platform, Reply, TenantRef
from bot.ports import PostResult
from bot.posts.reminders import PostComposer
from bot.schedule.deliveries import DeliveryRepository, DeliveryRow
from bot.schedule.outbox import Outbox, OutboxPolicy, delivery_key
from bot.schedule.planner import with_next_due
from bot.schedule.schedules import Kind, ScheduleRepository, ScheduleRow, new_schedule
from bot.schedule.triggers import Weekly
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import StudyGroup, StudyGroupRow

TENANT = TenantRef(Platform.CONSOLE, "bench")
DUE = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # a Monday, 09:00 in London (GMT)
CREATED = DUE - timedelta(days=3)
LEASE = OutboxPolicy().lease


# ---- the fake platform (runs inside each scheduler process) -----------------------


class FakePlatform:
    """Shows posts by appending `key<TAB>channel<TAB>pid` lines to a log; optionally idempotent."""

    def __init__(self, log: Path, latency: float, idempotent: bool) -> None:
        self.fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        self.latency = latency
        self.idempotent = idempotent
        self.absorbed = 0
        self.seen = {line.split("\t")[0] for line in log.read_text().splitlines()} if idempotent else set()

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        if self.latency:
            await asyncio.sleep(self.latency)
        key = delivery_key() or "?"
        if self.idempotent and key in self.seen:
            self.absorbed += 1
            return PostResult.sent("already-posted")
        self.seen.add(key)
        os.write(self.fd, f"{key}\t{channel.id}\t{os.getpid()}\n".encode())
        return PostResult.sent(key)


async def run_scheduler(args: argparse.Namespace) -> None:
    """One scheduler process: pass after pass until nothing due or pending is left."""
    course = load_pack(BUNDLED_CONTENT / "smart-cities")
    db = Database(args.database)
    session = None
    platform: Any = FakePlatform(Path(args.log), args.latency_ms / 1000, not args.no_idempotency)
    if args.slack_url:
        from benchmarks.fanout_slack import slack_poster

        session = aiohttp.ClientSession()
        platform = slack_poster(args.slack_url, session, dedupe=args.dedupe_posts)
    started = time.perf_counter()
    start_at = datetime.fromisoformat(args.now)
    skew = timedelta(seconds=args.skew_seconds)

    def clock() -> datetime:
        return start_at + skew + timedelta(seconds=time.perf_counter() - started)

    # The database's clock, moved to the simulated start (but not by this worker's skew).
    shift = start_at - await db.server_now()

    async def lease_clock() -> datetime:
        return (await db.server_now()) + shift if args.lease_clock == "database" else clock()

    outbox = Outbox(ScheduleRepository(db), DeliveryRepository(db), platform,
                    PostComposer(single_course_catalog(course)),
                    clock=clock, lease_clock=lease_clock)
    posted = 0
    while True:
        report = await outbox.run_due(clock())
        retried = await outbox.retry_due(clock())
        posted += len(report.outcomes) + len(retried.outcomes)
        if not report.claimed and not retried.outcomes:
            break
    seconds = time.perf_counter() - started
    await db.close()
    if session is not None:
        await session.close()
    print(json.dumps({"attempts": posted, "seconds": seconds, "absorbed": getattr(platform, "absorbed", 0)}))


# ---- the harness (parent process) ---------------------------------------------------


async def prepare(url: str, groups: int) -> None:
    """N groups, each with a Monday 09:00 London reminder, all due at DUE."""
    db = Database(url)
    await migrate.upgrade(db)
    await _remove_benchmark_rows(db)
    group_rows, schedule_rows = [], []
    for n in range(groups):
        group = StudyGroup(TENANT, f"g{n:06d}", f"Group {n}", "smart-cities", date(2026, 12, 7),
                           "Europe/London")
        group_rows.append({"platform": "console", "tenant_id": TENANT.id, "channel_id": group.channel_id,
                           "name": group.name, "course_id": group.course_id,
                           "start_date": group.start_date, "timezone": group.timezone,
                           "created_by": "bench", "updated_at": CREATED})
        schedule = with_next_due(new_schedule(group, Kind.REMINDER, Weekly(0, wall_time(9)), CREATED),
                                 group)
        schedule_rows.append(_schedule_row(schedule, group))
    async with db.session() as session:
        await session.execute(insert(cast(Table, StudyGroupRow.__table__)), group_rows)
        await session.execute(insert(cast(Table, ScheduleRow.__table__)), schedule_rows)
    if not db.is_sqlite:
        await _analyze(db)
    await db.close()


async def _analyze(db: Database) -> None:
    """Fresh statistics, as autovacuum keeps them on a database in use. Without them the
    planner takes the just-filled tables for empty ones, and the first run is several
    times slower than any later one."""
    async with db.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("study_groups", "schedules", "deliveries"):
            await connection.execute(text(f"ANALYZE {table}"))


async def _remove_benchmark_rows(db: Database) -> None:
    """An earlier run's rows (same tenant) go, so a database can be used again."""
    async with db.session() as session:
        for row in (DeliveryRow, ScheduleRow, StudyGroupRow):
            await session.execute(delete(row).where(row.tenant_id == TENANT.id, row.platform == "console"))


def _schedule_row(schedule: Any, group: StudyGroup) -> dict[str, Any]:
    return {"platform": "console", "tenant_id": TENANT.id, "id": schedule.id,
            "channel_id": group.channel_id, "number": 0, "kind": "reminder", "status": "active",
            "trigger": "weekly", "weekday": 0, "at_time": "09:00", "week": None, "at_utc": None,
            "text": "", "source": "", "watermark": schedule.watermark,
            "next_due_at": schedule.next_due_at, "created_by": "bench", "updated_at": CREATED}


def spawn(args: argparse.Namespace, log: Path, now: datetime, skew: float = 0.0) -> subprocess.Popen[str]:
    command = [sys.executable, __file__, "--child", "--database", args.database, "--log", str(log),
               "--now", now.isoformat(), "--latency-ms", str(args.latency_ms),
               "--skew-seconds", str(skew), "--lease-clock", getattr(args, "lease_clock", "database")]
    if args.no_idempotency:
        command.append("--no-idempotency")
    if getattr(args, "slack_url", ""):  # absent when tests/integration builds the arguments
        command += ["--slack-url", args.slack_url] + (["--dedupe-posts"] if args.dedupe_posts else [])
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def lines_in(log: Path) -> int:
    with log.open("rb") as handle:
        return sum(1 for _ in handle)


@dataclass
class Generation:
    results: list[dict[str, Any]]
    killed: int


def run_generation(args: argparse.Namespace, log: Path, now: datetime, kill_at: int | None,
                   *, kill_one: bool = False) -> Generation:
    """Run `args.workers` schedulers to the end; SIGKILL them (or one) once `kill_at` posts are out."""
    # Worker n's clock runs n times --skew-seconds ahead of the first one's.
    workers = [spawn(args, log, now, n * getattr(args, "skew_seconds", 0.0)) for n in range(args.workers)]
    killed: list[subprocess.Popen[str]] = []
    if kill_at is not None:
        while lines_in(log) < kill_at and any(w.poll() is None for w in workers):
            time.sleep(0.002)
        killed = victims(workers, args.database) if kill_one else [w for w in workers if w.poll() is None]
        for worker in killed:
            os.kill(worker.pid, signal.SIGKILL)
    outputs = [w.communicate()[0] for w in workers]
    results = [json.loads(o.strip().splitlines()[-1]) for w, o in zip(workers, outputs, strict=True)
               if w not in killed and o.strip()]
    return Generation(results, killed=sum(1 for w in killed if w.returncode == -signal.SIGKILL))


def victims(workers: list[subprocess.Popen[str]], database: str) -> list[subprocess.Popen[str]]:
    """One running scheduler that holds claims right now, so it dies with posts in hand."""
    for _ in range(500):
        alive = [w for w in workers if w.poll() is None]
        holders = asyncio.run(claim_holders(database))
        holding = [w for w in alive if str(w.pid) in holders]
        if holding or not alive:
            return holding[:1]
        time.sleep(0.002)
    return alive[:1]


async def claim_holders(url: str) -> set[str]:
    """Process ids of the schedulers holding leased, unfinished deliveries."""
    db = Database(url)
    try:
        async with db.session() as session:
            workers = await session.scalars(select(DeliveryRow.claimed_by).distinct().where(
                DeliveryRow.status == "pending", DeliveryRow.lease_until.is_not(None)))
            return {worker.rsplit(":", 2)[-2] for worker in workers if worker.count(":") >= 2}
    finally:
        await db.close()


def shown(log: Path) -> list[tuple[str, str, str]]:
    """What the fake platform showed: (delivery key, channel, pid of the poster) per message."""
    return [cast(tuple[str, str, str], tuple(line.split("\t"))) for line in log.read_text().splitlines()]


@dataclass
class Figures:
    posts: int
    seconds: float
    duplicates: int
    misses: int
    resent: int
    killed: int
    counts: dict[str, int]

    @property
    def posts_per_second(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def figures(groups: int, log: Path, seconds: float, generations: list[Generation],
            counts: dict[str, int]) -> Figures:
    channels = [channel for _, channel, _ in shown(log)]
    distinct = set(channels)
    return Figures(posts=len(distinct), seconds=seconds, duplicates=len(channels) - len(distinct),
                   misses=groups - len(distinct),
                   resent=sum(r["absorbed"] for g in generations for r in g.results),
                   killed=sum(g.killed for g in generations), counts=counts)


async def delivery_counts(url: str) -> dict[str, int]:
    db = Database(url)
    async with db.session() as session:
        rows = (await session.execute(select(DeliveryRow.status, func.count())
                                      .group_by(DeliveryRow.status))).all()
    await db.close()
    return {status: count for status, count in rows}


def report(args: argparse.Namespace, result: Figures) -> None:
    killed = f", {result.killed} killed and taken over" if result.killed else ""
    print(f"groups {args.groups:,}, poster latency {args.latency_ms:g} ms, workers {args.workers}, "
          f"database {args.database.split(':')[0]}{killed}")
    print(f"posts/s     {result.posts_per_second:,.0f}  ({result.posts:,} posts in {result.seconds:.2f} s of "
          "scheduler time)")
    print(f"duplicates  {result.duplicates}  (messages a channel showed twice)")
    print(f"misses      {result.misses}  (groups that never got their reminder)")
    print(f"re-sent     {result.resent}  (repeat attempts after the crash, dropped by the delivery key)"
          if not args.no_idempotency else "re-sent     n/a (platform without idempotency)")
    print(f"deliveries  {json.dumps(result.counts, sort_keys=True)}")


def compare_replicas(args: argparse.Namespace) -> None:
    """1 and 2 schedulers on the same database, one after the other, side by side."""
    rows: dict[int, Figures] = {}
    for workers in (1, 2):
        args.workers = workers
        rows[workers] = measure(args)
    kill = " (one SIGKILLed mid-fan-out)" if args.kill_one else " (all SIGKILLed at 50 %)" \
        if args.kill_halfway else ""
    print(f"groups {args.groups:,} due in the same minute, poster latency {args.latency_ms:g} ms, "
          f"database {args.database.split(':')[0]}{kill}")
    print(f"{'':<12}{'1 replica':>12}{'2 replicas':>12}")
    for label, value in (("posts/s", lambda f: f"{f.posts_per_second:,.0f}"),
                         ("seconds", lambda f: f"{f.seconds:.2f}"),
                         ("duplicates", lambda f: str(f.duplicates)), ("misses", lambda f: str(f.misses)),
                         ("re-sent", lambda f: str(f.resent))):
        print(f"{label:<12}{value(rows[1]):>12}{value(rows[2]):>12}")


def measure(args: argparse.Namespace) -> Figures:
    workdir = Path(tempfile.mkdtemp(prefix="fanout-"))
    log = workdir / "shown.log"
    log.touch()
    if not args.slack:
        return measure_into(args, log)
    from benchmarks.fanout_slack import start_fake_slack, stop_fake_slack

    fake, args.slack_url = start_fake_slack(log, args.latency_ms)
    args.no_idempotency = True  # Slack has no idempotency key; the fake Slack shows every post
    try:
        return measure_into(args, log)
    finally:
        stop_fake_slack(fake)


def measure_into(args: argparse.Namespace, log: Path) -> Figures:
    asyncio.run(prepare(args.database, args.groups))
    generations: list[Generation] = []
    started = time.perf_counter()
    if args.kill_halfway or args.kill_one:
        generations.append(run_generation(args, log, DUE, kill_at=args.groups // 2, kill_one=args.kill_one))
        killed_after = time.perf_counter()
        # Once every lease taken before the kill has run out, the schedulers restart (all of
        # them after --kill-halfway; after --kill-one the survivors are done, one takes over).
        restart_at = DUE + timedelta(seconds=killed_after - started) + LEASE + timedelta(seconds=1)
        restarted = argparse.Namespace(**{**vars(args), "workers": 1 if args.kill_one else args.workers})
        generations.append(run_generation(restarted, log, restart_at, kill_at=None))
        # Scheduler time: up to the kill (or the survivors' end), plus the taking over.
        before = max([killed_after - started, *(r["seconds"] for r in generations[0].results)])
        seconds = before + max(r["seconds"] for r in generations[-1].results)
    else:
        generations.append(run_generation(args, log, DUE, kill_at=None))
        seconds = max(r["seconds"] for r in generations[-1].results)
    return figures(args.groups, log, seconds, generations, asyncio.run(delivery_counts(args.database)))


def run(args: argparse.Namespace) -> None:
    if not args.database:
        args.database = f"sqlite:///{Path(tempfile.mkdtemp(prefix='fanout-')) / 'fanout.sqlite3'}"
    if args.compare_replicas:
        compare_replicas(args)
    else:
        report(args, measure(args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="the fake Poster's latency")
    parser.add_argument("--database", default="", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--workers", type=int, default=1, help="scheduler processes on one database")
    parser.add_argument("--kill-halfway", action="store_true", help="SIGKILL at 50 %% and restart")
    parser.add_argument("--kill-one", action="store_true",
                        help="SIGKILL one scheduler at 50 %%; the others carry on")
    parser.add_argument("--compare-replicas", action="store_true",
                        help="run with 1 and with 2 schedulers and print them side by side")
    parser.add_argument("--no-idempotency", action="store_true",
                        help="the fake platform shows repeated posts of one delivery key")
    parser.add_argument("--slack", action="store_true",
                        help="post with the real SlackPoster to a fake Slack (no idempotency, like Slack)")
    parser.add_argument("--dedupe-posts", action="store_true",
                        help="with --slack: SLACK_DEDUPE_POSTS (look for a post before repeating it)")
    parser.add_argument("--skew-seconds", type=float, default=0.0,
                        help="each further worker's clock runs this much ahead of the one before")
    parser.add_argument("--lease-clock", choices=("database", "worker"), default="database",
                        help="judge claim leases by the database's clock (as studybot does) or by "
                             "each worker's own (to see what skew does then)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--slack-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(run_scheduler(args))
    else:
        run(args)


if __name__ == "__main__":
    main()
