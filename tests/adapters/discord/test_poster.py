"""DiscordPoster: scheduled posts over REST, readable failures, and never a double post."""

from __future__ import annotations

import pytest

from adapters.discord.client import StudyClient
from adapters.discord.config import DiscordConfig
from adapters.discord.poster import DiscordPoster
from bot.app import Companion
from bot.messages import ChannelRef, Heading, Platform, Reply, TenantRef, Text
from bot.ports import PostResult
from bot.schedule import outbox
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import TOKEN
from tests.adapters.discord.harness import DiscordHarness
from tests.adapters.discord.replies import ThreadedReply, long_search_result

TENANT = TenantRef(Platform.DISCORD, str(p.GUILD_ID))
CHANNEL = ChannelRef(TENANT, str(p.CHANNEL_ID))
REMINDER = Reply.of(Heading("Week 3 starts today"), Text("Have a look at `week 3`."), summary="Week 3")


@pytest.fixture
def poster(bot: DiscordHarness) -> DiscordPoster:
    return DiscordPoster(bot.client)


def posts_to(bot: DiscordHarness, channel_id: int) -> list[dict[str, object]]:
    return bot.fake.channels.get(channel_id, [])


async def test_a_post_lands_in_the_channel_and_pings_nobody(bot: DiscordHarness,
                                                            poster: DiscordPoster) -> None:
    result = await poster.post(CHANNEL, REMINDER)
    [message] = posts_to(bot, p.CHANNEL_ID)
    assert (result.ok, result.message_id) == (True, message["id"])
    assert message["embeds"][0]["title"] == "Week 3 starts today"
    [request] = bot.fake.sends()
    assert request.body["allowed_mentions"] == {"parse": []}


async def test_a_post_for_a_thread_goes_into_the_thread(bot: DiscordHarness, poster: DiscordPoster) -> None:
    result = await poster.post(ChannelRef(TENANT, str(p.CHANNEL_ID), thread=str(p.THREAD_ID)), REMINDER)
    assert result.ok and len(posts_to(bot, p.THREAD_ID)) == 1


async def test_a_retried_post_is_not_posted_twice(bot: DiscordHarness, poster: DiscordPoster) -> None:
    first = await poster.post(CHANNEL, REMINDER)
    again = await poster.post(CHANNEL, REMINDER)  # e.g. the process died before marking it sent
    assert first.message_id == again.message_id
    assert len(posts_to(bot, p.CHANNEL_ID)) == 1
    await poster.post(CHANNEL, Reply.of(Text("Something else")))
    assert len(posts_to(bot, p.CHANNEL_ID)) == 2


async def test_a_long_post_is_split_within_limits(bot: DiscordHarness, poster: DiscordPoster) -> None:
    result = await poster.post(CHANNEL, long_search_result())
    assert result.ok
    assert len(posts_to(bot, p.CHANNEL_ID)) == 4
    assert all(r.status == 200 for r in bot.fake.requests)


async def test_a_prompt_post_opens_a_thread(bot: DiscordHarness, poster: DiscordPoster) -> None:
    reply = ThreadedReply(parts=(Text("Which data would you share?"),), summary="Discussion: sharing data")
    result = await poster.post(CHANNEL, reply)
    [thread] = bot.fake.threads
    assert (thread["id"], thread["name"], thread["auto_archive_duration"]) == (
        result.message_id, "Discussion: sharing data", 1440)


@pytest.mark.parametrize("code, text, words", [
    (50013, "Missing Permissions", "isn't allowed to post in channel"),
    (50001, "Missing Access", "can't see channel"),
])
async def test_forbidden_is_recorded_with_a_reason_and_not_retried(
    bot: DiscordHarness, poster: DiscordPoster, code: int, text: str, words: str
) -> None:
    bot.fake.forbidden_channels[p.CHANNEL_ID] = (code, text)
    result = await poster.post(CHANNEL, REMINDER)
    assert (result.ok, result.retryable) == (False, False)
    assert f"{words} {p.CHANNEL_ID}" in (result.error or "")
    for permission in ("Send Messages,", "Send Messages in Threads", "Read Message History"):
        assert permission in (result.error or "")


async def test_an_unknown_channel_is_recorded_and_not_retried(bot: DiscordHarness,
                                                              poster: DiscordPoster) -> None:
    bot.fake.missing_channels.add(p.CHANNEL_ID)
    result = await poster.post(CHANNEL, REMINDER)
    assert (result.ok, result.retryable) == (False, False)
    assert "no longer exists" in (result.error or "")


async def test_a_long_rate_limit_is_handed_back_with_its_wait(bot: DiscordHarness,
                                                              poster: DiscordPoster) -> None:
    bot.fake.rate_limits.append(120.0)
    result = await poster.post(CHANNEL, REMINDER)
    assert (result.ok, result.retryable, result.retry_after) == (False, True, 120.0)
    assert "slow down" in (result.error or "")
    assert posts_to(bot, p.CHANNEL_ID) == []


async def test_a_short_rate_limit_is_waited_out_and_posted_once(bot: DiscordHarness,
                                                                poster: DiscordPoster) -> None:
    bot.fake.rate_limits.append(0.01)  # discord.py itself waits this long and retries
    result = await poster.post(CHANNEL, REMINDER)
    assert result.ok and len(posts_to(bot, p.CHANNEL_ID)) == 1


