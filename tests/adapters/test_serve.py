"""`studybot serve` always answers /healthz, /readyz and /metrics, on Slack's port or its own."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from adapters.ops_http import Ops, serving_ops
from adapters.serve import serve
from bot.app import Companion, open_companion
from bot.config import Settings
from bot.ops.metrics import Metrics
from tests.adapters.discord.fake_discord import TOKEN, FakeDiscord
from tests.adapters.discord.harness import pointed_at
from tests.adapters.ops_client import answers, free_port, get, until
from tests.adapters.slack import payloads
from tests.adapters.slack.fake_slack import FakeSlack


@pytest.fixture
async def companion(settings: Settings) -> AsyncIterator[Companion]:
    async with open_companion(settings) as opened:
        yield opened


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


async def test_slack_http_mode_serves_events_and_ops_on_one_port(
        companion: Companion, fake_slack: FakeSlack, http: aiohttp.ClientSession) -> None:
    port, stop = free_port(), asyncio.Event()
    env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": payloads.SECRET,
           "SLACK_API_URL": fake_slack.api_url}
    running = asyncio.create_task(serve(companion, port=port, env=env, stop=stop, host="127.0.0.1"))
    base = f"http://127.0.0.1:{port}"
    await until(lambda: answers(http, base + "/readyz"))
    status, _, body = await get(http, base + "/readyz")
    assert json.loads(body) == {"ready": True, "checks": {"database": True, "slack": True}}

    command = payloads.slash_command("week 3", response_url=fake_slack.response_url())
    async with http.post(base + "/slack/events", data=command.encode(),
                         headers=payloads.signed_headers(command)) as response:
        assert response.status == 200

    async def answered() -> bool:
        return bool(fake_slack.responses())

    await until(answered)
    status, content_type, text = await get(http, base + "/metrics")
    assert status == 200 and content_type.startswith("text/plain")
    assert 'studybot_commands_total{command="week",outcome="ok",platform="slack"} 1.0' in text
    assert "studybot_lookup_seconds_bucket" in text and "studybot_scheduler_lag_seconds" in text
    assert (await get(http, base + "/healthz"))[0] == 200

    stop.set()
    assert await running == 0
    assert not await answers(http, base + "/healthz")


async def test_discord_only_gets_an_ops_server_of_its_own(
        companion: Companion, fake_discord: FakeDiscord, http: aiohttp.ClientSession) -> None:
    port, stop = free_port(), asyncio.Event()
    base = f"http://127.0.0.1:{port}"
    with pointed_at(fake_discord):
        running = asyncio.create_task(serve(companion, port=port, env={"DISCORD_TOKEN": TOKEN},
                                            stop=stop, host="127.0.0.1"))
        await until(lambda: answers(http, base + "/readyz"))
        assert (await get(http, base + "/healthz"))[0] == 200
        status, _, text = await get(http, base + "/metrics")
        assert status == 200 and "# TYPE studybot_deliveries_total counter" in text
        stop.set()
        assert await running == 0


async def test_readyz_says_503_and_which_check_failed(http: aiohttp.ClientSession) -> None:
    async def database_down() -> bool:
        raise ConnectionRefusedError("connection refused")

    async def connected() -> bool:
        return True

    ops = Ops(Metrics(), {"database": database_down, "discord": connected})
    async with serving_ops(ops, host="127.0.0.1", port=0) as port:
        status, _, body = await get(http, f"http://127.0.0.1:{port}/readyz")
        assert (status, json.loads(body)) == (503, {"ready": False, "checks": {"database": False,
                                                                              "discord": True}})
        assert (await get(http, f"http://127.0.0.1:{port}/healthz"))[0] == 200


async def test_a_taken_port_stops_serve_with_one_line(
        companion: Companion, fake_discord: FakeDiscord, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken, pointed_at(fake_discord):
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert await serve(companion, port=port, env={"DISCORD_TOKEN": TOKEN}, host="127.0.0.1") == 2
    assert capsys.readouterr().err.strip() == (
        f"studybot: --port {port} is not free (Address already in use): stop the other server or "
        "choose another port with --port")


def test_the_container_checks_the_path_and_port_serve_answers_on() -> None:
    root = Path(__file__).resolve().parents[2]
    dockerfile = (root / "Dockerfile").read_text()
    compose = (root / "compose.yaml").read_text()
    assert "http://127.0.0.1:3000/healthz" in dockerfile and "EXPOSE 3000" in dockerfile
    assert 'CMD ["studybot", "serve", "--port", "3000"]' in dockerfile
    assert 'command: ["studybot", "db", "upgrade"]' in compose  # migrations before the replicas
