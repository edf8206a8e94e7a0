"""Every request the adapter sends is checked against Discord's OpenAPI request schemas.

The fake Discord refuses any body that breaks the schema of its operation (as Discord
does, with 400 Invalid Form Body), so every Discord test also checks its traffic; the
schemas are Discord's own (openapi/requests.json, cut from github.com/discord/
discord-api-spec, MIT). Here: the check itself, and one session that sends each kind.
"""

from __future__ import annotations

import re

import discord

from adapters.discord.poster import DiscordPoster
from bot.messages import ChannelRef, Heading, Ping, Platform, Reply, TenantRef, Text
from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness
from tests.adapters.discord.replies import ThreadedReply
from tests.adapters.discord.spec_schemas import spec, spec_problems

GROUP = ChannelRef(TenantRef(Platform.DISCORD, str(p.GUILD_ID)), str(p.CHANNEL_ID))


def test_a_body_that_breaks_the_schema_is_found() -> None:
    assert spec_problems("POST", f"/channels/{p.CHANNEL_ID}/messages", {"content": "x" * 4001}) == [
        "body.content: longer than 4000"]
    assert spec_problems("POST", "/interactions/1/t/callback", {"type": 4, "data": {"flags": "64"}})
    assert spec_problems("POST", "/users/@me/channels", {"recipient_id": "ada"})


def test_discord_py_wire_forms_are_read_as_discord_reads_them() -> None:
    """Snowflakes as JSON integers, as discord.py sends them."""
    mentions = {"parse": [], "roles": [p.STUDY_ROLE_ID]}
    assert spec_problems("POST", f"/channels/{p.CHANNEL_ID}/messages",
                         {"content": "hi", "allowed_mentions": mentions}) == []
    assert spec_problems("POST", "/users/@me/channels", {"recipient_id": p.ADA}) == []


async def test_the_fake_refuses_what_discord_would(bot: DiscordHarness) -> None:
    channel = bot.client.get_partial_messageable(p.CHANNEL_ID)
    try:
        await channel.send("x", allowed_mentions=discord.AllowedMentions.none(), nonce="n" * 26)
    except discord.HTTPException as error:
        assert (error.status, error.code) == (400, 50035)
    else:
        raise AssertionError("a 26-character nonce went through")


async def test_every_kind_of_request_the_adapter_sends_fits_discords_schemas(bot: DiscordHarness) -> None:
    await bot.answer(p.slash("week", p.option("number", 2)))
    await bot.answer(p.slash("canvas image"))
    await bot.answer(p.slash("ask", p.option("question", "what's this week's material?")))
    await bot.answer(p.click("studybot:cmd:week 3"))
    await bot.autocomplete("week", p.option("number", "", focused=True))
    poster = DiscordPoster(bot.client)
    await poster.post(GROUP, ThreadedReply(parts=(Text("What surprised you?"),)))
    await poster.post(GROUP, Reply.of(Heading("Week 2"), ping=Ping(str(p.STUDY_ROLE_ID))))
    person = ChannelRef(GROUP.tenant, str(p.ADA), is_direct=True, to_person=True)
    await poster.post(person, Reply.of(Text("Hi")))
    sent = {f"{r.method} {r.path}" for r in bot.fake.requests}
    for operation in spec()["operations"]:
        method, template = operation.split(" ", 1)
        pattern = method + " " + re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(template))
        if "guilds" not in operation:  # guild commands: test_commands syncs them with DISCORD_GUILD_IDS
            assert any(re.fullmatch(pattern, s) for s in sent), operation
    assert bot.fake.spec_violations == []
    assert [r.status for r in bot.fake.requests if r.status >= 400] == []
