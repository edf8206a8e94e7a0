"""Answers slower than an interaction's 15-minute token: never "thinking…" forever.

Discord: "Interaction tokens are valid for 15 minutes"; afterwards a follow-up or an
edit is 401 Invalid Webhook Token (50027). The fake enforces it (fake_interactions.py).
"""

from __future__ import annotations

import asyncio

from bot.app import Companion
from bot.messages import Incoming, Reply, Text
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL
from tests.adapters.discord.harness import DiscordHarness

FIFTEEN_MINUTES = 15 * 60.0


def slow_router(companion: Companion, reply: Reply) -> asyncio.Event:
    """Every command waits for the returned event before answering `reply`."""
    release = asyncio.Event()

    async def run_command_line(message: Incoming, line: str) -> Reply:
        await release.wait()
        return reply

    companion.router.run_command_line = run_command_line  # type: ignore[method-assign]
    return release


async def test_an_answer_past_the_token_goes_to_the_askers_dms(companion: Companion,
                                                                bot: DiscordHarness) -> None:
    release = slow_router(companion, Reply.of(Text("Noted: bike lanes."), private=True))
    added = p.slash("ideas add", p.option("text", "bike lanes"))
    await bot.interact(added)
    bot.fake.let_time_pass(added, FIFTEEN_MINUTES + 1)
    release.set()
    await bot.fake.wait_until(lambda: bool(bot.fake.channels.get(p.DM_IDS[p.ADA])))
    [dm] = bot.fake.channels[p.DM_IDS[p.ADA]]
    assert dm["content"] == "Noted: bike lanes."
    assert 401 in [r.status for r in bot.fake.requests]


async def test_a_public_answer_past_the_token_is_posted_in_the_channel(companion: Companion,
                                                                        bot: DiscordHarness) -> None:
    release = slow_router(companion, Reply.of(Text("Week 2 is about data.")))
    bot.client.button_handler.defer_after = 0
    week = p.slash("week", p.option("number", 2))
    await bot.interact(week)
    bot.fake.let_time_pass(week, FIFTEEN_MINUTES + 1)
    release.set()
    await bot.fake.wait_until(lambda: any(m["content"] == "Week 2 is about data."
                                          for m in bot.fake.channels[p.CHANNEL_ID]))


async def test_near_the_end_of_the_token_the_placeholder_says_where_the_answer_will_come(
    companion: Companion, bot: DiscordHarness
) -> None:
    release = slow_router(companion, Reply.of(Text("Noted: trams."), private=True))
    bot.client.button_handler.answer_within = 0.01
    added = p.slash("ideas add", p.option("text", "trams"))
    await bot.interact(added)
    await bot.fake.wait_until(lambda: "taking longer" in bot.fake.shown_by(added)[0]["content"])
    [placeholder] = bot.fake.shown_by(added)
    assert placeholder["flags"] & EPHEMERAL and "direct message" in placeholder["content"]
    bot.fake.let_time_pass(added, FIFTEEN_MINUTES + 1)
    release.set()
    await bot.fake.wait_until(lambda: bool(bot.fake.channels.get(p.DM_IDS[p.ADA])))
    assert bot.fake.channels[p.DM_IDS[p.ADA]][0]["content"] == "Noted: trams."
