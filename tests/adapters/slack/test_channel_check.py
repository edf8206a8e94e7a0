"""Setting up posts in a channel first asks Slack whether studybot is in it.

Without chat:write.public ("Send messages to channels your Slack app isn't a member
of"), Slack answers every post into a channel the bot is not in with `not_in_channel`;
conversations.info tells whether it is (`is_member`). A group set up there would
confirm, then fail every reminder; so it is refused, with how to invite studybot.
"""

from __future__ import annotations

from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver

SETUP = "group setup start:2026-12-07 tz:Europe/London"


async def said(slack: SlackDriver, text: str, *, channel: str = "CCAFE") -> str:
    name = f"r{len(slack.fake.calls)}"
    await slack.command(text, channel=channel, response_url=slack.fake.response_url(name))
    await slack.settle()
    return str(slack.fake.responses(name)[-1].get("text"))


async def test_setting_up_a_group_where_studybot_is_not_a_member_says_how_to_invite_it(
        slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    slack.fake.channel("CCAFE", "U1")
    refused = await said(slack, SETUP)
    assert "/invite @studybot" in refused
    assert "isn't a study group yet" in await said(slack, "group"), "nothing was set up"
    assert slack.fake.calls_to("conversations.info")[0].args["channel"] == "CCAFE"


async def test_once_invited_the_same_setup_works(slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    slack.fake.channel("CCAFE", "U1", slack.fake.bot_user_id)
    assert "/invite" not in await said(slack, SETUP)
    assert "/invite" not in await said(slack, "remind monday 09:00")


async def test_a_reminder_cannot_be_set_once_studybot_was_removed(slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    slack.fake.channel("CCAFE", "U1", slack.fake.bot_user_id)
    await said(slack, SETUP)
    slack.fake.channel("CCAFE", "U1")  # someone removed studybot from the channel
    assert "/invite @studybot" in await said(slack, "remind monday 09:00")
    assert "/invite @studybot" in await said(slack, "prompt add week 2 start What surprised you?")
    assert "/invite @studybot" in await said(slack, 'session add 2026-12-10 18:00 60m "Catch-up"')


async def test_a_private_channel_studybot_cannot_see_is_refused_the_same_way(slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    slack.fake.channel("GSECRET", "U1", private=True)
    assert "/invite @studybot" in await said(slack, SETUP, channel="GSECRET")


async def test_a_mention_in_a_channel_proves_nothing_about_scheduled_posts_but_is_checked_too(
        slack: SlackDriver) -> None:
    slack.fake.admin("U1", "Grace")
    await slack.event(payloads.app_mention(f"<@UBOT> {SETUP}"))
    await slack.settle()
    assert slack.fake.calls_to("conversations.info")[0].args["channel"] == "C123"
