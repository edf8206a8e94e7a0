"""The daily retention job deletes old logs, and nothing else."""

from __future__ import annotations

from datetime import timedelta

from bot.app import open_companion
from bot.audit.store import AuditEntry, AuditRepository
from bot.config import Settings
from bot.ideas.store import IdeasRepository
from bot.lookup.misses import SearchMissRepository
from bot.ops import retention
from bot.ops.retention import RetentionJob
from bot.schedule.deliveries import DeliveryKey, DeliveryRepository, DeliveryStatus, NewDelivery
from bot.store.db import Database
from bot.store.erasure import PersonalRows
from tests.people import TENANT, FakeClock, say

DAYS = 180


async def fill(db: Database, clock: FakeClock) -> None:
    """The same rows twice: 181 days old, and 179 days old."""
    for age in (DAYS + 1, DAYS - 1):
        at = clock() - timedelta(days=age)
        await SearchMissRepository(db, "smart-cities").record(say("x"), f"unanswered {age}", at)
        await AuditRepository(db).record(TENANT, AuditEntry("general", "ada", "Ada", "group setup", at))
        await IdeasRepository(db, "smart-cities").add(say("x").user, 1, f"note {age}", at)
        posts = [NewDelivery(DeliveryKey(TENANT, f"s{age}", at, "general"), DeliveryStatus.SKIPPED),
                 NewDelivery(DeliveryKey(TENANT, f"p{age}", at, "general"), DeliveryStatus.PENDING)]
        await DeliveryRepository(db).claim(posts, [], at, at + timedelta(minutes=5), "worker")


async def test_old_logs_go_and_everything_else_stays(db: Database, clock: FakeClock) -> None:
    await fill(db, clock)
    deleted = await RetentionJob(PersonalRows(db), DAYS, clock=clock).run()
    assert deleted == {"search_misses": 1, "audit_log": 1, "deliveries": 1}
    misses = await SearchMissRepository(db, "smart-cities").recent(TENANT)
    assert [m.query for m in misses] == [f"unanswered {DAYS - 1}"]
    assert len(await AuditRepository(db).recent(TENANT, 10)) == 1
    # A learner's own notes are not logs; a post still being attempted keeps its claim.
    assert len(await IdeasRepository(db, "smart-cities").notes(say("x").user)) == 2
    kept = await DeliveryRepository(db).recent(TENANT, "general", 10)
    assert sorted(d.key.schedule_id for d in kept) == sorted([f"p{DAYS + 1}", f"p{DAYS - 1}", f"s{DAYS - 1}"])


async def test_running_again_deletes_nothing_more(db: Database, clock: FakeClock) -> None:
    await fill(db, clock)
    job = RetentionJob(PersonalRows(db), DAYS, clock=clock)
    await job.run()
    assert await job.run() == {}


async def test_the_retention_period_is_a_setting(db: Database, clock: FakeClock) -> None:
    await fill(db, clock)
    assert (await RetentionJob(PersonalRows(db), 30, clock=clock).run())["search_misses"] == 2


async def test_the_scheduler_runs_it_every_day(settings: Settings, clock: FakeClock) -> None:
    async with open_companion(settings, clock=clock) as companion:
        await companion.scheduler.start()
        assert retention.JOB_ID in companion.scheduler.job_ids()
        assert timedelta(days=1) == retention.EVERY
