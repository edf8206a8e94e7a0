"""Socket Mode against a fake Socket Mode endpoint: apps.connections.open, a WebSocket,
envelopes in, acknowledgements out. No public URL and no signing secret involved."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl

import aiohttp
import pytest

from adapters.slack.config import SlackConfig
from adapters.slack.runner import RunningSlack, running_slack
from bot.app import Companion
from tests.adapters.slack import payloads
from tests.adapters.slack.fake_slack import FakeSlack


@pytest.fixture
async def socket_slack(companion: Companion, fake_slack: FakeSlack) -> AsyncIterator[RunningSlack]:
    config = SlackConfig(bot_token="xoxb-test", app_token="xapp-1-test", api_url=fake_slack.api_url)
    async with running_slack(companion, config, host="127.0.0.1", port=0) as running:
        yield running


async def test_a_slash_command_envelope_is_acked_and_answered(socket_slack: RunningSlack,
                                                              fake_slack: FakeSlack) -> None:
    command = dict(parse_qsl(payloads.slash_command("week 2", response_url=fake_slack.response_url())))
    ack = await fake_slack.send_envelope({"envelope_id": "env-1", "type": "slash_commands",
                                          "accepts_response_payload": True, "payload": command})
    assert ack == {"envelope_id": "env-1"}
    [connect] = fake_slack.calls_to("apps.connections.open")
    assert connect.token == "xapp-1-test"
    await socket_slack.adapter.background.idle()
    [answer] = fake_slack.responses()
    assert answer["blocks"][0]["text"]["text"].startswith("Week 2: ")


async def test_an_events_api_envelope_answers_a_mention_in_its_thread(socket_slack: RunningSlack,
                                                                      fake_slack: FakeSlack) -> None:
    event = json.loads(payloads.event_callback(payloads.app_mention("<@UBOT> week 3")))
    ack = await fake_slack.send_envelope({"envelope_id": "env-2", "type": "events_api",
                                          "accepts_response_payload": False, "payload": event})
    assert ack["envelope_id"] == "env-2"
    await socket_slack.adapter.background.idle()
    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.args["thread_ts"] == "1700000000.000100"


async def test_socket_mode_serves_health_but_not_the_events_path(socket_slack: RunningSlack) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{socket_slack.port}/healthz") as health:
            assert health.status == 200
        async with http.post(f"http://127.0.0.1:{socket_slack.port}/slack/events", data="x") as events:
            assert events.status in {404, 405}
