"""Test twins for scheduled posting: a Poster we can make fail, and quick builders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.messages import ChannelRef, Reply
from bot.ports import Clock, PostResult
from bot.posts.reminders import PostComposer, ReminderService
from bot.schedule.deliveries import DeliveryRepository
from bot.schedule.outbox import Outbox, OutboxPolicy, delivery_key
from bot.schedule.schedules import Schedule, ScheduleRepository
from bot.store.db import Database
from bot.store.groups import GroupRepository, StudyGroup
from tests.people import TENANT, FakeClock


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Post:
    channel: ChannelRef
    reply: Reply
    key: str | None
    at: datetime | None


@dataclass
class FakePoster:
    """Records posts; fails the first `failures` attempts (or all, with `always_fail`)."""

    clock: Clock | None = None
    failures: int = 0
    always_fail: bool = False
    retryable: bool = True
    retry_after: float | None = None
    hang: bool = False
    # Said about a post that went out (e.g. its thread would not open).
    note: str | None = None
    error: str = "channel_not_reachable"
    posts: list[Post] = field(default_factory=list)
    attempts: list[str | None] = field(default_factory=list)

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        self.attempts.append(delivery_key())
        if self.hang:
            await asyncio.Event().wait()
        if self.always_fail or len(self.attempts) <= self.failures:
            return PostResult.failed(self.error, retryable=self.retryable,
                                     retry_after=self.retry_after)
        self.posts.append(Post(channel, reply, delivery_key(), self.clock() if self.clock else None))
        return PostResult.sent(f"m{len(self.posts)}", note=self.note)

    def channels(self) -> list[str]:
        return [p.channel.id for p in self.posts]


def make_outbox(db: Database, course: Course, poster: FakePoster, clock: Clock,
                **policy: object) -> Outbox:
    """An outbox whose leases run on `clock` too, so a test can let one lapse."""
    return Outbox(ScheduleRepository(db), DeliveryRepository(db), poster,
                  PostComposer(single_course_catalog(course)), clock=clock,
                  policy=OutboxPolicy(**policy), lease_clock=leases_on(clock))  # type: ignore[arg-type]


def leases_on(clock: Clock) -> Callable[[], Awaitable[datetime]]:
    """A lease clock that reads `clock` (instead of the database's, which a test cannot move)."""
    async def lease_clock() -> datetime:
        return clock()

    return lease_clock


async def make_group(db: Database, *, channel: str = "cafe", zone: str = "Europe/London",
                     start: date = date(2026, 12, 7), now: datetime | None = None) -> StudyGroup:
    group = StudyGroup(TENANT, channel, "Cafe group", "smart-cities", start, zone)
    await GroupRepository(db).save(group, "fay", now or datetime.now().astimezone())
    return group


async def weekly_reminder(db: Database, group: StudyGroup, weekday: int, at: time,
                          now: datetime) -> Schedule:
    return await ReminderService(ScheduleRepository(db), DeliveryRepository(db)).set_weekly(
        group, weekday, at, "fay", now)


async def drive(outbox: Outbox, clock: FakeClock, step: timedelta, until: datetime) -> None:
    """Drive the outbox as the scheduler would: a pass at every step of the clock."""
    while clock.now < until:
        clock.now = min(clock.now + step, until)
        await outbox.run_due(clock.now)
        await outbox.retry_due(clock.now)
