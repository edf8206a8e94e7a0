"""`prompt ...`: facilitators schedule discussion prompts; `prompt now` posts at once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from datetime import UTC, datetime

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Platform, Text
from bot.schedule.outbox import PassReport
from bot.schedule.planner import with_next_due
from bot.schedule.schedules import Kind, ScheduleRepository, new_schedule
from bot.schedule.triggers import Once
from bot.store.groups import GroupRepository
from tests.bot.schedule.fakes import FakePoster
from tests.people import TENANT, FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say("group setup start:2026-12-07 tz:Europe/London", user="fay",
                               channel="cafe", admin=True))
        yield built


async def text(companion: Companion, line: str, *, facilitator: bool = True) -> str:
    message = say(line, user="fay" if facilitator else "lee", channel="cafe", admin=facilitator)
    return (await companion.handle(message)).plain_text()


async def test_add_list_preview_edit_cancel(companion: Companion) -> None:
    added = await text(companion, "prompt add 2026-12-10 17:00 What *surprised* you so far?")
    assert "Prompt #1 scheduled on Thu 10 Dec 2026 at 17:00 (Europe/London)" in added
    assert "first post Thu 10 Dec 2026, 17:00 GMT" in added
    assert "#1 on Thu 10 Dec 2026 at 17:00" in await text(companion, "prompt list")
    preview = await companion.handle(say("prompt preview 1", user="fay", channel="cafe", admin=True))
    users_words = [p for p in preview.parts if isinstance(p, Text) and p.from_user]
    assert [p.text for p in users_words] == ["What *surprised* you so far?"]
    assert "now reads" in await text(companion, "prompt edit #1 What has changed your mind?")
    assert "What has changed your mind?" in await text(companion, "prompt preview 1")
    assert "cancelled" in await text(companion, "prompt cancel 1")
    assert "No prompts yet" in await text(companion, "prompt list")
    assert "There's no prompt #1" in await text(companion, "prompt preview 1")


@pytest.mark.parametrize("line, first", [
    ("prompt add week 3 start Who owns city data?", "Mon 21 Dec 2026, 09:00 GMT"),
    ("prompt add week 3 start 18:30 Who owns city data?", "Mon 21 Dec 2026, 18:30 GMT"),
    ("prompt add every friday 17:00 Share one thing you learned", "Fri 11 Dec 2026, 17:00 GMT"),
])
async def test_the_kinds_of_when(companion: Companion, line: str, first: str) -> None:
    assert f"first post {first}" in await text(companion, line)


async def test_prompt_now_posts_at_once_through_the_poster(companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    assert "Posted (prompt #1)" in await text(companion, "prompt now Welcome, everyone!")
    assert [(p.channel.id, p.reply.plain_text().splitlines()[1]) for p in poster.posts] == [
        ("cafe", "Welcome, everyone!")]
    assert "weekly reminder" not in await text(companion, "reminders")
    assert ", prompt #1: sent" in await text(companion, "reminders")


async def test_prompt_now_says_so_when_the_platform_refuses(companion: Companion, clock: FakeClock) -> None:
    companion.posters.register(Platform.CONSOLE, FakePoster(always_fail=True))
    answer = await text(companion, "prompt now Hello")
    assert "couldn't post it yet (channel_not_reachable); I'll keep trying" in answer


async def test_queue_course_queues_each_weeks_questions_once(companion: Companion) -> None:
    queued = await text(companion, "prompt queue-course")
    assert "weeks 1, 2, 3, 4, 5, 6, each at 09:00" in queued
    assert "queued already" in await text(companion, "prompt queue-course")
    listing = await text(companion, "prompt list")
    assert "#3 at the start of week 3, 09:00 (Europe/London) (next Mon 21 Dec 2026, 09:00 GMT)" in listing
    assert "Week 3 questions to discuss" in await text(companion, "prompt preview 3")


async def test_queue_course_leaves_out_weeks_that_have_begun(companion: Companion, clock: FakeClock) -> None:
    clock.now = datetime(2026, 12, 16, tzinfo=UTC)
    queued = await text(companion, "prompt queue-course 10:00")
    assert "weeks 3, 4, 5, 6, each at 10:00" in queued
    assert "Weeks 1, 2 have already started" in queued


@pytest.mark.parametrize("line, hint", [
    ("prompt add 2026-11-01 10:00 Too late", "already passed"),
    ("prompt add tomorrow Hello", "`week 3 start`"),
    ("prompt add week 2 start", "What should the prompt say?"),
    ("prompt edit 9 Hello", "There's no prompt #9"),
    ("prompt cancel first", "Give its number"),
    ("prompt dance", "I don't know `prompt dance`"),
])
async def test_mistakes_get_friendly_answers(companion: Companion, line: str, hint: str) -> None:
    assert hint in await text(companion, line)


async def test_learners_cannot_schedule_prompts(companion: Companion) -> None:
    assert "Only the group's facilitators can use `prompt`" in await text(
        companion, "prompt now Hi all", facilitator=False)


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/London", "Asia/Tokyo"])
async def test_a_date_far_in_the_future_is_refused_kindly_in_every_zone(
        companion: Companion, zone: str) -> None:
    await text(companion, f"group setup start:2026-12-07 tz:{zone}")
    answer = await text(companion, "prompt add 9999-12-31 23:59 hi")
    assert "years ahead" in answer
    assert "No prompts yet" in await text(companion, "prompt list")


async def test_a_far_future_prompt_stored_earlier_does_not_break_listing_in_the_far_east(
        companion: Companion, clock: FakeClock) -> None:
    group = await GroupRepository(companion.db).get(TENANT, "cafe")
    assert group is not None
    far = new_schedule(group, Kind.PROMPT, Once(datetime(9999, 12, 31, 23, 59, tzinfo=UTC)), clock.now, "hi")
    await ScheduleRepository(companion.db).add(with_next_due(far, group), "fay", clock.now)
    await text(companion, "group setup start:2026-12-07 tz:Asia/Tokyo")
    for line in ("prompt list", "reminders preview", "prompt preview 1", "reminders"):
        assert "went wrong" not in await text(companion, line), line


async def test_editing_a_prompt_with_schedule_words_keeps_them_out_of_its_text(companion: Companion) -> None:
    await text(companion, "prompt add every friday 17:00 Share one thing you learned")
    told = await text(companion, "prompt edit 1 every wednesday 12:00 Lunch check-in")
    assert "`prompt cancel 1`, then `prompt add every wednesday 12:00 Lunch" in told
    preview = await text(companion, "prompt preview 1")
    assert "Share one thing you learned" in preview and "every wednesday" not in preview


async def test_prompt_now_says_posted_when_a_pass_beside_it_posted_it_first(
        companion: Companion, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scheduler pass running beside `prompt now` (kicked by the message before, or
    another replica's) may claim the new prompt first. The facilitator still hears how
    the post went, and it goes out once."""
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    outbox = companion.scheduler.outbox
    run_due = outbox.run_due

    async def another_pass_first(now: datetime, only: Collection[str] | None = None) -> PassReport:
        if only is not None:
            await run_due(now)  # the pass beside it takes every due post, ours included
        return await run_due(now, only)

    monkeypatch.setattr(outbox, "run_due", another_pass_first)
    assert "Posted (prompt #1)" in await text(companion, "prompt now Welcome, everyone!")
    assert len(poster.posts) == 1