async def test_a_channel_of_another_platform_is_refused(poster: DiscordPoster) -> None:
    result = await poster.post(ChannelRef(TenantRef(Platform.SLACK, "T1"), "C123"), REMINDER)
    assert (result.ok, result.retryable) == (False, False)


async def test_before_login_a_post_is_retried_later(companion: Companion) -> None:
    client = StudyClient(companion, DiscordConfig(token=TOKEN))
    result = await DiscordPoster(client).post(CHANNEL, REMINDER)  # never logged in: no session to close
    assert (result.ok, result.retryable) == (False, True)


async def posted_as_delivery(poster: DiscordPoster, key: str, reply: Reply) -> PostResult:
    """Post the way the outbox does: with the occurrence's delivery key in context."""
    token = outbox._DELIVERY_KEY.set(key)
    try:
        return await poster.post(CHANNEL, reply)
    finally:
        outbox._DELIVERY_KEY.reset(token)


async def test_every_attempt_of_one_delivery_shows_once_even_if_recomposed(
    bot: DiscordHarness, poster: DiscordPoster
) -> None:
    first = await posted_as_delivery(poster, "7:20261207T090000Z:C1", REMINDER)
    again = await posted_as_delivery(poster, "7:20261207T090000Z:C1", Reply.of(Text("Week 3, reworded")))
    assert first.message_id == again.message_id
    assert len(posts_to(bot, p.CHANNEL_ID)) == 1


async def test_two_deliveries_with_the_same_words_both_show(bot: DiscordHarness,
                                                            poster: DiscordPoster) -> None:
    await posted_as_delivery(poster, "7:20261207T090000Z:C1", REMINDER)
    await posted_as_delivery(poster, "7:20261214T090000Z:C1", REMINDER)
    assert len(posts_to(bot, p.CHANNEL_ID)) == 2


KEY = "7:20261207T090000Z:C1"


async def test_a_post_resent_after_the_nonce_window_is_found_and_not_posted_again(
    bot: DiscordHarness, poster: DiscordPoster
) -> None:
    first = await posted_as_delivery(poster, KEY, REMINDER)
    bot.fake.nonce_window_passes()  # e.g. the retry after a crash comes 10 minutes later
    again = await posted_as_delivery(poster, KEY, Reply.of(Text("Week 3, reworded")))
    assert again.ok and again.message_id == first.message_id
    assert len(posts_to(bot, p.CHANNEL_ID)) == 1


async def test_a_post_cut_short_by_an_outage_sends_only_what_is_missing_on_retry(
    bot: DiscordHarness, poster: DiscordPoster
) -> None:
    bot.fake.outage_after = 2  # two of the four messages arrive, then Discord fails
    failed = await posted_as_delivery(poster, KEY, long_search_result())
    assert (failed.ok, failed.retryable) == (False, True)
    bot.fake.outage_after = None
    bot.fake.nonce_window_passes()
    again = await posted_as_delivery(poster, KEY, long_search_result())
    posts = posts_to(bot, p.CHANNEL_ID)
    assert again.ok and again.message_id == posts[0]["id"]
    assert len(posts) == 4
    assert not [r.body for r in bot.fake.requests if r.status == 400]


async def test_every_scheduled_message_carries_its_marker_within_discords_limits(
    bot: DiscordHarness, poster: DiscordPoster
) -> None:
    await posted_as_delivery(poster, KEY, Reply.of(Text("A plain reminder")))
    [message] = posts_to(bot, p.CHANNEL_ID)
    [embed] = message["embeds"]
    assert embed["description"] == "A plain reminder" and embed["footer"]["text"].startswith("ref ")


async def test_without_read_message_history_a_post_still_goes_out(bot: DiscordHarness,
                                                                 poster: DiscordPoster) -> None:
    bot.fake.history_forbidden.add(p.CHANNEL_ID)
    result = await posted_as_delivery(poster, KEY, REMINDER)
    assert result.ok and len(posts_to(bot, p.CHANNEL_ID)) == 1


async def test_a_thread_that_cannot_be_opened_is_reported_with_the_sent_post(
    bot: DiscordHarness, poster: DiscordPoster
) -> None:
    bot.fake.threads_forbidden.add(p.CHANNEL_ID)
    reply = ThreadedReply(parts=(Text("Which data would you share?"),), summary="Discussion: sharing data")
    result = await poster.post(CHANNEL, reply)
    assert result.ok and len(posts_to(bot, p.CHANNEL_ID)) == 1
    assert (result.note or "").startswith("no thread for the answers, Discord said Missing Permissions")
    assert "Create Public Threads" in (result.note or "")


async def test_a_thread_refused_with_a_long_rate_limit_is_reported_with_the_sent_post(
    bot: DiscordHarness, poster: DiscordPoster
) -> None:
    bot.fake.throttled[("POST", r"/channels/\d+/messages/\d+/threads")] = 600.0
    result = await poster.post(CHANNEL, ThreadedReply(parts=(Text("What surprised you?"),)))
    assert result.ok and len(posts_to(bot, p.CHANNEL_ID)) == 1
    assert (result.note or "").startswith("no thread for the answers, Discord asked studybot to wait 600 s")
