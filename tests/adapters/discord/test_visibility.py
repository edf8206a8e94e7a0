"""Who sees an answer: decided before deferring, so private stays private and pings ping.

Discord's "Create Followup Message": after a deferred response, the first follow-up
edits the "thinking…" message and keeps its visibility (its own ephemeral flag is
ignored), and an edit notifies nobody. The fake enforces both (fake_interactions.py).
"""

from __future__ import annotations

from typing import Any

from bot.app import Companion
from bot.messages import Heading, Ping, Reply, Text
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL, FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot, script_router

Payload = dict[str, Any]
MENTION = f"<@{p.BOT_ID}>"
IDEA = "Zephyr Transit Co-op"


def everyone_sees(fake: FakeDiscord, channel_id: int = p.CHANNEL_ID) -> list[Payload]:
    return [m for m in fake.channels.get(channel_id, []) if not m.get("flags", 0) & EPHEMERAL]


def text_of(message: Payload) -> str:
    return str(message.get("content")) + str(message.get("embeds"))


async def settled(bot: DiscordHarness, interaction: Payload, count: int = 1) -> list[Payload]:
    """What the interaction showed, once its placeholder was filled and `count` messages stand."""
    await bot.answer(interaction)
    await bot.fake.wait_until(lambda: len([m for m in bot.fake.shown_by(interaction)
                                           if m.get("content") or m.get("embeds")]) >= count)
    return bot.fake.shown_by(interaction)


async def test_a_private_answer_to_plain_words_reaches_the_asker_and_nobody_else(
    companion: Companion, bot: DiscordHarness
) -> None:
    script_router(companion, lambda line: Reply.of(Text("Your canvas, just for you."), private=True))
    ask = p.slash("ask", p.option("question", "my canvas"))
    shown = await settled(bot, ask)
    assert [m["content"] for m in shown] == ["Your canvas, just for you."]
    assert all(m["flags"] & EPHEMERAL for m in shown)
    assert not any("just for you" in text_of(m) for m in everyone_sees(bot.fake))
    assert [r.status for r in bot.fake.requests if r.status >= 400] == []


async def test_a_public_answer_to_plain_words_is_posted_for_everyone(bot: DiscordHarness) -> None:
    ask = p.slash("ask", p.option("question", "what's this week's material?"))
    shown = await settled(bot, ask)
    [posted] = [m for m in everyone_sees(bot.fake) if m.get("embeds")]
    assert posted["embeds"][0]["title"].startswith("Week 1:")
    assert all(m["flags"] & EPHEMERAL for m in shown), "the asker's own note is private"
    assert "posted the answer in this channel" in shown[0]["content"]


async def test_the_asker_still_gets_a_public_answer_where_studybot_may_not_post(
    bot: DiscordHarness,
) -> None:
    bot.fake.forbidden_channels[p.CHANNEL_ID] = (50013, "Missing Permissions")
    ask = p.slash("ask", p.option("question", "what's this week's material?"))
    shown = await settled(bot, ask, count=2)
    assert "couldn't post this in the channel" in shown[0]["content"]
    assert "Send Messages" in shown[0]["content"]
    assert shown[1]["embeds"][0]["title"].startswith("Week 1:")


