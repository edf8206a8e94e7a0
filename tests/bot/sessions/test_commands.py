"""Live study sessions: announced with RSVP buttons, reminders by DM once, cancellations told."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Actions, Platform, Reply
from bot.sessions.store import SessionRepository, StudySession
from bot.store.groups import GroupRepository
from tests.bot.schedule.fakes import FakePoster
from tests.people import TENANT, FakeClock, say

SETUP = "group setup start:2027-03-01 tz:Europe/London"
ADD = 'session add 2027-03-04 18:00 60m "Week 1 catch-up" where:https://meet.example/abc'
STARTS = datetime(2027, 3, 4, 18, tzinfo=UTC)


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say(SETUP, user="fay", channel="cafe", admin=True))
        yield built


async def ask(companion: Companion, line: str, user: str = "fay") -> Reply:
    return await companion.handle(say(line, user=user, admin=user == "fay", channel="cafe"))


async def text(companion: Companion, line: str, user: str = "fay") -> str:
    return (await ask(companion, line, user)).plain_text()


def buttons(reply: Reply) -> list[tuple[str, str]]:
    return [(b.label, b.command) for p in reply.parts if isinstance(p, Actions) for b in p.buttons]


async def rsvp_three(companion: Companion) -> None:
    await ask(companion, "session 1 going", "ada")
    await ask(companion, "session 1 maybe", "lee")
    await ask(companion, "session 1 cant", "kim")


async def test_a_session_is_announced_with_rsvp_buttons_and_shows_who_is_coming(
        companion: Companion) -> None:
    announced = await ask(companion, ADD)
    assert not announced.private
    text_of = announced.plain_text()
    assert "Live study session #1" in text_of and "Week 1 catch-up" in text_of
    assert "Thu 4 Mar 2027, 18:00 GMT" in text_of and "https://meet.example/abc" in text_of
    assert buttons(announced) == [("Going", "session 1 going"), ("Maybe", "session 1 maybe"),
                                  ("Can't", "session 1 cant")]
    answered = await ask(companion, "session 1 going", "ada")
    assert answered.private and "30 minutes before" in answered.plain_text()
    await ask(companion, "session 1 maybe", "lee")
    await ask(companion, "session 1 cant", "kim")
    card = await text(companion, "session 1", "lee")
    assert "Going (1): Ada" in card and "Maybe (1): Lee" in card and "Can't (1): Kim" in card
    assert "#1 Thu 4 Mar 2027, 18:00 GMT (1 h): Week 1 catch-up (2 coming)" in \
        await text(companion, "sessions", "lee")


async def test_those_coming_get_one_dm_before_it_starts_even_from_two_schedulers_and_a_restart(
        settings: Settings, clock: FakeClock, companion: Companion) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, ADD)
    await rsvp_three(companion)
    reminder_at = STARTS - timedelta(minutes=30)
    await companion.scheduler.outbox.run_due(reminder_at - timedelta(minutes=1))
    assert poster.posts == []
    async with open_companion(settings, clock=clock) as second:
        second.posters.register(Platform.CONSOLE, poster)
        await asyncio.gather(companion.scheduler.outbox.run_due(reminder_at),
                             second.scheduler.outbox.run_due(reminder_at))
        await second.scheduler.outbox.run_due(reminder_at + timedelta(minutes=5))
    async with open_companion(settings, clock=clock) as restarted:
        restarted.posters.register(Platform.CONSOLE, poster)
        await restarted.scheduler.outbox.run_due(reminder_at + timedelta(minutes=10))
        await restarted.scheduler.outbox.retry_due(reminder_at + timedelta(hours=1))
    assert sorted((p.channel.id, p.channel.is_direct) for p in poster.posts) == [
        ("ada", True), ("lee", True)]
    dm = poster.posts[0].reply.plain_text()
    assert "starts in 30 minutes" in dm and "Week 1 catch-up" in dm and "meet.example" in dm
    assert "session 1" not in await text(companion, "reminders"), "DMs are not channel posts"


async def test_the_reminder_lead_is_a_group_setting(companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, ADD)
    await ask(companion, "session 1 going", "ada")
    assert "45 minutes" in await text(companion, "session remind 45m")
    await companion.scheduler.outbox.run_due(STARTS - timedelta(minutes=45))
    assert [p.channel.id for p in poster.posts] == ["ada"]
    assert "starts in 45 minutes" in poster.posts[0].reply.plain_text()
    assert "Only the group's facilitators" in await text(companion, "session remind 10m", "ada")


async def test_cancelling_tells_those_who_said_going_or_maybe(companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, ADD)
    await rsvp_three(companion)
    clock.now = datetime(2027, 3, 2, 12, tzinfo=UTC)
    answer = await text(companion, "session cancel 1")
    assert "cancelled" in answer and "told the 2 people" in answer
    assert sorted(p.channel.id for p in poster.posts) == ["ada", "lee"]
    assert all("cancelled" in p.reply.plain_text() for p in poster.posts)
    await companion.scheduler.outbox.run_due(STARTS - timedelta(minutes=30))
    assert len(poster.posts) == 2, "no reminder for a cancelled session"
    assert "was cancelled" in await text(companion, "session 1 going", "ada")
    assert "No live sessions are planned" in await text(companion, "sessions")


async def test_moving_a_session_moves_its_reminder(companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, ADD)
    await ask(companion, "session 1 going", "ada")
    moved = await text(companion, 'session edit 1 2027-03-05 19:00 90m "Week 1 catch-up, take two"')
    assert "Fri 5 Mar 2027, 19:00 GMT" in moved and "1 h 30 min" in moved and "take two" in moved
    await companion.scheduler.outbox.run_due(STARTS - timedelta(minutes=30))
    assert poster.posts == []
    await companion.scheduler.outbox.run_due(datetime(2027, 3, 5, 18, 30, tzinfo=UTC))
    assert [p.channel.id for p in poster.posts] == ["ada"]


@pytest.mark.parametrize("zone, before, after", [
    ("Europe/London", datetime(2027, 3, 25, 18, tzinfo=UTC), datetime(2027, 4, 1, 17, tzinfo=UTC)),
    ("America/New_York", datetime(2027, 3, 11, 23, tzinfo=UTC), datetime(2027, 3, 18, 22, tzinfo=UTC)),
])
async def test_a_weekly_series_keeps_its_wall_clock_time_through_the_clock_change(
        companion: Companion, zone: str, before: datetime, after: datetime) -> None:
    await text(companion, f"group setup start:2027-03-01 tz:{zone}")
    added = await text(companion, 'session add every thursday 18:00 60m "Catch-up" until:2027-04-08')
    assert "Also in this series (5 more)" in added
    starts = [s.starts_at for s in await companion_sessions(companion)]
    assert len(starts) == 6 and before in starts and after in starts
    assert after - before == timedelta(days=7) - timedelta(hours=1)


async def companion_sessions(companion: Companion) -> list[StudySession]:
    group = await GroupRepository(companion.db).get(TENANT, "cafe")
    assert group is not None
    return await SessionRepository(companion.db).of_group(group)


@pytest.mark.parametrize("line, user, hint", [
    ("session add 2027-03-04 18:00 Chat", "ada", "Only the group's facilitators"),
    ("session add tomorrow", "fay", "When, and what?"),
    ('session add 2026-11-01 18:00 "Old"', "fay", "already passed"),
    ('session add 2027-03-04 18:00 999h "Long"', "fay", "between 5 minutes and 12 hours"),
    ('session add 2027-03-04 18:00 "Chat" until:2027-04-01', "fay", "goes with a weekly series"),
    ("session 9", "ada", "There's no session #9"),
    ("session cancel", "fay", "Which session?"),
])
async def test_mistakes_get_friendly_answers(companion: Companion, line: str, user: str, hint: str) -> None:
    assert hint in await text(companion, line, user)


async def test_the_reminder_of_a_maybe_says_maybe(companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, ADD)
    await rsvp_three(companion)
    await companion.scheduler.outbox.run_due(STARTS - timedelta(minutes=30))
    said = {p.channel.id: p.reply.plain_text() for p in poster.posts}
    assert "You said you'd come." in said["ada"]
    assert "You said you might come." in said["lee"] and "you'd come" not in said["lee"]


async def test_a_weekday_without_a_date_is_the_coming_one(companion: Companion) -> None:
    added = await text(companion, 'session add thursday 18:00 60m "Catch-up"')
    assert "When: Thu 3 Dec 2026, 18:00 GMT" in added  # the fake clock's Tuesday 1 December
    assert "quotes" not in added
