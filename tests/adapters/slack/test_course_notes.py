"""Course notes on Slack: the facilitator's Answer button, and the asker's one direct message."""

from __future__ import annotations

from adapters.slack.blockkit import RUN_ACTION
from adapters.slack.poster import SlackPoster, StaticToken
from bot.app import Companion
from bot.messages import ChannelRef, Incoming, Platform, TenantRef, UserRef
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver

TENANT = TenantRef(Platform.SLACK, "T1")
GROUP = ChannelRef(TENANT, "C123")


def from_facilitator(text: str) -> Incoming:
    return Incoming(UserRef(TENANT, "U1", "fay"), GROUP, text, user_is_platform_admin=True)


async def test_the_answer_button_takes_the_next_message_and_the_asker_gets_one_dm(
        companion: Companion, slack: SlackDriver) -> None:
    slack.fake.admin("U1", "fay")
    poster = SlackPoster(StaticToken("xoxb-test"), base_url=slack.fake.api_url, session=slack.http)
    companion.posters.register(Platform.SLACK, poster)
    await companion.handle(from_facilitator('group setup start:2026-11-30 name:"Study group"'))
    ada = ChannelRef(TENANT, "D0ADA", is_direct=True)
    await companion.handle(Incoming(UserRef(TENANT, "U0ADA", "ada"), ada, "search quantum entanglement"))
    assert "Answer 1" in (await companion.handle(from_facilitator("misses"))).plain_text()

    await slack.post(payloads.block_actions(f"{RUN_ACTION}:1", "misses reply 1",
                                            response_url=slack.fake.response_url()))
    await slack.settle()
    [asked] = slack.fake.responses()
    assert "Your answer to this question" in str(asked["blocks"])
    saved = await companion.handle(from_facilitator("Quantum effects are outside this course."))
    assert "Saved as course note 1" in saved.plain_text()

    for _ in range(2):  # a second pass finds nothing more to send
        await companion.scheduler.outbox.run_due(companion.scheduler.clock())
    [opened] = slack.fake.calls_to("conversations.open")
    assert opened.args["users"] == "U0ADA"
    [dm] = [c for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == "DU0ADA"]
    shown = str(dm.blocks())
    assert "Quantum effects are outside this course." in shown and "quantum entanglement" in shown
