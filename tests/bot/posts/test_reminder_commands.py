"""`remind` and `reminders`: a group's weekly reminder, as facilitators and learners see it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Platform, labels_only
from bot.posts.reminder_commands import delivery_line
from bot.schedule.deliveries import Delivery, DeliveryKey, DeliveryStatus
from tests.bot.schedule.fakes import FakePoster
from tests.people import TENANT, FakeClock, say

SETUP = "group setup start:2026-12-07 tz:Europe/London"


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say(SETUP, user="fay", channel="cafe", admin=True))
        yield built


async def text(companion: Companion, line: str, *, facilitator: bool = True, **where: object) -> str:
    where.setdefault("channel", "cafe")
    message = say(line, user="fay" if facilitator else "lee", admin=facilitator, **where)  # type: ignore[arg-type]
    return (await companion.handle(message)).plain_text()


async def test_setting_a_reminder_says_when_the_first_one_is(companion: Companion) -> None:
    answer = await text(companion, "remind monday 09:00")
    assert "every Monday at 09:00 (Europe/London)" in answer
    assert "The first one is Mon 7 Dec 2026, 09:00 GMT" in answer
    overview = await text(companion, "reminders", facilitator=False)
    assert "Weekly reminder: every Monday at 09:00 (Europe/London)." in overview
    assert "Mon 7 Dec 2026, 09:00 GMT: weekly reminder" in overview


async def test_learners_can_look_but_not_change(companion: Companion) -> None:
    refused = await text(companion, "remind monday 09:00", facilitator=False)
    assert "Only the group's facilitators can use `remind`" in refused
    assert "Weekly reminder: off" in await text(companion, "reminders", facilitator=False)


async def test_preview_shows_the_wall_clock_either_side_of_a_clock_change(
        companion: Companion, clock: FakeClock) -> None:
    clock.now = datetime(2027, 3, 10, tzinfo=UTC)
    await text(companion, "group setup start:2027-03-01 tz:Europe/London")
    await text(companion, "remind monday 09:00")
    preview = await text(companion, "reminders preview 3", facilitator=False)
    assert preview.splitlines()[1:4] == ["Mon 15 Mar 2027, 09:00 GMT: weekly reminder (week 3)",
                                         "Mon 22 Mar 2027, 09:00 GMT: weekly reminder (week 4)",
                                         "Mon 29 Mar 2027, 09:00 BST: weekly reminder (week 5)"]


async def test_preview_merges_prompts_and_reminders_in_time_order(companion: Companion) -> None:
    await text(companion, "remind monday 09:00")
    await text(companion, "prompt add 2026-12-09 17:00 Midweek check-in")
    preview = await text(companion, "reminders preview")
    assert preview.index("Mon 7 Dec") < preview.index("Wed 9 Dec 2026, 17:00 GMT: prompt #1") \
        < preview.index("Mon 14 Dec")
    assert preview.count(": weekly reminder") == 4


async def test_pause_resume_off_and_what_happens_to_paused_weeks(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    outbox = companion.scheduler.outbox
    await text(companion, "remind monday 09:00")
    assert "paused" in await text(companion, "remind pause")
    assert "(paused)" in await text(companion, "reminders")
    await outbox.run_due(datetime(2026, 12, 7, 10, tzinfo=UTC))
    assert poster.posts == []
    clock.now = datetime(2026, 12, 7, 11, tzinfo=UTC)
    resumed = await text(companion, "remind resume")
    assert "back on" in resumed and "Next: Mon 14 Dec 2026, 09:00 GMT" in resumed
    await outbox.run_due(datetime(2026, 12, 7, 12, tzinfo=UTC))
    assert poster.posts == [], "the week that fell due while paused is not sent late"
    await outbox.run_due(datetime(2026, 12, 14, 9, tzinfo=UTC))
    assert len(poster.posts) == 1
    assert "off" in await text(companion, "remind off")
    await outbox.run_due(datetime(2026, 12, 21, 9, tzinfo=UTC))
    assert len(poster.posts) == 1
    assert "Weekly reminder: off" in await text(companion, "reminders")


async def test_reminders_lists_the_last_posts_and_how_they_went(
        companion: Companion, clock: FakeClock) -> None:
    companion.posters.register(Platform.CONSOLE, FakePoster(clock=clock, failures=1))
    outbox = companion.scheduler.outbox
    await text(companion, "remind monday 09:00")
    monday = clock.now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    await outbox.run_due(monday)
    retrying = await text(companion, "reminders")
    assert "Mon 7 Dec 2026, 09:00 GMT, weekly reminder: not sent yet (channel_not_reachable)" in retrying
    assert "next try Mon 7 Dec 2026, 09:00 GMT" in retrying  # 30 s later
    clock.now = monday + timedelta(minutes=1)
    await outbox.retry_due(clock.now)
    companion.posters.register(Platform.CONSOLE, FakePoster(always_fail=True, retryable=False))
    clock.now = monday + timedelta(days=7)
    await outbox.run_due(clock.now)
    overview = await text(companion, "reminders", facilitator=False)
    assert "Mon 7 Dec 2026, 09:00 GMT, weekly reminder: sent" in overview
    assert "Mon 14 Dec 2026, 09:00 GMT, weekly reminder: failed: channel_not_reachable" in overview


async def test_skipped_posts_say_why(companion: Companion, clock: FakeClock) -> None:
    companion.posters.register(Platform.CONSOLE, FakePoster(clock=clock))
    await text(companion, "remind monday 09:00")
    await companion.scheduler.outbox.run_due(datetime(2026, 12, 7, 20, tzinfo=UTC))
    assert "weekly reminder: skipped: missed while I was offline, too late to send" in \
        await text(companion, "reminders")


@pytest.mark.parametrize("line, hint", [
    ("remind someday 09:00", "Use a weekday"), ("remind monday 25:00", "isn't a time of day"),
    ("remind", "e.g. `remind monday 09:00`"), ("remind resume", "There's no weekly reminder yet"),
    ("reminders preview lots", "a number from 1 to 20"),
])
async def test_mistakes_get_friendly_answers(companion: Companion, line: str, hint: str) -> None:
    assert hint in await text(companion, line)


async def test_outside_a_group_reminders_point_to_setup(companion: Companion) -> None:
    assert "isn't a study group yet" in await text(companion, "remind monday 09:00", channel="lobby")
    assert "You're not in a study group" in await text(companion, "reminders", channel=None,
                                                        facilitator=False)


def test_a_sent_post_with_a_note_shows_the_note() -> None:
    at = datetime(2026, 12, 14, 9, tzinfo=UTC)
    note = "no thread for the answers, Discord said Missing Permissions"
    delivery = Delivery(DeliveryKey(TENANT, "7", at, "cafe"), DeliveryStatus.SENT, 1, note, at, None)
    line = labels_only(delivery_line(delivery, ZoneInfo("Europe/London"), None))
    assert line == f"Mon 14 Dec 2026, 09:00 GMT, a post: sent ({note})"
