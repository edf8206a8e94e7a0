"""Opt-in pings on Discord: the group's chosen role, and only it, in its reminders and
session announcements; everything a user wrote still pings nobody."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from adapters.discord.embeds import render
from adapters.discord.poster import DiscordPoster
from adapters.discord.sending import allowed_mentions
from bot.app import Companion
from bot.messages import ChannelRef, Heading, Ping, Platform, Reply, TenantRef, Text
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL, FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot, script_router
from tests.adapters.discord.live_mentions import live_mentions

MENTION = f"<@{p.BOT_ID}>"
ROLE = f"<@&{p.STUDY_ROLE_ID}>"
HOSTILE = f"@everyone @here <@&{p.MODERATOR_ROLE_ID}> <@{p.ADA}>"
GROUP = ChannelRef(TenantRef(Platform.DISCORD, str(p.GUILD_ID)), str(p.CHANNEL_ID))


async def said(bot: DiscordHarness, text: str, *, by: int = p.MODERATOR) -> dict[str, Any]:
    """What the bot sent in answer, as it reached Discord (with its allowed_mentions)."""
    await bot.say(p.message_create(f"{MENTION} {text}", by=by, mentions=(p.BOT_ID,)))
    return dict(bot.fake.sends()[-1].message)


def allowed(mentions: dict[str, Any]) -> dict[str, Any]:
    """allowed_mentions with role ids as text (Discord takes a snowflake either way)."""
    return {k: [str(i) for i in v] if k == "roles" else v for k, v in mentions.items()}


ONLY_THE_ROLE = {"parse": [], "roles": [str(p.STUDY_ROLE_ID)]}


def shown(message: dict[str, Any]) -> str:
    return " ".join([message.get("content") or ""] + [
        f"{e.get('title')} {e.get('description')} " + " ".join(f["value"] for f in e.get("fields") or [])
        for e in message.get("embeds") or []])


async def test_a_reply_with_a_ping_mentions_that_role_and_allows_only_it() -> None:
    [message] = render(Reply.of(Heading("Week 2"), Text(HOSTILE), ping=Ping(str(p.STUDY_ROLE_ID))))
    assert message.wire_content() == ROLE
    assert allowed(dict(allowed_mentions(message).to_dict())) == ONLY_THE_ROLE
    [plain] = render(Reply.of(Text("No ping here")))
    assert allowed_mentions(plain).to_dict() == {"parse": []}


async def test_a_private_reply_or_a_ping_that_is_no_role_id_mentions_nobody() -> None:
    for reply in (Reply.of(Text("hi"), private=True, ping=Ping(str(p.STUDY_ROLE_ID))),
                  Reply.of(Text("hi"), ping=Ping("everyone"))):
        [message] = render(reply)
        assert message.ping_role is None and message.wire_content() == "hi"


async def test_the_poster_sends_the_ping_and_user_text_stays_defused(bot: DiscordHarness) -> None:
    reply = Reply.of(Heading("Week 2 starts today"), Text(HOSTILE, from_user=True), Text(HOSTILE),
                     ping=Ping(str(p.STUDY_ROLE_ID), "@Study group"))
    result = await DiscordPoster(bot.client).post(GROUP, reply)
    assert result.ok, result.error
    [send] = bot.fake.sends()
    assert send.message["content"] == ROLE
    assert allowed(send.message["allowed_mentions"]) == ONLY_THE_ROLE
    assert live_mentions(send.message) == [ROLE]


async def test_the_fake_refuses_a_message_that_may_ping_more_than_its_one_role(bot: DiscordHarness) -> None:
    channel = bot.client.get_partial_messageable(p.CHANNEL_ID)
    two_roles = [discord.Object(id=p.STUDY_ROLE_ID), discord.Object(id=p.MODERATOR_ROLE_ID)]
    loose_ones = (discord.AllowedMentions(everyone=False, users=False, roles=two_roles),
                  discord.AllowedMentions(everyone=True, users=False, roles=False),
                  discord.AllowedMentions(everyone=False, users=True, roles=False),
                  discord.AllowedMentions(everyone=False, users=False, roles=True))
    for loose in loose_ones:
        try:
            await channel.send(ROLE, allowed_mentions=loose)
        except discord.HTTPException as error:
            assert error.status == 400
        else:
            raise AssertionError(f"the fake let {loose} through")


async def test_group_ping_chooses_the_role_for_session_announcements(bot: DiscordHarness) -> None:
    await said(bot, "group setup start:2027-03-01 tz:Europe/London")
    chosen = await said(bot, f"group ping {ROLE}")
    assert "@Study group" in shown(chosen) and chosen["allowed_mentions"] == {"parse": []}
    assert live_mentions(chosen) == [], "saying which role it is pings nobody"
    card = await said(bot, "group")
    assert "@Study group" in shown(card) and live_mentions(card) == []
    announced = await said(bot, f'session add 2027-03-04 18:00 60m "Catch-up {HOSTILE}"')
    assert announced["content"] == ROLE
    assert allowed(announced["allowed_mentions"]) == ONLY_THE_ROLE
    assert live_mentions(announced) == [ROLE], "the title a facilitator typed pings nobody"
    await said(bot, "group ping off")
    later = await said(bot, 'session add 2027-03-11 18:00 60m "Second catch-up"')
    assert not later.get("content") and later["allowed_mentions"] == {"parse": []}


async def test_only_facilitators_choose_the_ping(bot: DiscordHarness) -> None:
    await said(bot, "group setup start:2027-03-01 tz:Europe/London")
    await said(bot, f"group ping {ROLE}", by=p.ADA)
    assert any("facilitator" in shown(s.message).lower() for s in bot.fake.sends())
    card = await said(bot, "group")
    fields = [f for e in card["embeds"] for f in e.get("fields") or []]
    assert [f["value"] for f in fields if f["name"] == "Mentions"] == ["off"]



async def test_everyone_and_the_bots_own_role_cannot_be_chosen(bot: DiscordHarness) -> None:
    await said(bot, "group setup start:2027-03-01 tz:Europe/London")
    for role in (p.GUILD_ID, p.BOT_ROLE_ID):
        refused = await said(bot, f"group ping <@&{role}>")
        assert "Which role or user group" in shown(refused), role
    card = await said(bot, "group")
    fields = [f for e in card["embeds"] for f in e.get("fields") or []]
    assert [f["value"] for f in fields if f["name"] == "Mentions"] == ["off"]


# ---- `/study group ping` checks that the role can be pinged at all ---------------------
# Discord notifies a role only if it "is mentionable" or the sender may mention all roles
# (Mention @everyone, @here and All Roles); otherwise the mention shows and pings nobody.


def ping_leaf(*, mentionable: bool, app_permissions: int = p.VIEW_AND_SEND) -> dict[str, Any]:
    interaction = p.slash("group ping", p.role_option("role", p.STUDY_ROLE_ID), by=p.FACILITATOR,
                          resolved=p.resolved_role(p.STUDY_ROLE_ID, "Study group", mentionable=mentionable))
    interaction["app_permissions"] = str(app_permissions)
    return interaction


async def test_a_role_that_cannot_be_pinged_is_refused_with_what_to_change(
    companion: Companion, bot: DiscordHarness
) -> None:
    router = script_router(companion)
    answer = await bot.answer(ping_leaf(mentionable=False))
    assert answer["flags"] & EPHEMERAL
    assert "Allow anyone to @mention this role" in answer["content"]
    assert "Mention @everyone, @here and All Roles" in answer["content"].replace("\u200b", "")
    assert router.seen == [], "nothing was chosen"


@pytest.mark.parametrize("mentionable, app_permissions", [
    (True, p.VIEW_AND_SEND), (False, p.VIEW_AND_SEND | p.MENTION_EVERYONE)])
async def test_a_role_that_can_be_pinged_is_chosen(companion: Companion, bot: DiscordHarness,
                                                   mentionable: bool, app_permissions: int) -> None:
    router = script_router(companion)
    await bot.answer(ping_leaf(mentionable=mentionable, app_permissions=app_permissions))
    assert [line for _, line in router.seen] == [f"group ping <@&{p.STUDY_ROLE_ID}>"]


async def test_an_announcement_pings_only_when_discord_would_let_it(companion: Companion,
                                                                    fake_discord: FakeDiscord) -> None:
    """The fake's rule, on its own: same message, the role's setting decides."""
    def reply(day: str) -> Reply:
        return Reply.of(Heading(f"Catch-up on {day}"), ping=Ping(str(p.STUDY_ROLE_ID)))

    async with running_bot(companion, fake_discord) as bot:
        await DiscordPoster(bot.client).post(GROUP, reply("Monday"))
        fake_discord.mentionable_roles.add(p.STUDY_ROLE_ID)
        await DiscordPoster(bot.client).post(GROUP, reply("Tuesday"))
        fake_discord.mentionable_roles.clear()
        fake_discord.bot_permissions |= p.MENTION_EVERYONE
        await DiscordPoster(bot.client).post(GROUP, reply("Wednesday"))
    pinged = [fake_discord.pinged[m["id"]] for m in fake_discord.channels[p.CHANNEL_ID]]
    assert pinged == [[], [p.STUDY_ROLE_ID], [p.STUDY_ROLE_ID]]