async def test_a_known_public_command_whose_answer_is_private_shows_only_a_neutral_line(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    async with running_bot(companion, fake_discord, defer_after=0) as bot:
        script_router(companion, lambda line: Reply.of(Text("Only facilitators can do that."), private=True))
        week = p.slash("week", p.option("number", 2))
        shown = await settled(bot, week, count=2)
    public, private = shown
    assert not public["flags"] & EPHEMERAL and "only the person who asked" in public["content"]
    assert private["flags"] & EPHEMERAL and private["content"] == "Only facilitators can do that."


async def test_a_session_announced_through_plain_words_pings_the_groups_role(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    fake_discord.mentionable_roles.add(p.STUDY_ROLE_ID)
    async with running_bot(companion, fake_discord) as bot:
        for setup in ("group setup start:2027-03-01 tz:Europe/London", f"group ping <@&{p.STUDY_ROLE_ID}>"):
            await bot.say(p.message_create(f"{MENTION} {setup}", by=p.MODERATOR, mentions=(p.BOT_ID,)))
        ask = p.slash("ask", p.option("question", 'session add 2027-03-04 18:00 60m "Catch-up"'),
                      by=p.MODERATOR)
        shown = await settled(bot, ask)
    assert fake_discord.pings_in(p.CHANNEL_ID) == [p.STUDY_ROLE_ID]
    assert all(m["flags"] & EPHEMERAL for m in shown)


async def test_a_quick_answer_that_pings_is_a_channel_message_too(companion: Companion,
                                                                   fake_discord: FakeDiscord) -> None:
    fake_discord.mentionable_roles.add(p.STUDY_ROLE_ID)
    announcement = Reply.of(Heading("Catch-up on Thursday"), ping=Ping(str(p.STUDY_ROLE_ID)))
    async with running_bot(companion, fake_discord) as bot:
        script_router(companion, lambda line: announcement)
        await settled(bot, p.slash("group show"))
    assert fake_discord.pings_in(p.CHANNEL_ID) == [p.STUDY_ROLE_ID]
    [posted] = [r for r in fake_discord.requests if r.path == f"/channels/{p.CHANNEL_ID}/messages"]
    assert posted.body["content"] == f"<@&{p.STUDY_ROLE_ID}>"


# ---- a change runs only once Discord accepted the acknowledgement ----------------------


async def test_a_refused_interaction_changes_nothing(companion: Companion, bot: DiscordHarness) -> None:
    """A callback after 3 s is 10062 Unknown interaction; the user saw "The application did not
    respond" and will try again, so the first attempt must not have saved anything."""
    late = p.slash("canvas add", p.option("block", "key-partners"), p.option("text", IDEA))
    bot.fake.expired.add(late["id"])
    refused = await bot.interact(late)
    assert refused.status == 404
    shown = await settled(bot, p.slash("canvas show", p.option("block", "key-partners")))
    assert IDEA not in text_of(shown[0])


async def test_an_interaction_another_process_answered_is_not_run_again(
    companion: Companion, bot: DiscordHarness
) -> None:
    """Two processes receiving the same interaction: the second acknowledgement is 40060."""
    added = p.slash("canvas add", p.option("block", "key-partners"), p.option("text", IDEA))
    await settled(bot, added)
    await bot.fake.dispatch("INTERACTION_CREATE", added)  # delivered once more, as to a second process
    await bot.fake.wait_until(lambda: [r.status for r in bot.fake.requests
                                       if bot.fake.callback_of(added)(r)] == [200, 400])
    shown = await settled(bot, p.slash("canvas show", p.option("block", "key-partners")))
    assert text_of(shown[0]).count(IDEA) == 1


async def test_a_session_added_with_its_own_leaf_is_announced_with_a_ping_and_answered_privately(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    fake_discord.mentionable_roles.add(p.STUDY_ROLE_ID)
    async with running_bot(companion, fake_discord) as bot:
        for setup in ("group setup start:2027-03-01 tz:Europe/London", f"group ping <@&{p.STUDY_ROLE_ID}>"):
            await bot.say(p.message_create(f"{MENTION} {setup}", by=p.MODERATOR, mentions=(p.BOT_ID,)))
        add = p.slash("session add", p.option("when", "2027-03-04 18:00"), p.option("title", "Catch-up"),
                      by=p.MODERATOR)
        await settled(bot, add)
        [announced] = [m for m in everyone_sees(fake_discord) if "Catch-up" in text_of(m)]
        rsvp = p.slash("session rsvp", p.option("number", 1), p.option("answer", "going"))
        answer = await settled(bot, rsvp)
    assert fake_discord.pinged[announced["id"]] == [p.STUDY_ROLE_ID]
    assert all(m["flags"] & EPHEMERAL for m in answer) and "going" in text_of(answer[0]).lower()


async def test_a_public_answer_held_by_a_long_rate_limit_reaches_the_asker_privately_now(
    bot: DiscordHarness,
) -> None:
    bot.fake.rate_limits.append(120.0)  # past discord.py's 30 s: RateLimited, no HTTPException
    ask = p.slash("ask", p.option("question", "what's this week's material?"))
    shown = await settled(bot, ask, count=2)
    assert "wait 120 seconds" in shown[0]["content"]
    assert shown[1]["embeds"][0]["title"].startswith("Week 1:")
