"""Time picking what is due in the quiz: one learner with many reviews, and a whole group.

    .venv/bin/python benchmarks/quiz_due.py                       # SQLite in a temp folder
    .venv/bin/python benchmarks/quiz_due.py --records 5000 --group 1000 --runs 50
    .venv/bin/python benchmarks/quiz_due.py --database-url postgresql+asyncpg://...

Builds a migrated database holding one learner with `--records` review rows and a study
group of `--group` learners (each with 50 review rows, every one opted in to nudges),
then times, with the companion's own code:
- `due`: the next round for the heavy learner (the indexed query `quiz` runs);
- `states`: loading that learner's states for one week's items (`quiz week N`) and for
  a whole pack's (`quiz stats`);
- `nudge pass`: one pass of the nudger over the group: who opted in, what each has due,
  the claims, and a post to each (to a poster that only counts).
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Table, delete, insert

from bot import tables  # noqa: F401  (every table on Base.metadata)
from bot.config import BUNDLED_CONTENT
from bot.course.catalog import load_catalog
from bot.messages import ChannelRef, Platform, Reply, TenantRef
from bot.ports import PostResult
from bot.quiz.learners import QuizLearnerRow
from bot.quiz.nudge_store import NudgeSetting, QuizNudgeRepository, QuizNudgeSendRow
from bot.quiz.nudges import QuizNudges
from bot.quiz.spacing import Spacing, due_cutoff
from bot.quiz.store import Learner, QuizReviewRow, ReviewRepository
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import GroupMemberRow, StudyGroup, StudyGroupRow

TENANT = TenantRef(Platform.SLACK, "T-BENCH")
COURSE = "smart-cities"
NOW = datetime(2026, 12, 2, 18, 1, tzinfo=UTC)
PER_MEMBER = 50


class CountingPoster:
    def __init__(self) -> None:
        self.posts = 0

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        self.posts += 1
        return PostResult.sent()


def review_rows(user: str, count: int, card: str) -> list[dict[str, Any]]:
    # Spread due dates over the past and next months, so a round is a real choice.
    return [{"platform": TENANT.platform.value, "tenant_id": TENANT.id, "course_id": COURSE,
             "user_id": user, "item_id": f"item-{n:05d}", "week": n % 6 + 1, "card": card,
             "due_at": NOW + timedelta(hours=(n * 7919) % 1440 - 720), "reviews": 3, "lapses": 1,
             "last_right": n % 3 != 0, "last_answered_at": NOW - timedelta(days=2)}
            for n in range(count)]


async def fill(db: Database, records: int, group: int) -> None:
    card = Spacing().review(None, True, 20, NOW - timedelta(days=2)).card
    key = {"platform": TENANT.platform.value, "tenant_id": TENANT.id}
    async with db.session() as session:
        session.add(StudyGroupRow(**key, channel_id="C-BENCH", name="Bench", course_id=COURSE,
                                  start_date=date(2026, 11, 1), timezone="Europe/London",
                                  created_by="U0", updated_at=NOW))
    await insert_many(db, QuizReviewRow, review_rows("U-HEAVY", records, card))
    members = [f"U{n:05d}" for n in range(group)]
    await insert_many(db, GroupMemberRow, [{**key, "user_id": u, "channel_id": "C-BENCH",
                                            "joined_at": NOW} for u in members])
    await insert_many(db, QuizLearnerRow, [{**key, "course_id": COURSE, "user_id": u, "remind": True,
                                            "timezone": None, "dm_channel": None, "updated_at": NOW}
                                           for u in members])
    rows = [row for u in members for row in review_rows(u, PER_MEMBER, card)]
    await insert_many(db, QuizReviewRow, rows)


async def insert_many(db: Database, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 5000):
        async with db.session() as session:
            await session.execute(insert(cast(Table, model.__table__)), rows[start:start + 5000])


async def timed(runs: int, work: Any) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"{name:<40} median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms   "
          f"({len(times)} runs)")


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{folder}/bench.db"
        db = Database(url)
        await migrate.upgrade(db)
        started = time.perf_counter()
        await fill(db, args.records, args.group)
        print(f"filled in {time.perf_counter() - started:.1f} s: {args.records} reviews for one "
              f"learner; {args.group} group members x {PER_MEMBER} reviews ({db.engine.dialect.name})")
        reviews = ReviewRepository(db)
        heavy = Learner(TENANT.platform.value, TENANT.id, COURSE, "U-HEAVY")
        cutoff = due_cutoff(NOW, StudyGroup(TENANT, "C", "", COURSE, date.today(), "UTC").zone)
        report(f"due: next round, {args.records} records", await timed(
            args.runs, lambda: reviews.due(heavy, cutoff, 20)))
        week = [f"item-{n:05d}" for n in range(0, 42, 6)]  # 7 items, as `quiz week N` asks
        report(f"states: one week's 7 items of {args.records}", await timed(
            args.runs, lambda: reviews.states(heavy, week)))
        pack = [f"item-{n:05d}" for n in range(40)]
        report(f"states: a 40-item pack's, of {args.records}", await timed(
            args.runs, lambda: reviews.states(heavy, pack)))
        await nudge_pass(db, args)
        await db.close()


async def nudge_pass(db: Database, args: argparse.Namespace) -> None:
    catalog = load_catalog(BUNDLED_CONTENT).catalog
    poster = CountingPoster()
    repo = QuizNudgeRepository(db)
    group = StudyGroup(TENANT, "C-BENCH", "Bench", COURSE, date(2026, 11, 1), "Europe/London")
    await repo.put(group, NudgeSetting(None, datetime(2000, 1, 1, 18, 0).time()), "U0", NOW)
    nudger = QuizNudges(repo, ReviewRepository(db), catalog, poster, clock=lambda: NOW)

    async def one_pass() -> None:
        async with db.session() as session:  # forget the claims, so every pass sends again
            await session.execute(delete(QuizNudgeSendRow))
        await nudger.run()

    times = await timed(max(1, args.runs // 10), one_pass)
    report(f"nudge pass: group of {args.group}", times)
    print(f"  nudges per pass: {poster.posts // len(times)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--group", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database-url", default="")
    asyncio.run(main(parser.parse_args()))
