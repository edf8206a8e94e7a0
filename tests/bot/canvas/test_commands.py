"""`canvas` end to end through the companion, as learners in the console would use it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Bullets, Image, Reply
from tests.people import FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def ask(companion: Companion, line: str, **who: object) -> Reply:
    return await companion.handle(say(line, **who))  # type: ignore[arg-type]


async def text(companion: Companion, line: str, **who: object) -> str:
    return (await ask(companion, line, **who)).plain_text()


@pytest.mark.parametrize("line, heading", [
    ("canvas key partners", "Key Partners"),
    ("canvas Key Partner", "Key Partners"),
    ("canvas VP", "Value Propositions"),
    ("canvas revenue", "Revenue Streams"),
    ("canvas custmer segmnts", "Customer Segments"),
    ("canvas kp for a flood alert project", "Key Partners"),
    ("what goes in key partners?", "Key Partners"),
    ("What should go in the KP box?", "Key Partners"),
    ("what's a value proposition?", "Value Propositions"),
    ("who are my customer segments in a city project?", "Customer Segments"),
    ("explain revenue streams", "Revenue Streams"),
    ("what are channels?", "Channels"),
    ("how do I fill in cost structure?", "Cost Structure"),
])
async def test_block_questions_explain_the_block_for_a_city_project(
    companion: Companion, line: str, heading: str
) -> None:
    answer = await text(companion, line)
    block = next(b for b in companion.catalog.courses[0].canvas if b.name == heading)
    assert answer.startswith(heading)
    assert block.meaning in answer and block.example in answer
    assert sum(q in answer for q in block.questions) >= 3
    assert f"Week {block.week}:" in answer
    assert f"Nothing in {heading} on your canvas yet" in answer


async def test_the_explanation_shows_what_the_learner_has_so_far(companion: Companion) -> None:
    await ask(companion, "canvas add kp the council's drainage team")
    reply = await ask(companion, "what goes in key partners?")
    assert "On your canvas so far" in reply.plain_text()
    assert "the council's drainage team" in reply.plain_text()
    assert reply.private


async def test_what_is_the_business_model_canvas_lists_the_blocks_in_order(
    companion: Companion
) -> None:
    answer = await text(companion, "what is the business model canvas?")
    assert answer.startswith(companion.catalog.courses[0].canvas_info.title)
    assert answer.index("Customer Segments") < answer.index("Value Propositions") < answer.index(
        "Cost Structure")


@pytest.mark.parametrize("line, starts", [
    ("show me my canvas", "Ada's canvas"),
    ("coach me through my canvas", "Canvas coach"),
    ("show my ideas", "You have no notes yet"),
])
async def test_plain_requests_for_my_canvas_coach_and_ideas(
    companion: Companion, line: str, starts: str
) -> None:
    assert (await text(companion, line)).startswith(starts)


@pytest.mark.parametrize("line, starts", [
    ("what's this week's material?", "Week 1:"),
    ("what should I study?", "Week 1:"),
    ("week 5", "Week 5:"),
])
async def test_week_phrasings_still_reach_week(companion: Companion, line: str, starts: str) -> None:
    assert (await text(companion, line)).startswith(starts)


@pytest.mark.parametrize("line", ["what are the costs of sensors?", "what is open data?",
                                  "what is value for money?"])
async def test_questions_that_only_share_a_word_with_a_block_are_left_alone(
    companion: Companion, line: str
) -> None:
    answer = await text(companion, line)
    assert "When it matters" not in answer  # not the canvas block explanation
    assert not any(answer.startswith(f"{b.name}\n") for b in companion.catalog.courses[0].canvas)


async def test_add_edit_remove_show_and_history(companion: Companion, clock: FakeClock) -> None:
    assert "Added to Key Partners on your canvas as #1" in await text(
        companion, "canvas add key partners the council")
    await ask(companion, "canvas add kp: a university")
    clock.advance(minutes=5)
    assert "Updated Key Partners #2" in await text(
        companion, "canvas edit key partner 2 the university's hydrology group")
    assert "Removed Key Partners #1" in await text(companion, "canvas remove kp 1")
    whole = await ask(companion, "canvas")
    assert whole.private
    assert "1. the university's hydrology group" in render_numbered(whole)
    assert "the council" not in whole.plain_text()
    history = await text(companion, "canvas history")
    assert history.splitlines()[1:] == [
        "01 Dec 09:05 · Ada removed from Key Partners: “the council”",
        "01 Dec 09:05 · Ada changed Key Partners: “a university” → “the university's hydrology "
        "group”",
        "01 Dec 09:00 · Ada added to Key Partners: “a university”",
        "01 Dec 09:00 · Ada added to Key Partners: “the council”",
    ]


def render_numbered(reply: Reply) -> str:
    return "\n".join(f"{i}. {item}" for part in reply.parts if isinstance(part, Bullets)
                     for i, item in enumerate(part.items, 1))


@pytest.mark.parametrize("line, problem", [
    ("canvas add the council", "couldn't tell which canvas block"),
    ("canvas add key partners", "That entry is empty"),
    ("canvas edit kp two new text", "Give its number"),
    ("canvas remove kp 4", "has no entries yet"),
    ("canvas nonsense words", "The blocks are: Key Partners"),
])
async def test_bad_arguments_get_a_friendly_way_forward(
    companion: Companion, line: str, problem: str
) -> None:
    assert problem in await text(companion, line)


async def test_over_long_entries_are_refused_with_the_limit_and_nothing_is_lost(
    companion: Companion
) -> None:
    await ask(companion, "canvas add channels SMS alerts")
    answer = await text(companion, "canvas add channels " + "x" * 501)
    assert "up to 500" in answer and "Nothing was changed" in answer
    assert "long" not in (await text(companion, "canvas edit channels 1 " + "y" * 500)).lower()
    assert "y" * 500 in await text(companion, "canvas")


async def test_clear_asks_first_and_keeps_the_canvas_unless_told_yes(companion: Companion) -> None:
    await ask(companion, "canvas add channels SMS alerts")
    assert "Type `yes` to clear it" in await text(companion, "canvas clear")
    assert "Kept your canvas" in await text(companion, "no thanks")
    assert "SMS alerts" in await text(companion, "canvas")
    await ask(companion, "canvas clear")
    assert "1 entry removed" in await text(companion, "yes")
    assert "Nothing on your canvas yet" in await text(companion, "canvas")
    assert "already empty" in await text(companion, "canvas clear")


async def test_one_learner_never_sees_another_learners_canvas(companion: Companion) -> None:
    await ask(companion, "canvas add vp ada's private idea", user="ada")
    await ask(companion, "canvas add vp ada's group idea", user="ada", channel="C1")
    for line in ("canvas", "canvas vp", "canvas history", "canvas export", "canvas image"):
        for where in ({}, {"channel": "C1"}):
            assert "ada's" not in await text(companion, line, user="bob", **where)
    assert "0 entries" in await text(companion, "canvas image", user="bob")


async def test_group_canvas_only_in_a_group_channel(companion: Companion) -> None:
    assert "only works there" in await text(companion, "canvas group add kp council")
    assert "only works there" in await text(companion, "canvas share kp 1")


async def test_group_canvas_shows_who_added_each_entry(companion: Companion) -> None:
    await ask(companion, "canvas group add kp residents' association", user="ada", channel="C1")
    await ask(companion, "canvas group add kp the bus company", user="bob", channel="C1")
    reply = await ask(companion, "canvas group", user="cy", channel="C1")
    assert not reply.private
    answer = reply.plain_text()
    assert "residents' association (added by Ada)" in answer
    assert "the bus company (added by Bob)" in answer
    assert "Bob added that entry" in await text(companion, "canvas group remove kp 2", channel="C1")
    assert "Removed" in await text(companion, "canvas group remove kp 2", user="bob", channel="C1")
    assert "the bus company" not in await text(companion, "canvas group", channel="C2")
    assert "Ada added to Key Partners" in await text(companion, "canvas group history", channel="C1")


async def test_entries_copy_between_own_and_group_canvas(companion: Companion) -> None:
    await ask(companion, "canvas add vp an hour's warning of floods", channel="C1")
    assert "Copied Value Propositions #1 to the group canvas" in await text(
        companion, "canvas share vp 1", channel="C1")
    await ask(companion, "canvas group add vp cleaner air", user="bob", channel="C1")
    assert "to your canvas" in await text(companion, "canvas group take vp 2", channel="C1")
    own = await text(companion, "canvas", channel="C1")
    assert "an hour's warning of floods" in own and "cleaner air" in own
    group = await text(companion, "canvas group", channel="C1", user="bob")
    assert "an hour's warning of floods (added by Ada)" in group


async def test_only_a_facilitator_may_clear_the_group_canvas(companion: Companion) -> None:
    await ask(companion, "canvas group add channels posters", channel="C1")
    assert "Only a facilitator" in await text(companion, "canvas group clear", channel="C1")
    assert "Type `yes`" in await text(companion, "canvas group clear", user="fay", channel="C1",
                                      admin=True)
    assert "Cleared the group canvas" in await text(companion, "yes", user="fay", channel="C1",
                                                    admin=True)


async def test_canvas_image_is_a_png_image_part(companion: Companion) -> None:
    await ask(companion, "canvas add cs tenants in social housing 🏠")
    reply = await ask(companion, "canvas image")
    images = [p for p in reply.parts if isinstance(p, Image)]
    assert len(images) == 1 and reply.private
    assert images[0].png.startswith(b"\x89PNG\r\n\x1a\n")
    assert images[0].filename.endswith(".png")
    assert "1 entries in 1 of 9 blocks" in images[0].alt_text
    group = await ask(companion, "canvas group image", channel="C1")
    assert not group.private and any(isinstance(p, Image) for p in group.parts)


async def test_canvas_export_is_markdown(companion: Companion) -> None:
    await ask(companion, "canvas add revenue a national resilience grant")
    markdown = await text(companion, "canvas export")
    assert markdown.startswith("# Ada's canvas")
    assert "## Revenue Streams\n\n- a national resilience grant" in markdown


async def test_the_canvas_and_its_history_survive_a_restart(settings: Settings) -> None:
    async with open_companion(settings) as first:
        await first.handle(say("canvas add kp the council"))
        await first.handle(say("canvas group add kp a university", channel="C1"))
    async with open_companion(settings) as again:
        mine = (await again.handle(say("canvas"))).plain_text()
        history = (await again.handle(say("canvas history"))).plain_text()
        group = (await again.handle(say("canvas group", channel="C1", user="bob"))).plain_text()
    assert "the council" in mine and "added to Key Partners" in history
    assert "a university (added by Ada)" in group
