"""Mentions in channels and messages in DMs, as Events API callbacks."""

from __future__ import annotations

from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.live_mentions import live_mentions


async def test_a_mention_is_answered_in_its_thread(slack: SlackDriver) -> None:
    response = await slack.event(payloads.app_mention("<@UBOT> what's in week 4?"))
    assert response.status == 200
    await slack.settle()
    [post] = slack.fake.calls_to("chat.postMessage")
    assert post.args["channel"] == "C123" and post.args["thread_ts"] == "1700000000.000100"
    assert post.blocks()[0]["text"]["text"].startswith("Week 4: ")
    assert post.token == "xoxb-test"


async def test_a_mention_inside_a_thread_stays_in_that_thread(slack: SlackDriver) -> None:
    await slack.event(payloads.app_mention("<@UBOT> week 2", ts="1700000000.000900",
                                           thread_ts="1700000000.000500"))
    await slack.settle()
    assert slack.fake.calls_to("chat.postMessage")[0].args["thread_ts"] == "1700000000.000500"


async def test_a_private_answer_to_a_top_level_mention_is_shown_in_the_channel(slack: SlackDriver) -> None:
    """chat.postEphemeral: "Ephemeral messages in threads are only shown if there is
    already an active thread." A top-level mention starts no thread, so its private
    answer goes to the channel itself (the fixture fails the test if it was never shown)."""
    await slack.event(payloads.app_mention("<@UBOT> probe-private"))
    await slack.settle()
    assert slack.fake.calls_to("chat.postMessage") == []
    [ephemeral] = slack.fake.calls_to("chat.postEphemeral")
    assert ephemeral.args["user"] == "U1" and "thread_ts" not in ephemeral.args
    assert slack.fake.invisible == []
    assert slack.fake.calls_to("files.completeUploadExternal")[0].args["channel_id"] == "DU1"


async def test_a_private_answer_to_a_mention_in_a_thread_stays_in_that_thread(slack: SlackDriver) -> None:
    slack.fake.thread("C123", "1700000000.000500")
    await slack.event(payloads.app_mention("<@UBOT> probe-private", ts="1700000000.000900",
                                           thread_ts="1700000000.000500"))
    await slack.settle()
    [ephemeral] = slack.fake.calls_to("chat.postEphemeral")
    assert ephemeral.args["thread_ts"] == "1700000000.000500" and slack.fake.invisible == []


async def test_a_public_picture_is_uploaded_into_the_thread(slack: SlackDriver) -> None:
    await slack.event(payloads.app_mention("<@UBOT> probe-picture"))
    await slack.settle()
    steps = [c.method for c in slack.fake.calls if c.method not in {"auth.test", "users.info"}]
    assert steps == ["chat.postMessage", "files.getUploadURLExternal", "upload",
                     "files.completeUploadExternal"]
    complete = slack.fake.calls_to("files.completeUploadExternal")[0].args
    assert complete["channel_id"] == "C123" and complete["thread_ts"] == "1700000000.000100"


async def test_a_dm_in_plain_words_is_answered_in_the_dm(slack: SlackDriver) -> None:
    await slack.event(payloads.direct_message("what should I study this week?"))
    await slack.settle()
    [post] = slack.fake.calls_to("chat.postMessage")
    assert post.args["channel"] == "D1" and "thread_ts" not in post.args
    assert post.blocks()[0]["text"]["text"].startswith("Week 1: ")
    assert live_mentions({"text": post.args["text"], "blocks": post.blocks()}) == []


async def test_bot_messages_edits_and_retries_get_no_answer(slack: SlackDriver) -> None:
    await slack.event(payloads.direct_message("hi", bot_id="B9"), event_id="Ev1")
    await slack.event(payloads.direct_message("hi", subtype="message_changed"), event_id="Ev2")
    await slack.event(payloads.direct_message("week 2"), event_id="Ev3")
    await slack.event(payloads.direct_message("week 2"), event_id="Ev3")  # Slack's retry
    await slack.settle()
    assert len(slack.fake.calls_to("chat.postMessage")) == 1


async def test_an_answer_slack_refused_in_the_channel_reaches_the_asker_in_their_dm(
        slack: SlackDriver) -> None:
    slack.fake.fail("chat.postMessage", error="is_archived")
    await slack.event(payloads.app_mention("<@UBOT> week"))
    await slack.settle()
    refused, instead = slack.fake.calls_to("chat.postMessage")
    assert refused.args["channel"] == "C123" and instead.args["channel"] == "DU1"
    assert "<#C123>" in instead.blocks()[0]["elements"][0]["text"]
    assert instead.blocks()[1]["text"]["text"].startswith("Week 1: ")
