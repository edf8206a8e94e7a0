"""With DISCORD_GUILD_IDS set, other servers are refused before any work; DMs are served."""

from __future__ import annotations

import logging

import pytest

from adapters.discord.config import DiscordConfig
from bot.app import Companion
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL, TOKEN, FakeDiscord
from tests.adapters.discord.harness import running_bot, script_router

ELSEWHERE = 424242  # the only server this deployment is set up for


async def test_a_server_not_listed_is_refused_before_any_work(
        companion: Companion, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture) -> None:
    router = script_router(companion)
    config = DiscordConfig(token=TOKEN, guild_ids=(ELSEWHERE,))
    async with running_bot(companion, fake_discord, config) as bot:
        for _ in range(2):
            answer = await bot.slash("week", p.option("number", 5))
            assert answer.body["type"] == 4
            assert answer.message["flags"] & EPHEMERAL
            assert "isn't set up for this server" in answer.message["content"] + str(
                answer.message.get("embeds"))
        clicked = await bot.click("studybot:cmd:week 2")
        assert "isn't set up for this server" in str(clicked.body)
    assert router.seen == []
    refusals = [r for r in caplog.records if "not in DISCORD_GUILD_IDS" in r.getMessage()]
    assert len(refusals) == 1 and refusals[0].levelno == logging.WARNING


async def test_a_listed_server_and_direct_messages_are_served(
        companion: Companion, fake_discord: FakeDiscord) -> None:
    config = DiscordConfig(token=TOKEN, guild_ids=(p.GUILD_ID,))
    async with running_bot(companion, fake_discord, config) as bot:
        answer = await bot.slash("week", p.option("number", 5))
    assert answer.message["embeds"][0]["title"] == "Week 5: Smart leadership and strategy"
