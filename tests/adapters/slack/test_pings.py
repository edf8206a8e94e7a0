"""Opt-in pings on Slack: the group's chosen user group, and only it, in its reminders
and session announcements; everything a user wrote (a prompt, a session's title) still
pings nobody, here and on Discord."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from adapters.discord.embeds import render as discord_render
from adapters.slack import blockkit, inbound
from bot.messages import Heading, Ping, Platform, Reply, TenantRef, Text
from bot.posts.prompts import prompt_post
from bot.schedule.schedules import Kind, new_schedule
from bot.schedule.triggers import Once
from bot.store.groups import StudyGroup
from tests.adapters.discord.live_mentions import live_mentions as discord_live
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.live_mentions import DATE_TOKEN, live_mentions

GROUP_ID = "S0123ABCD"
CALL = f"<!subteam^{GROUP_ID}>"
HOSTILE = "<!channel> <!here> @everyone <!subteam^S0OTHER|@all-staff> <@U2>"


def controls(payload: dict[str, Any]) -> list[str]:
    """Every `<!…>` or `<@…>` Slack could act on, in the parsed text and mrkdwn (not dates)."""
    texts = [payload.get("text") or ""] + [
        b["text"]["text"] for b in payload.get("blocks") or []
        if isinstance(b.get("text"), dict) and b["text"].get("type") == "mrkdwn"]
    return [found for text in texts for found in re.findall(r"<[!@][^<>]*>", DATE_TOKEN.sub("", text))]


def test_a_reply_with_a_ping_calls_that_user_group_first_and_nothing_else() -> None:
    reply = Reply.of(Heading("Week 2 starts today"), Text(HOSTILE), Text(HOSTILE, from_user=True),
                     ping=Ping(GROUP_ID, "@tutors"))
    payload = blockkit.render(reply).payload()
    assert payload["blocks"][0] == {"type": "section", "text": {"type": "mrkdwn", "text": CALL,
                                                                "verbatim": True}}
    assert payload["text"].startswith(CALL)
    assert controls(payload) == [CALL, CALL], "the call, in the text and the first block, alone"
    assert all(CALL in found for found in live_mentions(payload))


def test_no_ping_when_unset_private_or_not_a_user_group_id() -> None:
    for reply in (Reply.of(Text("Week 2")), Reply.of(Text("Week 2"), private=True, ping=Ping(GROUP_ID)),
                  Reply.of(Text("Week 2"), ping=Ping("channel"))):
        assert controls(blockkit.render(reply).payload()) == []


def test_a_typed_user_group_reaches_the_core_as_its_id_and_handle() -> None:
    said = inbound.named_groups("group ping <!subteam^S0123ABCD|@tutors> and <!subteam^S0XY>")
    assert said == (Ping(GROUP_ID, "@tutors"), Ping("S0XY", ""))
    assert inbound.plain_words("group ping <!subteam^S0123ABCD|@tutors>") == "group ping @tutors"


async def test_group_ping_then_a_session_announcement_calls_only_that_group(slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    said: list[str] = []

    async def say(text: str) -> dict[str, Any]:
        said.append(text)
        before = len(slack.fake.calls_to("chat.postMessage"))
        await slack.event(payloads.app_mention(f"<@UBOT> {text}"), event_id=f"Ev{len(said)}")
        await slack.settle()
        posts = slack.fake.calls_to("chat.postMessage")[before:]
        assert len(posts) == 1, [p.args.get("text") for p in posts]
        return {"text": posts[0].args.get("text"), "blocks": posts[0].blocks()}

    await say("group setup start:2027-03-01 tz:Europe/London")
    chosen = await say(f"group ping <!subteam^{GROUP_ID}|@tutors>")
    assert "@tutors" in str(chosen) and controls(chosen) == [], "naming the group pings nobody"
    announced = await say(f'session add 2027-03-04 18:00 60m "Catch-up {HOSTILE}"')
    assert controls(announced) == [CALL, CALL]
    week = await say("week 1")
    assert controls(week) == [], "other answers call nobody"
    await say("group ping off")
    later = await say('session add 2027-03-11 18:00 60m "Second catch-up"')
    assert controls(later) == []


def test_a_facilitators_prompt_with_mentions_in_it_calls_nobody_on_slack_or_discord() -> None:
    group = StudyGroup(TenantRef(Platform.SLACK, "T1"), "C123", "Cafe", "smart-cities", date(2027, 3, 1),
                       "Europe/London")
    prompt = new_schedule(group, Kind.PROMPT, Once(datetime(2027, 3, 5, 17, tzinfo=UTC)),
                          datetime(2027, 3, 1, tzinfo=UTC), text=f"What next? {HOSTILE} <@&42>")
    post = prompt_post(prompt)
    assert not post.calls_group and post.ping is None
    assert controls(blockkit.render(post).payload()) == []
    assert all(discord_live(m) == [] for m in discord_wire(post))


def discord_wire(reply: Reply) -> list[dict[str, Any]]:
    return [{"content": m.wire_content(), "embeds": [e.to_dict() for e in m.embeds]}
            for m in discord_render(reply)]
