"""Buttons: a click (a real component INTERACTION_CREATE) runs its command through the router."""

from __future__ import annotations

import re

from bot.app import Companion
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL, FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot, script_router


async def test_a_click_runs_its_command_and_answers_the_clicker_privately(
    companion: Companion, bot: DiscordHarness
) -> None:
    router = script_router(companion)
    click = p.click("studybot:cmd:week 4")
    answer = await bot.answer(click)
    assert router.seen[0][1] == "week 4"
    assert answer["embeds"][0]["title"].startswith("Week 4:")
    assert [m["flags"] & EPHEMERAL for m in bot.fake.shown_by(click)] == [EPHEMERAL]
    assert answer["allowed_mentions"] == {"parse": []}


async def test_in_a_dm_a_click_answers_in_the_open(bot: DiscordHarness) -> None:
    click = p.click("studybot:cmd:weeks", in_dm=True)
    answer = await bot.answer(click)
    assert [m["flags"] & EPHEMERAL for m in bot.fake.shown_by(click)] == [0]
    assert "Smart cities: 6 weeks" in answer["embeds"][0]["title"]


async def test_buttons_still_work_after_a_restart(companion: Companion, fake_discord: FakeDiscord) -> None:
    async with running_bot(companion, fake_discord) as first:
        sent = await first.slash("week", p.option("number", 2))
    next_week = next(b["custom_id"] for b in sent.message["components"][0]["components"]
                     if b["label"] == "Next week ▶")
    async with running_bot(companion, fake_discord) as restarted:
        answer = await restarted.answer(p.click(next_week))  # on a message this process never saw
    assert next_week == "studybot:cmd:week 3"
    assert answer["embeds"][0]["title"].startswith("Week 3:")


async def test_buttons_of_other_apps_are_not_ours_to_answer(bot: DiscordHarness) -> None:
    foreign = p.click("someone-else:week 4")
    await bot.fake.dispatch("INTERACTION_CREATE", foreign)
    await bot.click("studybot:cmd:weeks")  # answered after the foreign click was dispatched
    assert not any(bot.fake.callback_of(foreign)(r) for r in bot.fake.requests)


async def test_more_results_shows_the_search_on_its_message_to_anyone_who_clicks(
    bot: DiscordHarness,
) -> None:
    found = await bot.answer(p.slash("search", p.option("query", "data")))
    [more] = [b["custom_id"] for row in found["components"] for b in row["components"]]
    await bot.slash("search", p.option("query", "standards"), by=p.FACILITATOR)  # her own last search
    clicked = await bot.answer(p.click(more, by=p.FACILITATOR))
    assert more == "studybot:cmd:more 3 data"
    assert "More for “data”" in clicked["content"]


LONG_QUERY = "data standards and sharing information between the council, local businesses and residents"


async def test_a_button_too_long_for_a_custom_id_works_by_reference_for_anyone_after_a_restart(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    async with running_bot(companion, fake_discord) as first:
        found = await first.answer(p.slash("search", p.option("query", LONG_QUERY)))
    [more] = [b["custom_id"] for row in found["components"] for b in row["components"]]
    assert re.fullmatch(r"studybot:ref:[0-9a-f]{24}", more)
    async with running_bot(companion, fake_discord) as restarted:
        clicked = await restarted.answer(p.click(more, by=p.FACILITATOR))
    assert f"More for “{LONG_QUERY}”" in clicked["content"]


async def test_a_button_whose_reference_is_gone_says_to_ask_again(bot: DiscordHarness) -> None:
    response = await bot.click("studybot:ref:" + "0" * 24)
    assert response.message["flags"] & EPHEMERAL
    assert "Ask again" in response.message["content"]
