"""Course notes on Slack: the facilitator's Answer button opens a form, and the asker gets one DM.

Slack's rule for the form: "Triggers expire in three seconds. [...] Triggers may only be
used once" ("Sequencing interactions with triggers"); the fake Slack enforces both.
"""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.blockkit import ASK_ACTION, RUN_ACTION
from adapters.slack.poster import SlackPoster, StaticToken
from bot.app import Companion
from bot.messages import ChannelRef, Incoming, Platform, TenantRef, UserRef
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver

TENANT = TenantRef(Platform.SLACK, "T1")
GROUP = ChannelRef(TENANT, "C123")


def from_facilitator(text: str) -> Incoming:
    return Incoming(UserRef(TENANT, "U1", "fay"), GROUP, text, user_is_platform_admin=True)


async def a_question_left_open(companion: Companion, slack: SlackDriver) -> None:
    slack.fake.admin("U1", "fay")
    poster = SlackPoster(StaticToken("xoxb-test"), base_url=slack.fake.api_url, session=slack.http)
    companion.posters.register(Platform.SLACK, poster)
    await companion.handle(from_facilitator('group setup start:2026-11-30 name:"Study group"'))
    ada = ChannelRef(TENANT, "D0ADA", is_direct=True)
    await companion.handle(Incoming(UserRef(TENANT, "U0ADA", "ada"), ada, "search quantum entanglement"))


async def answer_button(slack: SlackDriver) -> dict[str, Any]:
    """The first Answer button of `/study misses`, as Slack shows it to the facilitator."""
    await slack.command("misses", response_url=slack.fake.response_url("list"))
    await slack.settle()
    [listed] = slack.fake.responses("list")
    return next(element for block in listed["blocks"] if block["type"] == "actions"
                for element in block["elements"] if element["text"]["text"] == "Answer 1")


async def test_the_answer_button_opens_a_form_whose_answer_is_saved_and_reaches_the_asker_once(
        companion: Companion, slack: SlackDriver) -> None:
    await a_question_left_open(companion, slack)
    button = await answer_button(slack)
    assert button["action_id"].startswith(ASK_ACTION)

    await slack.post(payloads.block_actions(button["action_id"], button["value"],
                                            response_url=slack.fake.response_url("click")))
    opened = await slack.fake.wait_for_call("views.open")
    assert opened.args["trigger_id"] == "1337.43.efgh"
    form = _view(opened.args["view"])
    assert "quantum entanglement" in json.dumps(form["blocks"])  # the question, above the field
    await slack.settle()
    assert slack.fake.responses("click") == []  # nothing but the form answers the click

    await slack.post(payloads.form_submission(form, "Quantum effects are outside this course."))
    await slack.settle()
    [saved] = slack.fake.calls_to("chat.postEphemeral")
    assert saved.args["channel"] == "C123" and saved.args["user"] == "U1"
    assert "Saved as course note 1" in str(saved.blocks())

    for _ in range(2):  # a second pass finds nothing more to send
        await companion.scheduler.outbox.run_due(companion.scheduler.clock())
    [dm] = [c for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == "DU0ADA"]
    shown = str(dm.blocks())
    assert "Quantum effects are outside this course." in shown and "quantum entanglement" in shown
    assert "misses answer" in (await companion.handle(from_facilitator("group audit"))).plain_text()


async def test_a_learner_submitting_the_form_is_refused_and_nothing_is_saved(
        companion: Companion, slack: SlackDriver) -> None:
    await a_question_left_open(companion, slack)
    button = await answer_button(slack)
    await slack.post(payloads.block_actions(button["action_id"], button["value"], user="U0BEA",
                                            response_url=slack.fake.response_url("click")))
    opened = await slack.fake.wait_for_call("views.open")
    await slack.post(payloads.form_submission(_view(opened.args["view"]), "A guess.", user="U0BEA"))
    await slack.settle()
    [refused] = slack.fake.calls_to("chat.postEphemeral")
    assert refused.args["user"] == "U0BEA" and "facilitator" in str(refused.blocks()).lower()
    assert "A guess." not in (await companion.handle(from_facilitator("notes"))).plain_text()
    assert "Answer 1" in (await companion.handle(from_facilitator("misses"))).plain_text()  # still open


