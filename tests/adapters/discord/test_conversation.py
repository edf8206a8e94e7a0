"""`@studybot <question>` in a server and plain words in DMs, as MESSAGE_CREATE payloads."""

from __future__ import annotations

import pytest

from adapters.discord.config import DiscordConfig
from bot.app import Companion
from bot.messages import Reply, Text
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import TOKEN, FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot, script_router
from tests.adapters.discord.replies import ThreadedReply

MENTION = f"<@{p.BOT_ID}>"


async def quiet_in_channel(bot: DiscordHarness, message: dict[str, object]) -> bool:
    """Send `message`, then a DM as a barrier; True if the bot said nothing in the channel."""
    before = len(bot.fake.channels.get(p.CHANNEL_ID, []))
    await bot.fake.dispatch("MESSAGE_CREATE", message)
    await bot.say(p.message_create("help", in_dm=True))
    return len(bot.fake.channels.get(p.CHANNEL_ID, [])) == before


async def test_a_mention_is_answered_in_the_channel_as_a_reply_that_pings_nobody(
    companion: Companion, bot: DiscordHarness
) -> None:
    router = script_router(companion)
    question = p.message_create(f"{MENTION} week 3", mentions=(p.BOT_ID,))
    [answer] = await bot.say(question)
    assert router.seen[0][1] == "week 3"
    assert answer["embeds"][0]["title"].startswith("Week 3:")
    [post] = [r for r in bot.fake.requests if r.path == f"/channels/{p.CHANNEL_ID}/messages"]
    assert str(post.body["message_reference"]["message_id"]) == question["id"]
    assert post.body["allowed_mentions"] == {"parse": []}


async def test_a_mention_of_the_bots_role_counts_as_a_mention(companion: Companion,
                                                              bot: DiscordHarness) -> None:
    router = script_router(companion)
    await bot.say(p.message_create(f"<@&{p.BOT_ROLE_ID}> weeks", role_mentions=(p.BOT_ROLE_ID,)))
    assert router.seen[0][1] == "weeks"


async def test_messages_not_for_the_bot_are_left_alone(bot: DiscordHarness) -> None:
    assert await quiet_in_channel(bot, p.message_create("week 3, anyone?"))
    assert await quiet_in_channel(bot, p.message_create("studybot week 3"))
    assert await quiet_in_channel(bot, p.message_create(f"{MENTION} hi", mentions=(p.BOT_ID,),
                                                        author_is_bot=True))


