"""A post's outcome is written when that post is done, so a crash can repeat only the
posts still in flight, never the finished ones of their batch."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.messages import ChannelRef, Reply
from bot.ports import PostResult
from bot.posts.reminders import PostComposer
from bot.schedule.deliveries import DeliveryRepository, DeliveryStatus
from bot.schedule.outbox import Outbox
from bot.schedule.recorder import OutcomeRecorder
from bot.schedule.schedules import ScheduleRepository
from bot.store.db import Database
from tests.bot.schedule.fakes import make_group, utc, weekly_reminder
from tests.people import TENANT, FakeClock


@dataclass
class OneSlowChannel:
    """Posts at once, except to `slow`, which waits until released (a long Retry-After)."""

    slow: str
    release: asyncio.Event = field(default_factory=asyncio.Event)
    done: list[str] = field(default_factory=list)

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        if channel.id == self.slow:
            await self.release.wait()
        self.done.append(channel.id)
        return PostResult.sent(channel.id)


async def statuses(db: Database, channels: list[str]) -> dict[str, DeliveryStatus]:
    repository = DeliveryRepository(db)
    return {c: (await repository.recent(TENANT, c, 1))[0].status for c in channels}


async def test_finished_posts_are_recorded_while_a_slow_one_is_still_in_flight(
        db: Database, course: Course, clock: FakeClock) -> None:
    clock.now = utc(2026, 12, 14, 8, 0)
    channels = [f"group{n}" for n in range(5)]
    for channel in channels:
        group = await make_group(db, channel=channel, start=date(2026, 12, 7), now=clock.now)
        await weekly_reminder(db, group, 0, time(9, 0), clock.now)
    poster = OneSlowChannel(slow="group0")
    outbox = Outbox(ScheduleRepository(db), DeliveryRepository(db), poster,
                    PostComposer(single_course_catalog(course)),
                    clock=clock)
    clock.now += timedelta(hours=1)
    running = asyncio.create_task(outbox.run_due(clock.now))
    others = channels[1:]

    async def four_recorded() -> None:  # let the pass run; no clock involved
        while not (len(poster.done) == 4
                   and DeliveryStatus.PENDING not in (await statuses(db, others)).values()):
            await asyncio.sleep(0)

    await asyncio.wait_for(four_recorded(), 10)
    assert await statuses(db, channels) == {"group0": DeliveryStatus.PENDING,
                                            **{c: DeliveryStatus.SENT for c in channels[1:]}}
    poster.release.set()
    report = await running
    assert report.count(DeliveryStatus.SENT) == 5
    assert set((await statuses(db, channels)).values()) == {DeliveryStatus.SENT}


async def test_a_failed_write_reaches_every_attempt_that_waited_for_it() -> None:
    class BrokenDeliveries(DeliveryRepository):
        def __init__(self) -> None:
            pass

        async def record(self, outcomes: object, worker: str) -> None:
            raise ConnectionRefusedError("database down")

    recorder = OutcomeRecorder(BrokenDeliveries(), "w1")

    async def attempt() -> object:
        return object()

    results = await asyncio.gather(recorder.after(attempt()), recorder.after(attempt()),  # type: ignore[arg-type]
                                   return_exceptions=True)
    assert all(isinstance(r, ConnectionRefusedError) for r in results)
