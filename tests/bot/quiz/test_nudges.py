"""Review nudges: only to learners who opted in and have questions due, exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.quiz.nudge_store import NudgeSetting, QuizNudgeRepository
from bot.quiz.nudges import QuizNudges, latest_occurrence
from bot.quiz.store import ReviewRepository
from tests.bot.schedule.fakes import FakePoster
from tests.people import TENANT, FakeClock, say

SETUP = "group setup start:2026-11-01 tz:Europe/London"


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


def nudger(companion: Companion, poster: FakePoster, clock: FakeClock) -> QuizNudges:
    return QuizNudges(QuizNudgeRepository(companion.db), ReviewRepository(companion.db),
                      companion.catalog, poster, clock=clock)


async def said(companion: Companion, line: str, **who: object) -> str:
    return (await companion.handle(say(line, **who))).plain_text()  # type: ignore[arg-type]


async def miss_one(companion: Companion, user: str) -> None:
    """The learner answers their group's first question wrongly: it is due tomorrow."""
    await said(companion, "quiz", user=user, channel="C1")
    await said(companion, "2", user=user, channel="C1")
    await said(companion, "stop", user=user, channel="C1")


async def a_group_with_nudges(companion: Companion) -> None:
    await said(companion, SETUP, channel="C1", admin=True)
    assert "Quiz nudges on: every day at 18:00" in await said(
        companion, "quiz nudges daily 18:00", channel="C1", admin=True)
    for user in ("ada", "bob"):
        await miss_one(companion, user)
    await said(companion, "quiz remind on", user="ada")  # in a DM
    await said(companion, "quiz", user="cy", channel="C1")  # joins, nothing due
    await said(companion, "quiz remind on", user="cy", channel="C1")


async def test_a_nudge_goes_once_to_each_opted_in_learner_with_questions_due(
    companion: Companion, clock: FakeClock
) -> None:
    await a_group_with_nudges(companion)
    poster = FakePoster()
    clock.now = datetime(2026, 12, 2, 17, 59, tzinfo=UTC)
    assert await nudger(companion, poster, clock).run() == 0  # not yet 18:00 in London
    clock.now = datetime(2026, 12, 2, 18, 1, tzinfo=UTC)
    replicas = [nudger(companion, poster, clock) for _ in range(3)]
    await asyncio.gather(*(r.run() for r in replicas))
    await replicas[0].run()  # and a pass after a restart
    assert poster.channels() == ["dm-ada"]  # bob did not opt in; cy has nothing due
    assert poster.posts[0].channel.is_direct
    assert "1 question is ready for review" in poster.posts[0].reply.plain_text()
    sent = await QuizNudgeRepository(companion.db).sent_to(TENANT, "ada")
    assert [status for _, status in sent] == ["sent"]


async def test_turning_reminders_off_stops_the_nudges(companion: Companion, clock: FakeClock) -> None:
    await a_group_with_nudges(companion)
    await said(companion, "quiz remind off", user="ada")
    poster = FakePoster()
    clock.now = datetime(2026, 12, 2, 18, 1, tzinfo=UTC)
    await nudger(companion, poster, clock).run()
    assert poster.posts == []


async def test_a_nudge_time_long_past_is_not_sent_late(companion: Companion, clock: FakeClock) -> None:
    await a_group_with_nudges(companion)
    poster = FakePoster()
    clock.now = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 7 hours after 18:00 on the 2nd
    await nudger(companion, poster, clock).run()
    assert poster.posts == []


async def test_a_failed_nudge_is_recorded_and_not_repeated(companion: Companion, clock: FakeClock) -> None:
    await a_group_with_nudges(companion)
    poster = FakePoster(always_fail=True)
    clock.now = datetime(2026, 12, 2, 18, 1, tzinfo=UTC)
    await nudger(companion, poster, clock).run()
    await nudger(companion, poster, clock).run()
    assert len(poster.attempts) == 1
    assert [s for _, s in await QuizNudgeRepository(companion.db).sent_to(TENANT, "ada")] == ["failed"]


async def test_only_facilitators_set_nudges_and_only_in_a_group(companion: Companion) -> None:
    await said(companion, SETUP, channel="C1", admin=True)
    assert "Only the group's facilitators" in await said(companion, "quiz nudges daily 18:00",
                                                          channel="C1")
    assert "in your study group's channel" in await said(companion, "quiz nudges daily 18:00",
                                                          admin=True)
    assert "every Friday at 17:30" in await said(companion, "quiz nudges weekly fri 17:30",
                                                 channel="C1", admin=True)
    assert "off" in await said(companion, "quiz nudges off", channel="C1", admin=True)


def test_the_latest_nudge_time_follows_the_wall_clock_across_a_change_of_clocks() -> None:
    london = ZoneInfo("Europe/London")
    daily = NudgeSetting(None, time(18, 0))
    # 18:00 BST on 24 October is 17:00 UTC; after the clocks go back, 18:00 GMT is 18:00 UTC.
    assert latest_occurrence(daily, london, datetime(2026, 10, 24, 17, 30, tzinfo=UTC)) == datetime(
        2026, 10, 24, 17, 0, tzinfo=UTC)
    assert latest_occurrence(daily, london, datetime(2026, 10, 25, 18, 30, tzinfo=UTC)) == datetime(
        2026, 10, 25, 18, 0, tzinfo=UTC)
    friday = NudgeSetting(4, time(9, 0))
    assert latest_occurrence(friday, london, datetime(2026, 12, 2, 12, 0, tzinfo=UTC)) == datetime(
        2026, 11, 27, 9, 0, tzinfo=UTC)
