"""Channels and places as Slack shows them to people: names, never raw ids or server paths."""

from __future__ import annotations

from tests.adapters.slack.conftest import SlackDriver

CAFE = "C0CAFE1234"
SETUP = "group setup start:2026-12-07 tz:Europe/London"


async def said(slack: SlackDriver, text: str) -> str:
    name = f"r{len(slack.fake.calls)}"
    await slack.command(text, channel=CAFE, response_url=slack.fake.response_url(name))
    await slack.settle()
    answer = slack.fake.responses(name)[-1]
    return f"{answer.get('text')} {answer.get('blocks')}"


async def test_group_audit_names_the_channel_as_slack_shows_it(slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    slack.fake.channel(CAFE, "U1", slack.fake.bot_user_id)
    slack.fake.channels[CAFE]["name"] = "study-cafe"
    await said(slack, SETUP)
    shown = await said(slack, "group audit")
    assert "in #study-cafe" in shown and CAFE not in shown
    assert "<#" not in shown and "<@" not in shown, "nothing live: no link, no ping"


async def test_calendar_without_a_public_address_tells_no_server_path(slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    slack.fake.channel(CAFE, "U1", slack.fake.bot_user_id)
    await said(slack, SETUP)
    shown = await said(slack, "calendar")
    assert ".ics" not in shown and "/" not in shown.split("blocks")[0], shown
    assert "public address" in shown