async def test_with_the_message_content_intent_a_message_may_start_with_the_bots_name(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    config = DiscordConfig(token=TOKEN, message_content=True)
    async with running_bot(companion, fake_discord, config) as bot:
        [answer] = await bot.say(p.message_create("studybot week 2"))
    assert answer["embeds"][0]["title"].startswith("Week 2:")
    assert fake_discord.identifies[0]["intents"] & p.MESSAGE_CONTENT_INTENT


async def test_without_it_the_bot_asks_discord_for_no_privileged_intent(bot: DiscordHarness) -> None:
    assert not bot.fake.identifies[0]["intents"] & p.MESSAGE_CONTENT_INTENT


async def test_plain_words_in_a_dm_are_answered_there(companion: Companion, bot: DiscordHarness) -> None:
    router = script_router(companion)
    [answer] = await bot.say(p.message_create("what's this week's material?", in_dm=True))
    incoming = router.seen[0][0]
    assert (incoming.channel.is_direct, incoming.channel.id, incoming.user.tenant.id) == (
        True, str(p.DM_IDS[p.ADA]), "dm")
    assert answer["embeds"][0]["title"].startswith("Week 1:")


async def test_a_mention_in_a_thread_is_answered_in_the_thread(companion: Companion,
                                                               bot: DiscordHarness) -> None:
    router = script_router(companion)
    await bot.say(p.message_create(f"{MENTION} week 3", mentions=(p.BOT_ID,), channel_id=p.THREAD_ID))
    channel = router.seen[0][0].channel
    assert (channel.id, channel.thread) == (str(p.CHANNEL_ID), str(p.THREAD_ID))


async def test_a_private_answer_goes_to_dms_with_a_note_in_the_channel(
    companion: Companion, bot: DiscordHarness
) -> None:
    script_router(companion, lambda line: Reply.of(Text("Your canvas: secret ideas"), private=True))
    [note] = await bot.say(p.message_create(f"{MENTION} canvas", mentions=(p.BOT_ID,)))
    assert "direct message" in note["content"]
    [private] = bot.fake.channels[p.DM_IDS[p.ADA]]
    assert private["content"] == "Your canvas: secret ideas"


async def test_with_dms_closed_a_private_answer_is_never_posted_in_the_channel(
    companion: Companion, bot: DiscordHarness
) -> None:
    bot.fake.closed_dms.add(p.ADA)
    script_router(companion, lambda line: Reply.of(Text("Your canvas: secret ideas"), private=True))
    [note] = await bot.say(p.message_create(f"{MENTION} canvas", mentions=(p.BOT_ID,)))
    assert "can't send you direct messages" in note["content"]
    assert "secret" not in str(bot.fake.channels)


async def test_a_prompt_asked_for_by_mention_opens_a_thread(companion: Companion,
                                                             bot: DiscordHarness) -> None:
    script_router(companion, lambda line: ThreadedReply(parts=(Text("Who owns city data?"),),
                                                        summary="Discussion: who owns city data?"))
    ask = p.message_create(f"{MENTION} prompt now", mentions=(p.BOT_ID,), by=p.FACILITATOR)
    [posted] = await bot.say(ask)
    await bot.fake.wait_until(lambda: bool(bot.fake.threads))
    assert (bot.fake.threads[0]["id"], bot.fake.threads[0]["name"]) == (
        posted["id"], "Discussion: who owns city data?")


async def test_a_mentioned_channel_counts_as_seen_only_when_discord_lets_the_author_view_it(
    companion: Companion, bot: DiscordHarness
) -> None:
    router = script_router(companion)
    unknown = 999_999_999_999
    line = f"{MENTION} group join <#{p.OTHER_CHANNEL_ID}> <#{unknown}>"
    await bot.say(p.message_create(line, mentions=(p.BOT_ID,)))
    message = router.seen[0][0]
    assert message.visible_channels == frozenset({str(p.OTHER_CHANNEL_ID)})
    assert not message.can_see(str(unknown))


async def test_a_mention_reply_held_by_a_long_rate_limit_is_sent_after_the_wait(bot: DiscordHarness) -> None:
    waited: list[float] = []

    async def wait(seconds: float) -> None:
        waited.append(seconds)

    bot.client.messages.wait = wait
    bot.fake.rate_limits.append(90.0)
    [answer] = await bot.say(p.message_create(f"<@{p.BOT_ID}> week 2", mentions=(p.BOT_ID,)))
    assert answer["embeds"][0]["title"].startswith("Week 2:")
    assert waited == [90.0]


async def test_with_dms_closed_the_note_offers_slash_commands_where_they_are_synced(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    """With DISCORD_GUILD_IDS, `/study` is synced to those servers only, and only those
    servers are answered at all, so the note may offer it there."""
    fake_discord.closed_dms.add(p.ADA)
    here = DiscordConfig(token=TOKEN, guild_ids=(p.GUILD_ID,))
    async with running_bot(companion, fake_discord, here) as bot:
        script_router(companion, lambda line: Reply.of(Text("Your canvas: secret ideas"), private=True))
        [note] = await bot.say(p.message_create(f"{MENTION} canvas", mentions=(p.BOT_ID,)))
    assert "/study ask" in note["content"] and "secret" not in note["content"]


@pytest.mark.parametrize("code, text", [(50013, "Missing Permissions"), (50001, "Missing Access")])
async def test_where_studybot_may_not_post_the_asker_gets_the_answer_by_dm_and_the_channel_is_left_alone(
    bot: DiscordHarness, code: int, text: str
) -> None:
    bot.fake.forbidden_channels[p.CHANNEL_ID] = (code, text)
    for asked in range(1, 4):
        await bot.fake.dispatch("MESSAGE_CREATE", p.message_create(f"{MENTION} week 2", mentions=(p.BOT_ID,)))
        await bot.fake.wait_until(lambda n=2 * asked: len(bot.fake.channels.get(p.DM_IDS[p.ADA], [])) == n)
    dms = bot.fake.channels[p.DM_IDS[p.ADA]]
    assert f"Discord said {text}" in dms[0]["content"] and "Send Messages" in dms[0]["content"]
    assert dms[1]["embeds"][0]["title"].startswith("Week 2:")
    refused = [r for r in bot.fake.requests if r.status == 403]
    assert len(refused) == 1, "one refusal is enough to know"
