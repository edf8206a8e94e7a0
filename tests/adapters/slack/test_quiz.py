"""The quiz on Slack: questions arrive privately with buttons, and a click answers them."""

from __future__ import annotations

from typing import Any

from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def all_text(blocks: list[dict[str, Any]]) -> str:
    return str(blocks)


async def test_a_quiz_asked_in_a_channel_comes_back_ephemeral_with_buttons(slack: SlackDriver) -> None:
    await slack.event(payloads.app_mention("<@UBOT> quiz week 5"))
    await slack.settle()
    assert slack.fake.calls_to("chat.postMessage") == []
    [question] = slack.fake.calls_to("chat.postEphemeral")
    assert question.args["user"] == "U1"
    choices = buttons(question.blocks())
    assert [c["value"] for c in choices][:3] == [f"quiz answer w5-key-partners {n}" for n in (1, 2, 3)]
    assert all(len(c["text"]["text"]) <= 75 and len(c["value"]) <= 2000 for c in choices)
    assert len({c["action_id"] for c in choices}) == len(choices)

    click = payloads.block_actions(choices[0]["action_id"], choices[0]["value"],
                                   response_url=slack.fake.response_url())
    assert (await slack.post(click)).status == 200
    await slack.settle()
    [answer] = slack.fake.responses()
    assert answer["response_type"] == "ephemeral"
    assert "Right!" in all_text(answer["blocks"]) and "Question 2 of 5" in all_text(answer["blocks"])


async def test_a_typed_answer_in_a_mention_works_too(slack: SlackDriver) -> None:
    await slack.event(payloads.app_mention("<@UBOT> quiz week 5"))
    await slack.settle()
    await slack.event(payloads.app_mention("<@UBOT> 2", ts="1700000000.000200"), event_id="Ev2")
    await slack.settle()
    feedback = slack.fake.calls_to("chat.postEphemeral")[-1]
    assert "Not quite." in all_text(feedback.blocks())


async def test_a_second_click_on_the_same_button_does_not_count_twice(slack: SlackDriver) -> None:
    await slack.event(payloads.direct_message("quiz week 5"))
    await slack.settle()
    [question] = slack.fake.calls_to("chat.postMessage")
    first = buttons(question.blocks())[0]
    for url in ("r1", "r2"):
        await slack.post(payloads.block_actions(first["action_id"], first["value"], channel="D1",
                                                response_url=slack.fake.response_url(url)))
        await slack.settle()
    [once] = slack.fake.responses("r1")
    [twice] = slack.fake.responses("r2")
    assert "Right!" in all_text(once["blocks"]) and "already answered" in all_text(twice["blocks"])
