"""Posts stay inside the course: one heads-up, the weeks, one wrap-up, and nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Platform
from tests.bot.schedule.fakes import FakePoster, Post, drive
from tests.people import FakeClock, say

# The bundled course has 6 weeks; a group starting in 90 days.
LATE_START = "group setup start:2027-03-01 tz:Europe/London"


WEEK = timedelta(days=7)


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    # A week's grace lets the tests step a week at a time: each step sends the one
    # occurrence of each series that fell in it, so every post that would go out does.
    settings = settings.model_copy(update={"catch_up_grace_hours": 8 * 24.0})
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say(LATE_START, user="fay", channel="cafe", admin=True))
        yield built


async def text(companion: Companion, line: str) -> str:
    return (await companion.handle(say(line, user="fay", admin=True, channel="cafe"))).plain_text()


def occurrence(post: Post) -> datetime:
    """The occurrence a post was for, from its delivery key."""
    assert post.key is not None
    stamp = post.key.split(":")[1]
    return datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)


async def test_a_group_starting_in_three_months_gets_one_heads_up_and_nothing_earlier(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await text(companion, "remind monday 09:00")
    await drive(companion.scheduler.outbox, clock, WEEK, datetime(2027, 3, 1, 8, tzinfo=UTC))
    assert [p.reply.summary for p in poster.posts] == ["Smart cities starts in 7 days"]
    assert occurrence(poster.posts[0]) == datetime(2027, 2, 22, 9, tzinfo=UTC)


async def test_nothing_is_posted_after_the_wrap_up(companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await text(companion, "remind monday 09:00")
    clock.now = datetime(2027, 2, 20, tzinfo=UTC)
    await drive(companion.scheduler.outbox, clock, WEEK, datetime(2027, 6, 30, tzinfo=UTC))
    summaries = [p.reply.summary for p in poster.posts]
    assert summaries[0] == "Smart cities starts in 7 days"
    assert [s.split(":")[0] for s in summaries[1:7]] == [f"Week {n} starts today" for n in range(1, 7)]
    assert summaries[7:] == ["Smart cities is finished"]
    assert "weekly reminder" not in "\n".join(
        line for line in (await text(companion, "reminders")).splitlines() if "skipped" in line)


async def test_the_preview_shows_the_heads_up_the_weeks_through_the_clock_change_and_the_end(
        companion: Companion) -> None:
    await text(companion, "remind monday 09:00")
    preview = (await text(companion, "reminders preview 20")).splitlines()
    assert preview[0] == "The next 8 scheduled posts"
    assert preview[1:10] == [
        "Mon 22 Feb 2027, 09:00 GMT: weekly reminder (heads-up: the course starts in 7 days)",
        "Mon 1 Mar 2027, 09:00 GMT: weekly reminder (week 1)",
        "Mon 8 Mar 2027, 09:00 GMT: weekly reminder (week 2)",
        "Mon 15 Mar 2027, 09:00 GMT: weekly reminder (week 3)",
        "Mon 22 Mar 2027, 09:00 GMT: weekly reminder (week 4)",
        "Mon 29 Mar 2027, 09:00 BST: weekly reminder (week 5)",
        "Mon 5 Apr 2027, 09:00 BST: weekly reminder (week 6)",
        "Mon 12 Apr 2027, 09:00 BST: weekly reminder (wrap-up)",
        "The weekly reminder ends with the wrap-up on Mon 12 Apr 2027, 09:00 BST; "
        "nothing is posted after that.",
    ]


async def test_a_recurring_prompt_runs_inside_the_course_unless_told_otherwise(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    answer = await text(companion, "prompt add every friday 17:00 Share one thing you learned")
    assert "first post Fri 5 Mar 2027, 17:00 GMT" in answer and "until Sun 11 Apr 2027" in answer
    bounded = await text(companion, "prompt add every monday 12:00 until:2027-03-10 Lunch check-in")
    assert "until Wed 10 Mar 2027" in bounded
    await drive(companion.scheduler.outbox, clock, WEEK, datetime(2027, 6, 30, tzinfo=UTC))
    fridays = [occurrence(p) for p in poster.posts if "Share one thing" in p.reply.plain_text()]
    mondays = [occurrence(p) for p in poster.posts if "Lunch check-in" in p.reply.plain_text()]
    assert len(fridays) == 6 and fridays[0] == datetime(2027, 3, 5, 17, tzinfo=UTC)
    assert fridays[-1] == datetime(2027, 4, 9, 16, tzinfo=UTC)
    assert mondays == [datetime(2027, 3, 1, 12, tzinfo=UTC), datetime(2027, 3, 8, 12, tzinfo=UTC)]


async def test_until_never_keeps_a_prompt_going_and_a_bad_until_is_explained(
        companion: Companion) -> None:
    open_ended = await text(companion, "prompt add every friday 17:00 until:never Weekly thread")
    assert "until" not in open_ended.split(";")[0]
    preview = await text(companion, "reminders preview 20")
    assert "Fri 25 Jun 2027" in preview
    assert "isn't a date I can read" in await text(companion, "prompt add every friday 17:00 "
                                                               "until:soon Hello")


async def test_changing_the_start_date_re_plans_everything_and_says_so(companion: Companion) -> None:
    await text(companion, "remind monday 09:00")
    await text(companion, "prompt add every friday 17:00 Share one thing you learned")
    moved = await text(companion, "group setup start:2027-04-05 tz:Europe/London")
    assert "re-planned" in moved.lower()
    assert "heads-up Mon 29 Mar 2027" in moved and "wrap-up Mon 17 May 2027" in moved
    preview = (await text(companion, "reminders preview 3")).splitlines()
    assert preview[1] == "Mon 29 Mar 2027, 09:00 BST: weekly reminder (heads-up: the course starts in 7 days)"
    assert preview[2] == "Mon 5 Apr 2027, 09:00 BST: weekly reminder (week 1)"
    assert preview[3] == "Fri 9 Apr 2027, 17:00 BST: prompt #1"
