"""Numbers and names past anything real get a friendly answer, not an apology for a
failure: ids too long for a database integer, digits from other scripts, time zones
longer than any IANA name. And when a command does fail, the log never holds what the
learner wrote."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.bounds import listed_number
from bot.command import Command, Context, Intent
from bot.config import Settings
from bot.messages import Reply
from tests.people import FakeClock, say

HUGE = "9" * 20
LONG_ZONE = "Europe/" + "x" * 300
SORRY = "something went wrong on my side"
DIRECTED = [
    f"session {HUGE}", f"session {HUGE} going", f"session cancel {HUGE}",
    f"prompt remove {HUGE}", f"prompt edit {HUGE} new words", f"prompt preview {HUGE}",
    f"ideas promote {HUGE}", f"ideas remove {HUGE}", f"canvas remove {HUGE}",
    f"group audit {HUGE}", f"reminders preview {HUGE}", "session ²", "ideas remove ١٢",
    f"quiz tz {LONG_ZONE}", f"group setup start:2027-03-01 tz:{LONG_ZONE}",
    "quiz tz Europe/Lon\0don",
]


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say("group setup start:2027-03-01 tz:Europe/London", user="fay",
                               channel="cafe", admin=True))
        await built.handle(say("ideas add a first thought", user="fay", channel="cafe", admin=True))
        yield built


@pytest.mark.parametrize("line", DIRECTED)
async def test_numbers_and_names_past_the_limits_get_a_friendly_answer(
        companion: Companion, caplog: pytest.LogCaptureFixture, line: str) -> None:
    answer = (await companion.handle(say(line, user="fay", channel="cafe", admin=True))).plain_text()
    assert SORRY not in answer and answer.strip()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_listed_number_is_short_and_in_ascii_digits() -> None:
    assert listed_number("42") == 42
    assert [listed_number(w) for w in (HUGE, "²", "١٢", "-1", "", "4 2")] == [None] * 6


class Broken:
    """A command module whose one command always fails."""

    def commands(self) -> list[Command]:
        return [Command("broken", "fails", ("broken",), self.fail)]

    def intents(self) -> list[Intent]:
        return []

    async def fail(self, context: Context, args: str) -> Reply:
        raise RuntimeError("a bug")


async def test_a_failed_command_logs_no_learner_text(companion: Companion,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    companion.registries.all()[0].add(Broken())
    answer = await companion.handle(say("broken my private worry about exams"))
    assert SORRY in answer.plain_text()
    [failure] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    shown = failure.getMessage() + repr(vars(failure))
    assert "private worry" not in shown
