"""`ideas` end to end: notes filed under the learner's week, listed, filtered, promoted."""

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


async def test_a_note_goes_under_the_week_the_learner_is_in(companion: Companion) -> None:
    first = await text(companion, "ideas add the river floods Mill Road every winter")
    assert "Filed under Week 1: My city and its problems as note #1" in first
    assert "This week's prompt" in first
    await text(companion, "week set 3")
    third = await text(companion, "ideas add flood sensors could use the council's open data")
    assert "Week 3: Data, technology and trust as note #2" in third
    listing = await text(companion, "ideas")
    assert listing.index("Week 1: My city") < listing.index("#1 the river floods") < listing.index(
        "Week 3: Data") < listing.index("#2 flood sensors")


async def test_ideas_week_filters_and_says_when_a_week_is_empty(companion: Companion) -> None:
    await text(companion, "ideas add a first thought")
    assert "a first thought" in await text(companion, "ideas week 1")
    empty = await text(companion, "ideas week 4")
    assert "no notes for week 4" in empty and "Value and who pays" in empty
    assert "weeks 1 to 6" in await text(companion, "ideas week 9")


async def test_a_note_can_be_promoted_into_a_canvas_block(companion: Companion) -> None:
    await text(companion, "ideas add households near the river")
    promoted = await text(companion, "ideas promote 1 to customer segmnts")
    assert "Note #1 is now Customer Segments #1 on your canvas" in promoted
    assert "households near the river" in await text(companion, "canvas cs")
    assert "(in your canvas: Customer Segments)" in await text(companion, "ideas")
    assert "Which canvas block" in await text(companion, "ideas promote 1")


async def test_notes_are_private_and_per_learner(companion: Companion) -> None:
    reply = await companion.handle(say("ideas add ada's note", channel="C1"))
    assert reply.private
    assert "ada's note" not in await text(companion, "ideas", user="bob", channel="C1")
    assert "Removed note #1" in await text(companion, "ideas remove 1")
    assert "no note #1" in await text(companion, "ideas remove 1")


async def test_an_over_long_note_is_refused_with_the_limit(companion: Companion) -> None:
    answer = await text(companion, "ideas add " + "x" * 1001)
    assert "up to 1,000" in answer
    assert "You have no notes" in await text(companion, "ideas")


async def test_notes_survive_a_restart(settings: Settings) -> None:
    async with open_companion(settings) as first:
        await first.handle(say("ideas add bus stops need shelters"))
    async with open_companion(settings) as again:
        assert "bus stops need shelters" in (await again.handle(say("ideas"))).plain_text()


async def test_the_template_lists_every_weeks_section(companion: Companion) -> None:
    template = await text(companion, "ideas template")
    for section in companion.catalog.courses[0].ideas:
        assert section.title in template
