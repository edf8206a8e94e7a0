"""A facilitator's first ten minutes in the console, from a fresh database to a running group.

The script is what a facilitator types following the bot's own hints, with both bundled
courses installed (as `studybot chat` serves them out of the box). Not one reply may be a
refusal or a "did you mean"; at the end the group has its weekly reminder, prompts and a
live session, and the first scheduled posts print in the terminal when they fall due.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from adapters.console.chat import ConsoleIdentity, run_script
from adapters.console.poster import ConsolePoster
from bot import replies
from bot.app import open_companion
from bot.config import BUNDLED_CONTENT, Settings
from bot.messages import Incoming, Platform, Reply
from tests.hint_runner import refused
from tests.people import FakeClock

FIRST_TEN_MINUTES = """\
help
help group
group setup start:2026-12-07 tz:Europe/London name:"Tuesday group"
2
group
remind monday 09:00
reminders preview
prompt queue-course
prompt add every friday 17:00 Share one thing you learned this week
prompt list
session add thursday 18:00 60m "Week 1 catch-up" where:Room 4
group grant @sam
sessions
reminders
group setup start:2026-12-14
group
"""


async def test_a_facilitator_goes_from_nothing_to_a_running_group_without_a_refusal(
        database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=BUNDLED_CONTENT)
    clock = FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    facilitator = ConsoleIdentity(user_id="fay", display_name="Fay", channel_id="tuesday-group", admin=True)
    problems: list[str] = []
    monkeypatch.setattr(replies, "usage_problem", _watched(replies.usage_problem, problems))
    said: list[tuple[str, Reply, int]] = []
    out, posts = io.StringIO(), io.StringIO()
    async with open_companion(settings, clock=clock) as companion:
        companion.posters.register(Platform.CONSOLE, ConsolePoster(posts, viewer="fay"))

        async def answer(message: Incoming) -> Reply:
            before = len(problems)
            reply = await companion.handle(message)
            said.append((message.text, reply, len(problems) - before))
            return reply

        await run_script(answer, facilitator, io.StringIO(FIRST_TEN_MINUTES), out)
        clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
        await companion.scheduler.outbox.run_due(clock.now)

    assert len(said) == len(FIRST_TEN_MINUTES.splitlines())
    refusals = [(line, refused(reply, problems)) for line, reply, problems in said
                if refused(reply, problems) is not None]
    assert refusals == []
    shown = out.getvalue()
    assert "This channel is now a study group for Smart cities" in shown
    assert "Weekly reminder set: every Monday at 09:00 (Europe/London)" in shown
    assert "Queued the course's discussion questions" in shown
    assert "Live study session #1" in shown and "When: Thu 3 Dec 2026, 18:00 GMT" in shown
    assert "sam is now a facilitator of Tuesday group" in shown
    card = shown.rsplit("Study group: Tuesday group", 1)[1]
    assert "Starts: Mon 14 Dec 2026" in card and "Time zone: Europe/London" in card
    assert "Weekly reminder: every Monday at 09:00" in card and "Facilitators: sam" in card
    assert "[scheduled post in #tuesday-group]" in posts.getvalue()


def _watched(usage_problem: object, problems: list[str]) -> object:
    def watched(explanation: str, needs: object = None) -> Reply:
        problems.append(explanation)
        return usage_problem(explanation, needs)  # type: ignore[operator]
    return watched
