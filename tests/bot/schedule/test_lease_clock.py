"""Leases are judged by the database's clock, so a replica whose own clock runs ahead
does not take over posts another replica is still sending."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.posts.reminders import PostComposer
from bot.schedule.deliveries import DeliveryRepository
from bot.schedule.outbox import Outbox
from bot.schedule.schedules import ScheduleRepository
from bot.store.db import Database
from tests.bot.schedule.fakes import FakePoster, make_group, weekly_reminder
from tests.people import FakeClock

SKEW = timedelta(minutes=6)  # more than the 5-minute lease


def outbox_on(db: Database, course: Course, poster: FakePoster, clock: FakeClock) -> Outbox:
    """A replica whose own clock is `clock`; its leases use the default (the database's)."""
    return Outbox(ScheduleRepository(db), DeliveryRepository(db), poster,
                  PostComposer(single_course_catalog(course)), clock=clock)


async def test_a_replica_whose_clock_runs_ahead_leaves_claims_in_flight_alone(
        db: Database, course: Course) -> None:
    real = datetime.now(UTC).replace(second=0, microsecond=0)
    group = await make_group(db, start=(real - timedelta(days=3)).date(), now=real - timedelta(minutes=10))
    await weekly_reminder(db, group, real.weekday(), (real - timedelta(minutes=5)).time(),
                          real - timedelta(minutes=10))
    sender_clock, ahead_clock = FakeClock(real), FakeClock(real + SKEW)
    sender = outbox_on(db, course, FakePoster(hang=True), sender_clock)
    sending = asyncio.create_task(sender.run_due(sender_clock.now))
    while not sender.poster.attempts:  # type: ignore[attr-defined]
        await asyncio.sleep(0)
    ahead_poster = FakePoster(clock=ahead_clock)
    ahead = outbox_on(db, course, ahead_poster, ahead_clock)
    await ahead.retry_due(ahead_clock.now)
    await ahead.run_due(ahead_clock.now)
    sending.cancel()
    assert ahead_poster.posts == [], "the post was still being sent by the other replica"


async def test_the_database_clock_is_utc_and_near_this_machines(db: Database) -> None:
    told = await db.server_now()
    assert told.tzinfo is not None
    assert abs(told - datetime.now(UTC)) < timedelta(seconds=5)
