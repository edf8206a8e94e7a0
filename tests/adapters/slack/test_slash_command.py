"""`/study …` through the real AsyncApp over HTTP: signed, acked at once, answered after."""

from __future__ import annotations

import time
from dataclasses import replace

import aiohttp

from adapters.slack.blockkit import SHARE_ACTION
from adapters.slack.runner import running_slack
from bot.app import Companion
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver, single_workspace
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.live_mentions import live_mentions
from tests.adapters.slack.probe import ProbeCommands


def share_id(answer: dict[str, object]) -> str:
    blocks = answer["blocks"]
    assert isinstance(blocks, list)
    button = blocks[-1]["elements"][0]
    assert button["action_id"].startswith(SHARE_ACTION)
    return str(button["value"])


async def test_a_slash_command_is_answered_privately_with_a_share_button(slack: SlackDriver) -> None:
    response = await slack.command("week 3")
    assert response.status == 200
    await slack.settle()
    [answer] = slack.fake.responses()
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    assert answer["blocks"][0]["text"]["text"].startswith("Week 3: ")
    assert share_id(answer)
    assert live_mentions(answer) == []


async def test_the_ack_goes_out_before_the_slow_work_is_done(slack: SlackDriver,
                                                             probe: ProbeCommands) -> None:
    probe.release.clear()
    started = time.perf_counter()
    response = await slack.command("probe-slow")
    acked_in = time.perf_counter() - started
    assert response.status == 200 and acked_in < 3.0
    assert slack.fake.responses() == [] and slack.slack.adapter.background.pending == 1
    probe.release.set()
    await slack.settle()
    assert slack.fake.responses()[0]["text"] == "Done, at last."


async def test_a_wrong_signature_gets_401_and_causes_no_work(slack: SlackDriver) -> None:
    response = await slack.post(payloads.slash_command("week", response_url=slack.fake.response_url()),
                                secret="not-the-secret")
    assert response.status == 401
    await slack.settle()
    assert slack.fake.calls == [] and slack.slack.adapter.background.started == 0


async def test_a_stale_timestamp_gets_401_and_causes_no_work(slack: SlackDriver) -> None:
    ten_minutes_ago = int(time.time()) - 600
    response = await slack.post(payloads.slash_command("week", response_url=slack.fake.response_url()),
                                timestamp=ten_minutes_ago)
    assert response.status == 401
    await slack.settle()
    assert slack.fake.calls == [] and slack.slack.adapter.background.started == 0


async def test_share_in_channel_posts_for_everyone_once(slack: SlackDriver) -> None:
    await slack.command("week 2")
    await slack.settle()
    shared = share_id(slack.fake.responses()[0])
    click = payloads.block_actions(f"{SHARE_ACTION}:9", shared, response_url=slack.fake.response_url("r2"))
    assert (await slack.post(click)).status == 200
    await slack.settle()
    posted, deleted = slack.fake.responses("r2")
    assert posted["response_type"] == "in_channel" and posted["replace_original"] is False
    assert posted["blocks"][0]["text"]["text"].startswith("Week 2: ")
    assert not any(b["type"] == "actions" and b["elements"][0]["action_id"].startswith(SHARE_ACTION)
                   for b in posted["blocks"])
    assert posted["blocks"][-1]["elements"][0]["text"] == "Shared by u1"
    assert deleted == {"delete_original": True}
    await slack.post(payloads.block_actions(f"{SHARE_ACTION}:9", shared,
                                            response_url=slack.fake.response_url("r3")))
    await slack.settle()
    [again] = slack.fake.responses("r3")
    assert again["response_type"] == "ephemeral" and "can't be shared" in again["text"]


async def test_a_private_answer_has_no_share_button_and_its_picture_goes_to_the_dm(
        slack: SlackDriver) -> None:
    await slack.command("probe-private")
    await slack.settle()
    [answer] = slack.fake.responses()
    assert not any(b["type"] == "actions" for b in answer["blocks"])
    assert "direct messages" in answer["blocks"][-1]["elements"][0]["text"]
    assert slack.fake.calls_to("conversations.open")[0].args["users"] == "U1"
    [complete] = slack.fake.calls_to("files.completeUploadExternal")
    assert complete.args["channel_id"] == "DU1"
    assert next(iter(slack.fake.uploads.values())).startswith(b"\x89PNG")


