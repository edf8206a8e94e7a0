"""No unwanted pings: the shared 37-string corpus, on every surface, checked at the HTTP layer.

Each hostile string is placed in every kind of Reply part, as our text and as a user's,
and sent through a slash command, a button, a mention, a DM and the poster; and it is
also sent to the real core as a question, whose own answers echo the user's words.
Every message that reaches the fake Discord must carry allowed_mentions={"parse": []}
and show no live mention anywhere (content, embeds, fields, labels, alt text).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from adapters.discord.poster import DiscordPoster
from bot.app import Companion
from bot.messages import (
    Actions,
    Bullets,
    Button,
    ChannelRef,
    Field,
    Fields,
    Heading,
    Image,
    Platform,
    Quote,
    QuoteSource,
    Reply,
    TenantRef,
    Text,
)
from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness, script_router
from tests.adapters.discord.live_mentions import live_mentions
from tests.adapters.discord.replies import PNG
from tests.mention_corpus import MENTION_INJECTIONS

MENTION = f"<@{p.BOT_ID}>"
Surface = Callable[[DiscordHarness, str], Awaitable[None]]


def hostile_reply(text: str) -> Reply:
    """`text` in every kind of part, as ours and as a user's."""
    source = QuoteSource(week=1, title=text, speaker=text, start_seconds=12)
    return Reply.of(
        Heading(text), Text(text), Text(text, from_user=True),
        Bullets((text,)), Bullets((text,), from_user=True),
        Fields((Field(text, text), Field(text, text, from_user=True))), Heading(text, from_user=True),
        Quote(text, source), Quote(text, source, from_user=True), Image(PNG, text),
        Actions((Button(text, "week 2"),)), summary=text)


async def by_slash(bot: DiscordHarness, text: str) -> None:
    await bot.answer(p.slash("ask", p.option("question", text)))


async def by_button(bot: DiscordHarness, text: str) -> None:
    await bot.answer(p.click("studybot:cmd:" + text.replace("\n", " ")))


async def by_mention(bot: DiscordHarness, text: str) -> None:
    await bot.say(p.message_create(f"{MENTION} {text}", mentions=(p.BOT_ID,)))


async def by_dm(bot: DiscordHarness, text: str) -> None:
    await bot.say(p.message_create(text, in_dm=True))


async def by_poster(bot: DiscordHarness, text: str) -> None:
    channel = ChannelRef(TenantRef(Platform.DISCORD, str(p.GUILD_ID)), str(p.CHANNEL_ID))
    result = await DiscordPoster(bot.client).post(channel, hostile_reply(text))
    assert result.ok, result.error


SURFACES: dict[str, Surface] = {"slash": by_slash, "button": by_button, "mention": by_mention,
                                "dm": by_dm, "poster": by_poster}


def assert_nothing_pings(bot: DiscordHarness, expected_sends: int) -> None:
    sends = bot.fake.sends()
    assert len(sends) >= expected_sends
    for request in sends:
        assert request.status == 200, request.body
        assert request.message["allowed_mentions"] == {"parse": []}, request.path
        assert live_mentions(request.message) == [], request.message


@pytest.mark.parametrize("surface", SURFACES)
async def test_hostile_text_in_every_part_pings_nobody(companion: Companion, bot: DiscordHarness,
                                                       surface: str) -> None:
    script_router(companion, hostile_reply)
    for text in MENTION_INJECTIONS:
        await SURFACES[surface](bot, text)
    assert_nothing_pings(bot, len(MENTION_INJECTIONS))


@pytest.mark.parametrize("surface", ["slash", "mention", "dm"])
async def test_the_real_core_echoing_hostile_questions_pings_nobody(bot: DiscordHarness,
                                                                    surface: str) -> None:
    for text in MENTION_INJECTIONS:
        await SURFACES[surface](bot, text)
    assert_nothing_pings(bot, len(MENTION_INJECTIONS))