async def test_a_form_slack_refused_to_open_says_what_to_type_instead(
        companion: Companion, slack: SlackDriver) -> None:
    await a_question_left_open(companion, slack)
    button = await answer_button(slack)
    slack.fake.fail("views.open", error="expired_trigger_id")
    await slack.post(payloads.block_actions(button["action_id"], button["value"],
                                            response_url=slack.fake.response_url("click")))
    await slack.settle()
    [told] = slack.fake.responses("click")
    assert "misses answer 1" in str(told)


async def test_the_fake_refuses_a_trigger_id_after_three_seconds_and_a_second_use(
        slack: SlackDriver) -> None:
    slack.fake.trigger("1.2.late")
    slack.fake.advance(3.5)
    view = json.dumps({"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": []})
    late = await _open(slack, "1.2.late", view)
    assert late["error"] == "expired_trigger_id"
    slack.fake.trigger("1.2.once")
    assert (await _open(slack, "1.2.once", view))["ok"]
    assert (await _open(slack, "1.2.once", view))["error"] == "exchanged_trigger_id"
    assert (await _open(slack, "1.2.never", view))["error"] == "invalid_trigger_id"


def _view(sent: str | dict[str, Any]) -> dict[str, Any]:
    return sent if isinstance(sent, dict) else dict(json.loads(sent))


async def _open(slack: SlackDriver, trigger_id: str, view: str) -> dict[str, Any]:
    async with slack.http.post(f"{slack.fake.api_url}views.open", data={
            "token": "xoxb-test", "trigger_id": trigger_id, "view": view}) as response:
        answer: dict[str, Any] = await response.json()
        return answer


async def test_the_console_style_button_still_takes_the_next_message(
        companion: Companion, slack: SlackDriver) -> None:
    """Where a form cannot be shown, `misses reply 1` asks for the answer as the next message."""
    await a_question_left_open(companion, slack)
    await slack.post(payloads.block_actions(f"{RUN_ACTION}:1", "misses reply 1",
                                            response_url=slack.fake.response_url()))
    await slack.settle()
    [asked] = slack.fake.responses()
    assert "Your answer to this question" in str(asked["blocks"])
    saved = await companion.handle(from_facilitator("Quantum effects are outside this course."))
    assert "Saved as course note 1" in saved.plain_text()


async def test_a_question_asked_in_the_channel_is_answered_once_in_its_thread(
        companion: Companion, slack: SlackDriver) -> None:
    """Not by DM: the reply sits under the question, which Slack shows above it."""
    slack.fake.admin("U1", "fay")
    slack.fake.person("U0ADA", "ada")
    poster = SlackPoster(StaticToken("xoxb-test"), base_url=slack.fake.api_url, session=slack.http)
    companion.posters.register(Platform.SLACK, poster)
    await companion.handle(from_facilitator('group setup start:2026-11-30 name:"Study group"'))
    asked_at = "1700000000.000500"
    await slack.event(payloads.app_mention("<@UBOT> search quantum entanglement", user="U0ADA",
                                           ts=asked_at))
    await slack.settle()
    saved = await companion.handle(from_facilitator("misses answer 1 Quantum effects are not covered."))
    assert "Saved as course note 1" in saved.plain_text()

    before = len(slack.fake.calls_to("chat.postMessage"))
    for _ in range(2):  # a second pass finds nothing more to send
        await companion.scheduler.outbox.run_due(companion.scheduler.clock())
    [answer] = slack.fake.calls_to("chat.postMessage")[before:]
    assert (answer.args["channel"], answer.args["thread_ts"]) == ("C123", asked_at)
    shown = str(answer.blocks())
    assert "Quantum effects are not covered." in shown and "A facilitator answered" in shown
    assert slack.fake.calls_to("conversations.open") == []  # no DM as well
