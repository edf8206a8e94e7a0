"""`group join #channel` from a DM: Slack tells whether the learner is in that channel."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.visibility import channels_seen
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.fake_slack import FakeSlack


def client_of(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=fake.api_url)


async def test_a_member_sees_public_and_private_channels_and_nobody_else_does(fake_slack: FakeSlack) -> None:
    fake_slack.channel("CPUB", "U1", "UBOT")
    fake_slack.channel("GPRIV", "U1", "UBOT", private=True)
    fake_slack.channel("GOTHER", "U2", "UBOT", private=True)
    fake_slack.channel("GNOBOT", "U1", private=True)  # Slack does not show it to the bot
    wanted = {"CPUB", "GPRIV", "GOTHER", "GNOBOT", "CNONE"}
    assert await channels_seen(client_of(fake_slack), "U1", wanted) == {"CPUB", "GPRIV"}
    assert await channels_seen(client_of(fake_slack), "U2", wanted) == {"GOTHER"}


async def test_a_person_in_many_channels_is_found_on_a_later_page(fake_slack: FakeSlack) -> None:
    for n in range(450):
        fake_slack.channel(f"C{n:04d}", "U1")
    assert await channels_seen(client_of(fake_slack), "U1", {"C0449"}) == {"C0449"}
    assert len(fake_slack.calls_to("users.conversations")) == 3


async def test_a_slack_error_shows_nothing(fake_slack: FakeSlack) -> None:
    fake_slack.channel("CPUB", "U1")
    fake_slack.fail("users.conversations", error="missing_scope")
    assert await channels_seen(client_of(fake_slack), "U1", {"CPUB"}) == frozenset()


async def answer_in_dm(slack: SlackDriver, text: str, user: str) -> str:
    before = len(slack.fake.calls_to("chat.postMessage"))
    await slack.event(payloads.direct_message(text, user=user, channel=f"D{user}"),
                      event_id=f"Ev{before}{user}")
    await slack.settle()
    post = slack.fake.calls_to("chat.postMessage")[before]
    return str(post.args["text"])


async def test_joining_from_a_dm_needs_slack_to_show_the_learner_in_the_channel(slack: SlackDriver) -> None:
    slack.fake.admin("UFAY", "Fay")
    slack.fake.channel("GCAFE", "UFAY", "UBEA", "UBOT", private=True)
    await slack.event(payloads.app_mention("<@UBOT> group setup start:2026-12-07 tz:Europe/London",
                                           user="UFAY", channel="GCAFE"), event_id="EvSetup")
    await slack.settle()

    outside = await answer_in_dm(slack, "group join <#GCAFE|cafe>", "UDAN")
    assert "I can't join you to a group in #cafe" in outside
    assert "You're in" in await answer_in_dm(slack, "group join <#GCAFE|cafe>", "UBEA")
    [asked, _] = slack.fake.calls_to("users.conversations")
    assert asked.args["user"] == "UDAN" and asked.token == "xoxb-test"
