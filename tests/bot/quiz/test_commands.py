"""The quiz as learners meet it: through the router, across restarts, replicas and buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.course.quiz import QuizItem, QuizKind
from bot.messages import Actions, Reply
from tests.packs import write_pack
from tests.people import OTHER_TENANT, FakeClock, say

SETUP = "group setup start:2026-11-01 tz:Europe/London"  # week 5 on the fake clock's 1 December


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def ask(companion: Companion, line: str, **who: object) -> Reply:
    return await companion.handle(say(line, **who))  # type: ignore[arg-type]


async def text(companion: Companion, line: str, **who: object) -> str:
    return (await ask(companion, line, **who)).plain_text()


def items(companion: Companion, week: int) -> list[QuizItem]:
    return [i for i in companion.catalog.courses[0].quiz if i.week == week]


def right_reply(item: QuizItem) -> str:
    if item.kind is QuizKind.CHOICE:
        return " ".join(str(i + 1) for i in sorted(item.right_choices))
    if item.kind is QuizKind.TRUEFALSE:
        return "true" if item.truth else "false"
    return item.accepted[0]


def wrong_reply(item: QuizItem) -> str:
    if item.kind is QuizKind.CHOICE:
        return str(next(i for i in range(len(item.choices)) if i not in item.right_choices) + 1)
    if item.kind is QuizKind.TRUEFALSE:
        return "false" if item.truth else "true"
    return "something else entirely"


def commands(reply: Reply) -> list[str]:
    return [b.command for part in reply.parts if isinstance(part, Actions) for b in part.buttons]


async def test_quiz_week_asks_a_question_and_an_answer_gets_feedback_and_the_explanation(
    companion: Companion
) -> None:
    first = items(companion, 5)[0]
    opening = await text(companion, "quiz week 5")
    assert "Question 1 of 5 · week 5" in opening and first.question in opening
    feedback = await text(companion, right_reply(first))
    assert "Right!" in feedback and first.explanation in feedback
    assert items(companion, 5)[1].question in feedback
    assert "Week 5: 1 of 7 answered, 1 right" in await text(companion, "quiz stats")


async def test_a_wrong_answer_shows_the_right_one_and_comes_back_sooner(companion: Companion) -> None:
    week = items(companion, 5)
    await text(companion, "quiz week 5")
    wrong = await text(companion, wrong_reply(week[0]))
    assert "Not quite." in wrong and week[0].explanation in wrong
    for item in week[1:5]:
        last = await text(companion, right_reply(item))
    assert "4 of 5" in last
    assert "1 comes back tomorrow" in last and "come back in" in last


async def test_a_round_of_what_is_due_comes_first_when_it_is_due(
    companion: Companion, clock: FakeClock
) -> None:
    week = items(companion, 5)
    await text(companion, "quiz week 5")
    await text(companion, wrong_reply(week[0]))
    await text(companion, "stop")
    clock.advance(days=1)
    due = await text(companion, "quiz")
    assert "Question 1 of 1" in due and week[0].question in due


async def test_with_nothing_due_quiz_asks_the_week_the_learner_is_in(companion: Companion) -> None:
    await text(companion, "week set 3")  # viewing a week does not move the learner
    assert items(companion, 3)[0].question in await text(companion, "quiz")


async def test_the_quiz_carries_on_after_a_restart(settings: Settings, clock: FakeClock) -> None:
    first_item = items_of(settings)[0]
    async with open_companion(settings, clock=clock) as first:
        await first.handle(say("quiz week 5"))
    async with open_companion(settings, clock=clock) as again:
        reply = (await again.handle(say(right_reply(first_item)))).plain_text()
    assert "Right!" in reply and "Question 2 of 5" in reply


async def test_an_answer_may_reach_another_replica(settings: Settings, clock: FakeClock) -> None:
    first_item = items_of(settings)[0]
    async with open_companion(settings, clock=clock) as one, \
            open_companion(settings, clock=clock) as two:
        await one.handle(say("quiz week 5"))
        reply = (await two.handle(say(right_reply(first_item)))).plain_text()
        stats = (await one.handle(say("quiz stats"))).plain_text()
    assert "Right!" in reply
    assert "Week 5: 1 of 7 answered" in stats


def items_of(settings: Settings) -> list[QuizItem]:
    from bot.course.loader import load_pack
    return [i for i in load_pack(settings.content).quiz if i.week == 5]


async def test_buttons_answer_once_even_when_clicked_twice(companion: Companion) -> None:
    opening = await ask(companion, "quiz week 5")
    button = next(c for c in commands(opening) if c.startswith("quiz answer") and c.endswith(" 1"))
    clicked = (await companion.router.run_command_line(say("x"), button)).plain_text()
    again = (await companion.router.run_command_line(say("x"), button)).plain_text()
    assert "Right!" in clicked
    assert "already answered" in again
    assert "Week 5: 1 of 7 answered" in await text(companion, "quiz stats")


async def test_a_button_after_the_quiz_ended_says_so(companion: Companion) -> None:
    opening = await ask(companion, "quiz week 5")
    await text(companion, "quiz stop")
    button = next(c for c in commands(opening) if c.startswith("quiz answer"))
    assert "quiz has finished" in (await companion.router.run_command_line(say("x"), button)).plain_text()


async def test_in_a_group_channel_the_quiz_is_private(companion: Companion) -> None:
    await text(companion, SETUP, channel="C1", admin=True)
    reply = await ask(companion, "quiz", channel="C1")
    assert reply.private
    assert items(companion, 5)[0].question in reply.plain_text()  # the group's week
    assert (await ask(companion, "2", channel="C1")).private


async def test_text_that_is_no_answer_is_asked_again(companion: Companion) -> None:
    await text(companion, "quiz week 5")
    assert "couldn't read that as an answer" in await text(companion, "purple")
    assert "Right!" in await text(companion, right_reply(items(companion, 5)[0]))


async def test_stop_ends_the_round_with_a_summary(companion: Companion) -> None:
    await text(companion, "quiz week 5")
    await text(companion, right_reply(items(companion, 5)[0]))
    stopped = await text(companion, "stop")
    assert "1 of 1" in stopped
    assert "couldn't read" not in await text(companion, "week 2")


async def test_the_report_counts_learners_and_misses_without_naming_anyone(companion: Companion) -> None:
    await text(companion, SETUP, channel="C1", admin=True)
    first = items(companion, 5)[0]
    for learner in ("grace", "linus"):
        await text(companion, "quiz", user=learner, channel="C1")
        await text(companion, wrong_reply(first), user=learner, channel="C1")
        await text(companion, "stop", user=learner, channel="C1")
    refused = await text(companion, "quiz report", user="grace", channel="C1")
    assert "Only the group's facilitators" in refused
    report = await ask(companion, "quiz report", channel="C1", admin=True)
    shown = report.plain_text()
    assert report.private
    assert "2 learners have answered" in shown and first.question in shown
    assert "2 of 2 answers missed it" in shown
    assert "grace" not in shown.lower() and "linus" not in shown.lower()


async def test_quiz_state_belongs_to_one_tenant(companion: Companion) -> None:
    await text(companion, "quiz week 5")
    await text(companion, right_reply(items(companion, 5)[0]))
    elsewhere = await text(companion, "quiz stats", tenant=OTHER_TENANT)
    assert "none answered yet" in elsewhere and "1 of 7" not in elsewhere


async def test_a_learner_may_set_their_own_time_zone(companion: Companion) -> None:
    assert "Asia/Tokyo" in await text(companion, "quiz tz asia/tokyo")
    assert "by its name" in await text(companion, "quiz tz Mars/Base")


async def test_a_course_without_questions_has_no_quiz(tmp_path: Path, database_url: str) -> None:
    pack = write_pack(tmp_path, "compost", "Compost club")
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=pack)
    async with open_companion(settings) as companion:
        assert "quiz" not in (await companion.handle(say("help"))).plain_text()
        assert "Question" not in (await companion.handle(say("quiz"))).plain_text()


async def test_a_week_without_questions_and_unknown_words_get_a_next_step(companion: Companion) -> None:
    assert "Week 9 has no quiz questions" in await text(companion, "quiz week 9")
    assert "Try `quiz` for what is due" in await text(companion, "quiz sideways")


async def test_plain_words_start_a_quiz(companion: Companion) -> None:
    assert "Question 1 of 5 · week 4" in await text(companion, "quiz me on week 4")

