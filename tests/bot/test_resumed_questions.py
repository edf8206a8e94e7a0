"""A question the bot asks holds the message that made it ask, and open questions yield to commands."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import BUNDLED_CONTENT, Settings
from bot.course.quiz import QuizItem, QuizKind
from tests.people import FakeClock, say


@pytest.fixture
async def companion(database_url: str, clock: FakeClock) -> AsyncIterator[Companion]:
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=BUNDLED_CONTENT)
    async with open_companion(settings, clock=clock) as built:
        yield built


async def text(companion: Companion, line: str, user: str = "kim") -> str:
    return (await companion.handle(say(line, user=user))).plain_text()


async def test_an_entry_typed_before_which_course_is_saved_once_the_course_is_picked(
        companion: Companion) -> None:
    asked = await text(companion, "canvas add vp cheaper bus tickets")
    assert "I don't know which one you study yet" in asked
    picked = await text(companion, "course smart-cities")
    assert "You're following **Smart cities** now" in picked
    assert "Added to Value Propositions" in picked
    assert "cheaper bus tickets" in await text(companion, "canvas")


@pytest.mark.parametrize("answer", ["2", "smart-cities", "courses smart-cities"])
async def test_a_question_asked_before_which_course_is_answered_after_it(
        companion: Companion, answer: str) -> None:
    await text(companion, "what's this week's material?")
    assert "Week 1: What makes a city smart?" in await text(companion, answer)


async def test_the_course_buttons_carry_the_message_out_too(companion: Companion) -> None:
    await text(companion, "week 3")
    clicked = await companion.router.run_command_line(say("", user="kim"), "courses smart-cities")
    assert "Week 3:" in clicked.plain_text()


async def test_an_unrelated_message_leaves_which_course_waiting(companion: Companion) -> None:
    await text(companion, "week 3")
    assert "Type `help`" not in await text(companion, "thanks!")
    assert "Week 3:" in await text(companion, "course smart-cities")


def quiz_item(companion: Companion, kind: QuizKind, week: int = 1) -> QuizItem:
    course = companion.catalog.get("smart-cities")
    assert course is not None
    return next(i for i in course.quiz if i.kind is kind and i.week == week)


async def start_true_false(companion: Companion) -> QuizItem:
    await text(companion, "course smart-cities")
    item = quiz_item(companion, QuizKind.TRUEFALSE)
    assert item.question in await text(companion, "quiz week 1")
    return item


@pytest.mark.parametrize("line, shows", [
    ("canvass", "canvas"), ("wk 2", "Week 2:"), ("next week", "Week 2:"), ("weeks", "Week 6"),
])
async def test_commands_and_slips_run_while_a_quiz_question_waits(
        companion: Companion, line: str, shows: str) -> None:
    item = await start_true_false(companion)
    reply = await text(companion, line)
    assert "couldn't read that as an answer" not in reply and shows in reply
    assert "Right!" in await text(companion, "true" if item.truth else "false")


@pytest.mark.parametrize("right, wrong", [("1", "2"), ("a", "b"), ("true", "false"), ("yes", "no")])
async def test_true_or_false_takes_every_form_its_buttons_stand_for(
        companion: Companion, right: str, wrong: str) -> None:
    item = await start_true_false(companion)
    said = right if item.truth else wrong
    assert "Right!" in await text(companion, said)


async def test_a_bare_no_after_another_request_is_asked_about_and_then_counted(
        companion: Companion) -> None:
    item = await start_true_false(companion)
    await text(companion, "search standards")
    asked = await text(companion, "no")
    assert "Is that your answer to my question?" in asked
    counted = await text(companion, "answer yes")
    assert ("Not quite." if item.truth else "Right!") in counted
