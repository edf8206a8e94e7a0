"""Commands and deliveries show up in the metrics, counted the way an operator reads them."""

from __future__ import annotations

from datetime import date, time, timedelta

from bot.app import Companion
from bot.messages import Platform, TenantRef
from bot.ops.instrument import DrainGate, instrument
from bot.ops.metrics import Metrics
from tests.bot.schedule.fakes import FakePoster, make_group, weekly_reminder
from tests.people import FakeClock, say

SLACK = TenantRef(Platform.SLACK, "T1")


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


async def test_commands_are_counted_by_name_platform_and_outcome(companion: Companion,
                                                                 metrics: Metrics) -> None:
    instrument(companion, metrics, DrainGate())
    await companion.handle(say("week 3"))
    await companion.handle(say("week 3", tenant=SLACK))
    await companion.handle(say("week 99"))
    assert sample(metrics, "studybot_commands_total", command="week", platform="console", outcome="ok") == 1
    assert sample(metrics, "studybot_commands_total", command="week", platform="slack", outcome="ok") == 1
    assert sample(metrics, "studybot_commands_total", command="week", platform="console",
                  outcome="usage") == 1


async def test_a_plain_question_is_timed_as_a_lookup(companion: Companion, metrics: Metrics) -> None:
    instrument(companion, metrics, DrainGate())
    reply = await companion.handle(say("what did Lorraine say about standards?"))
    assert reply.parts
    assert sample(metrics, "studybot_lookup_seconds_count") == 1
    assert sample(metrics, "studybot_lookup_seconds_sum") > 0
    # Week commands are not lookups.
    await companion.handle(say("week 2"))
    assert sample(metrics, "studybot_lookup_seconds_count") == 1


async def test_a_sent_reminder_counts_as_sent_with_its_lag(companion: Companion, metrics: Metrics,
                                                           clock: FakeClock) -> None:
    instrument(companion, metrics, DrainGate())
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    group = await make_group(companion.db, start=date(2026, 11, 30), now=clock.now)
    await weekly_reminder(companion.db, group, clock.now.weekday(), time(9, 30), clock.now)
    clock.now += timedelta(minutes=30, seconds=20)  # the pass runs 20 s after 09:30
    await companion.scheduler.outbox.run_due(clock.now)
    assert len(poster.posts) == 1
    assert sample(metrics, "studybot_deliveries_total", outcome="sent") == 1
    assert sample(metrics, "studybot_scheduler_lag_seconds_sum") == 20


async def test_a_closed_gate_claims_nothing_new(companion: Companion, metrics: Metrics,
                                                clock: FakeClock) -> None:
    gate = DrainGate()
    instrument(companion, metrics, gate)
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    group = await make_group(companion.db, start=date(2026, 11, 30), now=clock.now)
    await weekly_reminder(companion.db, group, clock.now.weekday(), time(9, 30), clock.now)
    gate.close()
    report = await companion.scheduler.outbox.run_due(clock.now + timedelta(hours=1))
    assert report.claimed == 0 and poster.posts == []
