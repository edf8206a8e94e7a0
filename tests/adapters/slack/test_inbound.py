"""Slack payloads become the core's Incoming: who, where, what."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from adapters.slack import inbound
from adapters.slack.inbound import Person
from bot.messages import Platform, TenantRef
from tests.adapters.slack import payloads

ADMIN = Person(display_name="Ada", is_admin=True)


def form(body: str) -> dict[str, str]:
    return dict(parse_qsl(body))


def test_slack_markup_becomes_plain_words() -> None:
    text = ("<@UBOT> what did <@U42|bob> say in <#C1|general> about <https://ou.uk/x|this page> "
            "&amp; <mailto:a@b.org|a@b.org>? <!here> <!subteam^S1|@tutors> <!date^1392734382^{date}|Feb 18>")
    assert inbound.plain_words(text, "UBOT") == (
        "what did <@U42> say in #general about this page (https://ou.uk/x) & a@b.org? "
        "@here @tutors Feb 18")
    assert inbound.plain_words("a &lt;b&gt; <https://x.org>") == "a <b> https://x.org"


def test_a_slash_command_in_a_channel() -> None:
    body = form(payloads.slash_command("week   4", response_url="https://hooks/r", team="T9"))
    incoming = inbound.slash_command(body, ADMIN)
    assert incoming.user.tenant == TenantRef(Platform.SLACK, "T9")
    assert (incoming.user.id, incoming.user.display_name) == ("U1", "Ada")
    assert (incoming.channel.id, incoming.channel.is_direct) == ("C123", False)
    assert incoming.text == "week 4" and incoming.user_is_platform_admin


def test_a_slash_command_in_a_dm_and_without_a_known_name() -> None:
    body = form(payloads.slash_command("help", response_url="u", channel="D5",
                                       channel_name="directmessage"))
    incoming = inbound.slash_command(body, Person())
    assert incoming.channel.is_direct and incoming.user.display_name == "u1"
    assert not incoming.user_is_platform_admin


def test_a_mention_answers_in_its_thread() -> None:
    top = json.loads(payloads.event_callback(payloads.app_mention("<@UBOT> week 2")))
    reply = json.loads(payloads.event_callback(payloads.app_mention(
        "<@UBOT> and week 3?", ts="1700000000.000900", thread_ts="1700000000.000100")))
    assert inbound.app_mention(top, "UBOT", Person()).channel.thread == "1700000000.000100"
    threaded = inbound.app_mention(reply, "UBOT", Person())
    assert threaded.channel.thread == "1700000000.000100" and threaded.text == "and week 3?"


def test_only_a_persons_new_dm_message_is_answered() -> None:
    assert inbound.is_human_direct_message(payloads.direct_message("hi"))
    assert not inbound.is_human_direct_message(payloads.direct_message("hi", subtype="message_changed"))
    assert not inbound.is_human_direct_message(payloads.direct_message("hi", bot_id="B1"))
    assert not inbound.is_human_direct_message({**payloads.direct_message("hi"), "channel_type": "channel"})
    body = json.loads(payloads.event_callback(payloads.direct_message("week 5")))
    incoming = inbound.direct_message(body, "UBOT", Person())
    assert incoming.channel.is_direct and incoming.channel.id == "D1" and incoming.channel.thread is None


def test_a_button_click_carries_its_command() -> None:
    body = json.loads(form(payloads.block_actions("studybot:run:1", "week 4", response_url="u"))["payload"])
    incoming = inbound.interaction(body, "week 4", Person())
    assert incoming.text == "week 4" and incoming.channel.id == "C123" and not incoming.channel.is_direct
    home = json.loads(form(payloads.block_actions("studybot:run:1", "week", response_url=None,
                                                  in_view=True, channel=None))["payload"])
    in_dm = inbound.interaction(home, "week", Person(), dm_channel="D7")
    assert in_dm.channel.id == "D7" and in_dm.channel.is_direct
    assert inbound.team_id(home) == "T1"


def test_channels_a_message_names_keep_their_ids_behind_the_names_shown() -> None:
    body = payloads.direct_message("group join <#C9|study-a> or <#G7>")
    incoming = inbound.direct_message({"event": body, "team_id": "T1"}, "UBOT", Person())
    assert incoming.text == "group join #study-a or <#G7>"
    assert incoming.named_channels == (("study-a", "C9"), ("G7", "G7"))
    assert incoming.channel_id("study-a") == "C9" and incoming.channel_id("other") == "other"
