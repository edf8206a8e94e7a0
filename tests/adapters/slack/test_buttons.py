"""Buttons (block_actions) carry commands back through the router."""

from __future__ import annotations

from adapters.slack.blockkit import RUN_ACTION
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver


async def test_a_button_in_my_ephemeral_answer_replaces_it(slack: SlackDriver) -> None:
    click = payloads.block_actions(f"{RUN_ACTION}:2", "week 4", response_url=slack.fake.response_url())
    assert (await slack.post(click)).status == 200
    await slack.settle()
    [answer] = slack.fake.responses()
    assert answer["replace_original"] is True and answer["response_type"] == "ephemeral"
    assert answer["blocks"][0]["text"]["text"].startswith("Week 4: ")


async def test_a_button_on_a_public_message_answers_only_the_clicker(slack: SlackDriver) -> None:
    click = payloads.block_actions(f"{RUN_ACTION}:1", "weeks", response_url=slack.fake.response_url(),
                                   ephemeral=False)
    await slack.post(click)
    await slack.settle()
    [answer] = slack.fake.responses()
    assert answer["replace_original"] is False and answer["response_type"] == "ephemeral"
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_a_button_in_a_dm_answers_in_the_dm(slack: SlackDriver) -> None:
    click = payloads.block_actions(f"{RUN_ACTION}:1", "week 6", response_url=slack.fake.response_url(),
                                   channel="D1", ephemeral=False)
    await slack.post(click)
    await slack.settle()
    [post] = slack.fake.calls_to("chat.postMessage")
    assert post.args["channel"] == "D1" and post.blocks()[0]["text"]["text"].startswith("Week 6: ")


async def test_a_button_moves_the_learner_like_the_command_does(slack: SlackDriver) -> None:
    await slack.post(payloads.block_actions(f"{RUN_ACTION}:1", "week set 5",
                                            response_url=slack.fake.response_url()))
    await slack.settle()
    await slack.command("week", response_url=slack.fake.response_url("r2"))
    await slack.settle()
    assert slack.fake.responses("r2")[0]["blocks"][0]["text"]["text"].startswith("Week 5: ")
