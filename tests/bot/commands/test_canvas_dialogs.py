"""The canvas coach and the clear confirmation, as conversations through the router."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from tests.people import FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def text(companion: Companion, line: str, **who: object) -> str:
    return (await companion.handle(say(line, **who))).plain_text()  # type: ignore[arg-type]


def question(companion: Companion, block_id: str, index: int = 0) -> str:
    return next(b for b in companion.course.canvas if b.id == block_id).questions[index]


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
    for block in companion.course.canvas:
        await text(companion, f"canvas add {block.name} something")
    assert "Every block on your canvas has something" in await text(companion, "canvas coach")


async def test_a_round_through_every_block_finishes_with_a_summary(companion: Companion) -> None:
    await text(companion, "canvas coach")
    answers = [await text(companion, f"my idea {i}") for i in range(len(companion.course.canvas))]
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