async def test_in_a_dm_there_is_nothing_to_share(slack: SlackDriver) -> None:
    await slack.command("week", channel="D9", channel_name="directmessage")
    await slack.settle()
    assert not any(b["type"] == "actions" and b["elements"][0]["action_id"].startswith(SHARE_ACTION)
                   for b in slack.fake.responses()[0]["blocks"])


async def test_user_text_comes_back_without_any_live_mention(slack: SlackDriver) -> None:
    await slack.command("probe-echo <!channel> hi <@U999> @here *bold* &amp;lt;!everyone&amp;gt;")
    await slack.settle()
    [answer] = slack.fake.responses()
    assert live_mentions(answer) == []
    assert answer["blocks"][1]["elements"][0]["elements"][0]["text"] == \
        "@\u2060channel hi <\u2060@U999> @\u2060here *bold* &lt;!everyone&gt;"


async def test_workspace_admins_are_facilitators(slack: SlackDriver) -> None:
    await slack.command("probe-admin", user="U2")
    slack.fake.admin("U3", "Grace")
    await slack.command("probe-admin", user="U3", response_url=slack.fake.response_url("r2"))
    await slack.settle()
    assert "Only the group's facilitators" in slack.fake.responses()[0]["text"]
    assert slack.fake.responses("r2")[0]["text"] == "Facilitator tools."


async def test_when_users_info_fails_nobody_is_an_admin(slack: SlackDriver, probe: ProbeCommands) -> None:
    slack.fake.admin("U4")
    time = slack.fake_time()
    slack.fake.fail("users.info", status=500, times=5)  # a read: retried with backoff, then given up
    await slack.command("probe-echo hello", user="U4")
    await slack.settle()
    assert probe.seen_admin == [False] and time.waits == [1.0, 2.0, 4.0, 8.0]


async def test_admin_status_is_asked_once_then_remembered(slack: SlackDriver) -> None:
    for name in ("r1", "r2", "r3"):
        await slack.command("week", response_url=slack.fake.response_url(name))
    await slack.settle()
    assert len(slack.fake.calls_to("users.info")) == 1


async def test_one_workspace_mode_answers_its_own_workspace_only(slack: SlackDriver) -> None:
    """Other workspaces are tenants of their own in many-workspace mode (test_installations)."""
    await slack.command("week 5", team="T1")
    refused = await slack.command("week", team="T2", response_url=slack.fake.response_url("r2"))
    await slack.settle()
    assert "isn't installed in this workspace" in await refused.text()
    assert slack.fake.responses("r2") == [] and len(slack.fake.responses()) == 1


async def test_health_and_url_verification(slack: SlackDriver) -> None:
    async with slack.http.get(f"http://127.0.0.1:{slack.slack.port}/healthz") as health:
        assert health.status == 200 and await health.json() == {"ok": True}
    body = '{"token":"t","challenge":"3eZbrw1aB","type":"url_verification"}'
    headers = payloads.signed_headers(body, content_type="application/json")
    async with slack.http.post(slack.url, data=body, headers=headers) as verified:
        assert verified.status == 200 and "3eZbrw1aB" in await verified.text()


async def test_a_renamed_command_is_the_one_slack_sends_and_home_names_it(
        companion: Companion, fake_slack: FakeSlack) -> None:
    config = replace(single_workspace(fake_slack), command="/learn")
    async with running_slack(companion, config, host="127.0.0.1", port=0) as running, \
            aiohttp.ClientSession() as http:
        slack = SlackDriver(running, fake_slack, http)
        await slack.command("week 2", command="/learn")
        await slack.event(payloads.home_opened())
        await slack.settle()
    assert fake_slack.responses()[0]["blocks"][0]["text"]["text"].startswith("Week 2: ")
    assert "`/learn help`" in str(fake_slack.calls_to("views.publish")[0].args["view"])
