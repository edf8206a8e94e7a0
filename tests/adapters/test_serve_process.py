"""The real `studybot serve` process in Slack HTTP mode: ops endpoints, then SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from tests.adapters.ops_client import free_port, get
from tests.adapters.slack import payloads
from tests.adapters.slack.fake_slack import FakeSlack

STARTED = "studybot: Slack is on"
START_SECONDS, STOP_SECONDS = 60, 10


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


async def started(process: asyncio.subprocess.Process) -> list[str]:
    """stderr lines up to the one saying Slack is on (it is printed once the port listens)."""
    assert process.stderr is not None
    lines: list[str] = []
    while not lines or not lines[-1].startswith(STARTED):
        line = await asyncio.wait_for(process.stderr.readline(), START_SECONDS)
        assert line, f"serve exited before starting: {lines}"
        lines.append(line.decode().strip())
    return lines


async def test_serve_answers_ops_endpoints_and_exits_cleanly_on_sigterm(
        database_url: str, fake_slack: FakeSlack) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
           "SLACK_SIGNING_SECRET": payloads.SECRET, "SLACK_API_URL": fake_slack.api_url,
           "STUDYBOT_LOG_LEVEL": "INFO"}
    for unset in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "DISCORD_TOKEN"):
        env.pop(unset, None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "adapters.cli", "serve", "--port", str(port), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await started(process)
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            assert (await get(http, base + "/healthz"))[0] == 200
            status, _, body = await get(http, base + "/readyz")
            assert (status, json.loads(body)["ready"]) == (200, True)
            status, _, text = await get(http, base + "/metrics")
            assert status == 200 and "studybot_commands_total" in text
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), STOP_SECONDS)
        seconds = time.monotonic() - signalled
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert seconds < STOP_SECONDS
    logged = [json.loads(line) for line in stderr.decode().splitlines() if line.startswith("{")]
    assert [e["signal"] for e in logged if e["message"] == "stopping"] == ["SIGTERM"]
    assert "Traceback" not in stderr.decode()
