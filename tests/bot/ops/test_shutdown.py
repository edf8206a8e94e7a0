"""Stopping a replica: posts in flight finish, or go back to the others at once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from bot.app import Companion
from bot.course.models import Course
from bot.messages import ChannelRef, Platform, Reply
from bot.ops.instrument import DrainGate, instrument
from bot.ops.metrics import Metrics
from bot.ops.shutdown import drain_scheduler
from bot.ports import PostResult
from bot.schedule.deliveries import DeliveryRepository, DeliveryStatus
from tests.bot.schedule.fakes import FakePoster, make_group, make_outbox, weekly_reminder
from tests.people import TENANT, FakeClock


@dataclass
class SlowPoster:
    """Holds every post until `release` is set, so a test can stop the process mid-post."""

    release: asyncio.Event = field(default_factory=asyncio.Event)
    started: asyncio.Event = field(default_factory=asyncio.Event)
    sent: list[str] = field(default_factory=list)

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        self.started.set()
        await self.release.wait()
        self.sent.append(channel.id)
        return PostResult.sent("m1")


async def due_reminder(companion: Companion, clock: FakeClock) -> None:
    group = await make_group(companion.db, start=date(2026, 11, 30), now=clock.now)
    await weekly_reminder(companion.db, group, clock.now.weekday(), time(9, 30), clock.now)
    clock.now += timedelta(minutes=31)


async def statuses(companion: Companion) -> list[DeliveryStatus]:
    return [d.status for d in await DeliveryRepository(companion.db).recent(TENANT, "cafe", 10)]


async def test_a_post_in_flight_is_finished_and_recorded_before_the_process_stops(
        companion: Companion, clock: FakeClock, metrics: Metrics) -> None:
    poster = SlowPoster()
    companion.posters.register(Platform.CONSOLE, poster)
    gate = DrainGate()
    instrument(companion, metrics, gate)
    await due_reminder(companion, clock)
    await companion.scheduler.start()
    await poster.started.wait()
    poster.release.set()  # the platform answers while the process is stopping
    assert await drain_scheduler(companion, gate, metrics, grace=5) == 0
    assert poster.sent == ["cafe"]
    assert await statuses(companion) == [DeliveryStatus.SENT]


async def test_a_post_that_cannot_finish_is_handed_to_another_replica_at_once(
        companion: Companion, course: Course, clock: FakeClock, metrics: Metrics) -> None:
    stuck = SlowPoster()  # never answers
    companion.posters.register(Platform.CONSOLE, stuck)
    gate = DrainGate()
    instrument(companion, metrics, gate)
    await due_reminder(companion, clock)
    await companion.scheduler.start()
    await stuck.started.wait()
    assert await drain_scheduler(companion, gate, metrics, grace=0) == 1
    assert metrics.registry.get_sample_value("studybot_deliveries_total", {"outcome": "released"}) == 1
    # Another replica, on the same clock: long before the 5-minute lease would have run out.
    other = FakePoster(clock=clock)
    report = await make_outbox(companion.db, course, other, clock).retry_due(clock.now)
    assert other.channels() == ["cafe"] and report.count(DeliveryStatus.SENT) == 1
    assert await statuses(companion) == [DeliveryStatus.SENT]
