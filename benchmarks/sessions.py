"""Live sessions at scale: the calendar feed's response time, and DM reminder fan-out.

    .venv/bin/python benchmarks/sessions.py                       # feed: 200 sessions; 10,000 DMs
    .venv/bin/python benchmarks/sessions.py --sessions 100 --people 100 --feed-sessions 200
    .venv/bin/python benchmarks/sessions.py --database postgresql+asyncpg://user@host/db

The feed is fetched over HTTP from the real ops server (adapters/ops_http.py), for a
group with `--feed-sessions` sessions and a weekly reminder: cold (the feed cache
emptied before each request, so the feed is serialised every time) and warm
(one request at a time, then `--concurrency` at once, served from the cache), p50
and p99. The fan-out builds
`--sessions` sessions starting in the same minute with `--people` RSVPs each (going or
maybe), then runs two outboxes (two schedulers, one database) at the reminder time
against a fake platform that counts every DM it is shown, so duplicates and misses are
counted from what people would have received. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from sqlalchemy import Table, insert

from adapters.ops_http import Ops, serving_ops
from bot.calendar.cache import FeedCache
from bot.calendar.feed import CalendarFeed
from bot.config import BUNDLED_CONTENT
from bot.course.catalog import load_catalog
from bot.groups.store import GroupSettingsRepository
from bot.messages import ChannelRef, Platform, Reply, TenantRef
from bot.ops.metrics import Metrics
from bot.ports import PostResult
from bot.posts.reminders import PostComposer, ReminderService
from bot.schedule.deliveries import DeliveryRepository
from bot.schedule.outbox import Outbox, delivery_key
from bot.schedule.schedules import ScheduleRepository
from bot.sessions.service import SessionAudience, SessionPlan, SessionService
from bot.sessions.store import Answer, RsvpRow, SessionRepository
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import GroupRepository, StudyGroup

TENANT = TenantRef(Platform.CONSOLE, "bench-sessions")
NOW = datetime(2027, 2, 1, 9, tzinfo=UTC)
STARTS = datetime(2027, 3, 4, 18, tzinfo=UTC)


class CountingPlatform:
    def __init__(self) -> None:
        self.shown: Counter[str] = Counter()

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        self.shown[delivery_key() or "?"] += 1
        return PostResult.sent()


def group(n: int) -> StudyGroup:
    return StudyGroup(TENANT, f"s{n:05d}", f"Group {n}", "smart-cities", date(2027, 3, 1), "Europe/London")


async def feed_timing(db: Database, count: int, repeats: int, concurrency: int) -> None:
    catalog = load_catalog(BUNDLED_CONTENT).catalog
    where = group(0)
    await GroupRepository(db).save(where, "bench", NOW)
    schedules, live = ScheduleRepository(db), SessionRepository(db)
    reminders = ReminderService(schedules, DeliveryRepository(db), catalog=catalog)
    await reminders.set_weekly(where, 0, datetime(2027, 1, 1, 9).time(), "bench", NOW)
    outbox = Outbox(schedules, DeliveryRepository(db), CountingPlatform(), PostComposer(catalog),
                    clock=lambda: NOW)
    service = SessionService(live, GroupSettingsRepository(db), schedules, outbox)
    starts = tuple(STARTS + timedelta(days=n) for n in range(count))
    await service.add(where, SessionPlan(starts, 60, "Catch-up", "https://meet.example/x"), "bench", NOW)
    feed = CalendarFeed(GroupRepository(db), catalog, GroupSettingsRepository(db), live, reminders,
                        public_url="", folder=Path(tempfile.gettempdir()), clock=lambda: NOW)
    token = await feed.token(where, NOW)
    async with aiohttp.ClientSession() as http, \
            serving_ops(Ops(Metrics(), {}, calendar=feed.served), host="127.0.0.1", port=0) as port:
        for posts in (False, True):
            url = f"http://127.0.0.1:{port}/calendar/{token}.ics" + ("?posts=1" if posts else "")
            label = f"{count} sessions" + (" + posts" if posts else "")
            cold = [await timed_get(http, url, forget=feed) for _ in range(repeats)]
            print(f"feed, {label}, cold (built each time): {summary(cold)}")
            for at_once in sorted({1, concurrency}):
                warm: list[tuple[float, int]] = []
                for _ in range(repeats // at_once or 1):
                    warm += await asyncio.gather(*(timed_get(http, url) for _ in range(at_once)))
                print(f"feed, {label}, warm, {at_once} at once: {summary(warm)}")


async def timed_get(http: aiohttp.ClientSession, url: str, forget: CalendarFeed | None = None
                    ) -> tuple[float, int]:
    if forget is not None:
        forget.cache = FeedCache()
    started = time.perf_counter()
    async with http.get(url) as response:
        size = len(await response.read())
    return (time.perf_counter() - started) * 1000, size


def summary(found: list[tuple[float, int]]) -> str:
    times = sorted(ms for ms, _ in found)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return (f"p50 {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, {found[0][1] / 1024:.0f} KiB "
            f"({len(times)} requests)")


async def fan_out(db: Database, sessions: int, people: int) -> None:
    schedules, live = ScheduleRepository(db), SessionRepository(db)
    platform = CountingPlatform()
    composer = PostComposer(load_catalog(BUNDLED_CONTENT).catalog)
    outboxes = [Outbox(schedules, DeliveryRepository(db), platform, composer,
                       clock=lambda: STARTS - timedelta(minutes=30), audience=SessionAudience(live),
                       worker_id=f"bench-{n}") for n in range(2)]
    service = SessionService(live, GroupSettingsRepository(db), schedules, outboxes[0])
    for n in range(sessions):
        where = group(n + 1)
        await GroupRepository(db).save(where, "bench", NOW)
        [item] = await service.add(where, SessionPlan((STARTS,), 60, f"Session {n}"), "bench", NOW)
        rows = [{"platform": TENANT.platform.value, "tenant_id": TENANT.id, "session_id": item.id,
                 "user_id": f"u{p:05d}", "channel_id": where.channel_id, "name": f"Person {p}",
                 "answer": (Answer.GOING if p % 3 else Answer.MAYBE).value, "answered_at": NOW}
                for p in range(people)]
        async with db.session() as session:
            await session.execute(insert(cast(Table, RsvpRow.__table__)), rows)
    due = STARTS - timedelta(minutes=30)
    started = time.perf_counter()
    reports = await asyncio.gather(*(outbox.run_due(due) for outbox in outboxes))
    seconds = time.perf_counter() - started
    expected = sessions * people
    shown = sum(platform.shown.values())
    repeats = sum(c - 1 for c in platform.shown.values() if c > 1)
    print(f"fan-out: {expected} DM reminders ({sessions} sessions x {people} people), 2 schedulers: "
          f"{shown} shown, {repeats} duplicates, {expected - len(platform.shown)} missed, "
          f"{seconds:.2f} s ({expected / seconds:.0f} DMs/s); claimed per scheduler "
          f"{[r.claimed for r in reports]}")


async def main(args: argparse.Namespace) -> None:
    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    db = Database(url)
    await migrate.upgrade(db)
    try:
        await feed_timing(db, args.feed_sessions, args.repeats, args.concurrency)
        await fan_out(db, args.sessions, args.people)
    finally:
        await db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="")
    parser.add_argument("--feed-sessions", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=10, help="warm feed requests at once")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--people", type=int, default=100)
    asyncio.run(main(parser.parse_args()))
