"""Every command example the bot shows runs as shown, where it was shown.

The runner (tests/hint_runner.py) starts from what a reader would type first (`group`,
`help`, `help <command>`, `week`, ...), collects every example in the replies and runs
each as the same person in the same place, then the examples those replies show, three
rounds deep. Two readers: a learner in a direct message, and a facilitator in a channel
that is no group yet; each with one course installed and with both bundled courses.
The workspace already has a group (in #study-group) that started three weeks ago.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.cli import CHAT_EXAMPLES
from bot import replies
from bot.app import Companion, open_companion
from bot.config import BUNDLED_CONTENT, Settings
from bot.messages import Reply
from tests.hint_runner import GROUP_CHANNEL, HintRunner, Place
from tests.packs import SMART_CITIES
from tests.people import FakeClock, say

LEARNER = Place("a learner in a direct message", "kim", None, False)
FACILITATOR = Place("a facilitator in a new channel", "fay", "new-channel", True)
FIRST_WORDS = ("group", "help", "week", "weeks", "canvas", "ideas", "quiz", "search standards",
               "sessions", "reminders", "courses", "privacy", "what's this week's material?")


@pytest.fixture
async def companion(request: pytest.FixtureRequest, database_url: str) -> AsyncIterator[Companion]:
    content: Path = request.param
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=content)
    clock = FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say("group setup start:2026-11-16 course:smart-cities tz:Europe/London",
                               user="boss", channel=GROUP_CHANNEL, admin=True))
        yield built


@pytest.mark.parametrize("companion", [SMART_CITIES, BUNDLED_CONTENT], indirect=True,
                         ids=["one course", "two courses"])
@pytest.mark.parametrize("place", [LEARNER, FACILITATOR], ids=lambda p: p.name)
async def test_every_hint_runs_where_it_is_shown(companion: Companion, place: Place,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    runner = HintRunner(companion, place)
    router_refusal = replies.usage_problem

    def watched(explanation: str, needs: object = None) -> Reply:
        runner.watch(explanation)
        return router_refusal(explanation, needs)  # type: ignore[arg-type]

    monkeypatch.setattr(replies, "usage_problem", watched)
    seeds = [*FIRST_WORDS, *(f"help {c.name}" for c in companion.registries.all()[0].commands
                             if place.admin or not c.facilitator_only)]
    run = await runner.crawl(seeds)
    print(f"{place.name}, {len(companion.catalog)} course(s): {len(run.found)} hints found, "
          f"{len(run.ran)} run")
    assert len(run.ran) > 60
    assert run.failed == []


async def test_the_setup_line_of_studybot_chat_help_sets_a_group_up(database_url: str) -> None:
    line = next(t.strip().removeprefix("then type:").strip() for t in CHAT_EXAMPLES.splitlines()
                if "then type:" in t)
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=BUNDLED_CONTENT)
    async with open_companion(settings) as companion:
        asked = await companion.handle(say(line, user="fay", channel="study-group", admin=True))
        assert "Which course will the group follow?" in asked.plain_text()
        done = await companion.handle(say("smart-cities", user="fay", channel="study-group", admin=True))
        card = await companion.handle(say("group", user="fay", channel="study-group", admin=True))
    assert "now a study group for Smart cities" in done.plain_text()
    assert "Study group: Tuesday group" in card.plain_text()
