"""`watching`: the video a learner has open is favoured, for a few hours, and the answer says so."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Companion
from bot.messages import Actions, Reply
from tests.bot.lookup.valves import ask, quoted_title, valves_course
from tests.people import FakeClock, say

QUESTION = "why does the pressure in the pipe rise too far"


@pytest.fixture
async def companion(database_url: str, tmp_path: Path, clock: FakeClock,
                    monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Companion]:
    async with valves_course(database_url, tmp_path, clock, monkeypatch) as built:
        yield built


def buttons(reply: Reply) -> dict[str, str]:
    return {b.label: b.command for p in reply.parts if isinstance(p, Actions) for b in p.buttons}


async def test_every_video_of_a_week_view_has_a_watching_button(companion: Companion) -> None:
    week = await ask(companion, "week 4")
    command = buttons(week)["I'm watching: Valves, part 2"]
    said = await companion.router.run_command_line(say("(button)"), command)
    assert "You're watching **Valves, part 2** (week 4)" in said.plain_text()
    answer = await ask(companion, QUESTION)
    assert quoted_title(answer) == "Valves, part 2"
    assert answer.plain_text().startswith("In the video you're watching, at 08:00:")


@pytest.mark.parametrize("line", ["watching valves part 1", "I'm watching the valves part 1 video",
                                  "I’m now watching valves part 1", "watching 2.2",
                                  "watching week 2 video 2"])
async def test_the_video_can_be_named_by_title_or_number(companion: Companion, line: str) -> None:
    await ask(companion, "week set 4")  # their week would favour part 2
    assert "You're watching **Valves, part 1**" in (await ask(companion, line)).plain_text()
    assert quoted_title(await ask(companion, QUESTION)) == "Valves, part 1"


async def test_a_bare_number_is_a_video_of_the_learners_week(companion: Companion) -> None:
    await ask(companion, "week set 2")
    assert "Valves, part 1" in (await ask(companion, "watching 2")).plain_text()


async def test_watching_expires_after_a_few_hours(companion: Companion, clock: FakeClock) -> None:
    await ask(companion, "week set 4")
    await ask(companion, "watching valves part 1")
    clock.advance(hours=2, minutes=59)
    assert quoted_title(await ask(companion, QUESTION)) == "Valves, part 1"
    clock.advance(minutes=2)
    assert quoted_title(await ask(companion, QUESTION)) == "Valves, part 2"  # back to their week
    assert "haven't told me" in (await ask(companion, "watching")).plain_text()


async def test_watching_none_clears_it(companion: Companion) -> None:
    await ask(companion, "week set 4")
    await ask(companion, "watching valves part 1")
    assert "evenly again" in (await ask(companion, "I'm not watching anything now")).plain_text()
    answer = await ask(companion, QUESTION)
    assert quoted_title(answer) == "Valves, part 2"
    assert answer.plain_text().startswith("In week 4 (your week):")


async def test_watching_is_each_learners_own(companion: Companion) -> None:
    await ask(companion, "week set 4", user="ben")
    await ask(companion, "watching valves part 1", user="ada")
    assert quoted_title(await ask(companion, QUESTION, user="ben")) == "Valves, part 2"


@pytest.mark.parametrize("line, says", [
    ("watching 4.9", "Week 4 has"),
    ("watching 9.1", "Week 9 has no videos"),
    ("watching bananas", "No video's title has the words “bananas”"),
    ("watching valves", "more than one video"),
])
async def test_a_video_that_cannot_be_found_gets_a_friendly_answer(
    companion: Companion, line: str, says: str
) -> None:
    assert says in (await ask(companion, line)).plain_text()


async def test_a_question_right_after_opening_a_moment_favours_that_video(companion: Companion) -> None:
    first = await ask(companion, QUESTION)  # no week: the two videos are a close call
    part_two = next(c for label, c in buttons(first).items() if label.startswith("Valves, part 2"))
    assert quoted_title(await ask(companion, part_two)) == "Valves, part 2"
    again = await ask(companion, "so the pressure in the pipe rises too far?")
    assert quoted_title(again) == "Valves, part 2"
    # The buttons of the first answer still open what they said.
    assert quoted_title(await ask(companion, "moment 1")) == quoted_title(first)
