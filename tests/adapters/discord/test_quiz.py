"""The quiz on Discord: questions with buttons (custom_ids within Discord's limits), clicks answer."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL
from tests.adapters.discord.harness import DiscordHarness


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


def shown(message: dict[str, Any]) -> str:
    return str(message.get("embeds", [])) + str(message.get("content", ""))


async def test_a_question_comes_with_buttons_and_a_click_answers_it(bot: DiscordHarness) -> None:
    [question] = await bot.say(p.message_create("quiz week 5", in_dm=True))
    ids = custom_ids(question)
    assert ids[0] == "studybot:cmd:quiz answer w5-key-partners 1"
    assert all(len(i) <= 100 for i in ids)
    answer = await bot.answer(p.click(ids[0], in_dm=True))
    assert "Right!" in shown(answer) and "Question 2 of 5" in shown(answer)


async def test_a_second_click_is_not_counted_again(bot: DiscordHarness) -> None:
    [question] = await bot.say(p.message_create("quiz week 5", in_dm=True))
    first = custom_ids(question)[0]
    await bot.answer(p.click(first, in_dm=True))
    again = await bot.answer(p.click(first, in_dm=True))
    assert "already answered" in shown(again)


async def test_a_typed_answer_in_a_dm_works_too(bot: DiscordHarness) -> None:
    await bot.say(p.message_create("quiz week 5", in_dm=True))
    [feedback] = await bot.say(p.message_create("3", in_dm=True))
    assert "Not quite." in shown(feedback)


async def test_in_a_server_a_click_on_a_quiz_button_answers_privately(bot: DiscordHarness) -> None:
    started = p.click("studybot:cmd:quiz week 5")
    ids = custom_ids(await bot.answer(started))
    click = p.click(ids[0])
    answered = await bot.answer(click)
    assert "Right!" in shown(answered)
    assert all(m["flags"] & EPHEMERAL for m in bot.fake.shown_by(started) + bot.fake.shown_by(click))
