"""The canvas coach and the clear confirmation, as conversations through the router."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.canvas.coach import coach_order
from bot.config import Settings
from tests.people import FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def text(companion: Companion, line: str, **who: object) -> str:
    return (await companion.handle(say(line, **who))).plain_text()  # type: ignore[arg-type]


def question(companion: Companion, block_id: str, index: int = 0) -> str:
    return next(b for b in companion.catalog.courses[0].canvas if b.id == block_id).questions[index]


async def test_coach_starts_with_customer_segments_and_saves_each_answer_to_its_block(
    companion: Companion
) -> None:
    opening = await text(companion, "canvas coach")
    assert "Customer Segments" in opening
    assert question(companion, "customer-segments") in opening
    after_first = await text(companion, "tenants in social housing")
    assert "Saved to Customer Segments" in after_first
    assert question(companion, "value-propositions") in after_first
    await text(companion, "lower energy bills")
    assert "lower energy bills" in await text(companion, "canvas vp")
    assert "tenants in social housing" in await text(companion, "canvas cs")


async def test_coach_skips_filled_blocks_and_skip_moves_on(companion: Companion) -> None:
    await text(companion, "canvas add customer segments commuters")
    opening = await text(companion, "canvas coach")
    assert question(companion, "value-propositions") in opening
    skipped = await text(companion, "skip")
    assert "Skipped" in skipped and question(companion, "channels") in skipped
    assert "Nothing in Value Propositions" in await text(companion, "canvas vp")


async def test_another_asks_a_different_question_for_the_same_block(companion: Companion) -> None:
    await text(companion, "canvas coach")
    assert question(companion, "customer-segments", 1) in await text(companion, "another")
    assert "Saved to Customer Segments" in await text(companion, "local businesses")


async def test_stop_ends_the_coach_and_later_text_is_not_saved(companion: Companion) -> None:
    await text(companion, "canvas coach")
    await text(companion, "cyclists")
    assert "Stopped. I saved 1 answer" in await text(companion, "stop")
    await text(companion, "safer junctions")  # no longer an answer to anything
    assert "safer junctions" not in await text(companion, "canvas")


async def test_a_too_long_answer_is_refused_and_the_question_asked_again(
    companion: Companion
) -> None:
    await text(companion, "canvas coach")
    retry = await text(companion, "x" * 600)
    assert "up to 500" in retry and question(companion, "customer-segments") in retry
    assert "Saved to Customer Segments" in await text(companion, "pensioners")


async def test_coach_with_every_block_filled_says_so(companion: Companion) -> None:
    for block in companion.catalog.courses[0].canvas:
        await text(companion, f"canvas add {block.name} something")
    assert "Every block on your canvas has something" in await text(companion, "canvas coach")


async def test_a_round_through_every_block_finishes_with_a_summary(companion: Companion) -> None:
    await text(companion, "canvas coach")
    answers = [await text(companion, f"my idea {i}")
               for i in range(len(companion.catalog.courses[0].canvas))]
    assert "every block with something in it" in answers[-1]
    assert "I saved 9 answers" in answers[-1]
    assert "No changes" not in await text(companion, "canvas history")


async def test_the_coach_carries_on_after_a_restart(settings: Settings) -> None:
    async with open_companion(settings) as first:
        await first.handle(say("canvas coach"))
    async with open_companion(settings) as again:
        reply = (await again.handle(say("people who cycle to work"))).plain_text()
        mine = (await again.handle(say("canvas cs"))).plain_text()
    assert "Saved to Customer Segments" in reply
    assert "people who cycle to work" in mine


async def test_group_coach_saves_to_the_group_canvas_with_attribution(
    companion: Companion
) -> None:
    await text(companion, "canvas group coach", channel="C1")
    await text(companion, "commuters on the 42 bus", channel="C1")
    assert "commuters on the 42 bus (added by Ada)" in await text(
        companion, "canvas group", user="bob", channel="C1")
    assert "commuters" not in await text(companion, "canvas", channel="C1")


def first_block(companion: Companion) -> str:
    return coach_order(companion.catalog.courses[0].canvas)[0].name


@pytest.mark.parametrize("line, heading", [("what week is it?", "Week 1:"), ("week 5", "Week 5:"),
                                           ("show me week 3?", "Week 3:")])
async def test_questions_and_commands_during_the_coach_are_answered_not_saved(
    companion: Companion, line: str, heading: str
) -> None:
    await text(companion, "canvas coach")
    assert (await text(companion, line)).startswith(heading)
    # The coach is still waiting: the next plain answer lands in its block.
    saved = await text(companion, "tenants in social housing")
    assert f"Saved to {first_block(companion)}" in saved
    assert line not in await text(companion, "canvas")


async def test_small_talk_during_the_coach_is_not_an_answer(companion: Companion) -> None:
    await text(companion, "canvas coach")
    assert "You're welcome" in await text(companion, "thanks!")
    assert "thanks" not in await text(companion, "canvas")


async def test_the_coach_asks_when_an_answer_could_be_a_command(companion: Companion) -> None:
    await text(companion, "canvas coach")
    asked = await text(companion, "group of residents near the station")
    assert "Is that your answer" in asked and "`yes`" in asked and "`no`" in asked
    assert f"Saved to {first_block(companion)}" in await text(companion, "yes")
    assert "group of residents near the station" in await text(companion, "canvas")


async def test_no_takes_the_message_as_a_request_and_the_coach_keeps_waiting(
    companion: Companion
) -> None:
    await text(companion, "canvas coach")
    await text(companion, "group of residents")
    assert "I don't know `group of`" in await text(companion, "no")
    assert f"Saved to {first_block(companion)}" in await text(companion, "older residents")


async def test_the_buttons_settle_is_that_your_answer(companion: Companion) -> None:
    await text(companion, "canvas coach")
    await text(companion, "group of residents")
    reply = await companion.router.run_command_line(say("(button)"), "answer yes")
    assert f"Saved to {first_block(companion)}" in reply.plain_text()
    gone = await companion.router.run_command_line(say("(button)"), "answer yes")
    assert "not waiting for an answer" in gone.plain_text()


async def test_a_question_leaves_the_clear_confirmation_open(companion: Companion) -> None:
    await text(companion, f"canvas add {first_block(companion).lower()} tenants")
    assert "Type `yes` to clear it" in await text(companion, "canvas clear")
    assert (await text(companion, "week 2")).startswith("Week 2:")
    assert "Cleared" in await text(companion, "yes")
