"""`studybot serve` starts Slack when it is configured, and refuses clearly when it is not."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys

import pytest

from adapters.serve import serve
from adapters.slack.config import SlackConfig, SlackConfigError
from adapters.slack.credentials import check_credentials
from bot.app import Companion
from bot.messages import Platform
from tests.adapters.slack.fake_slack import FakeSlack


async def test_serve_refuses_a_bad_slack_setting_with_one_line(companion: Companion,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    code = await serve(companion, port=0, env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("studybot: SLACK_SIGNING_SECRET is required")


async def test_serve_refuses_a_token_slack_rejects(companion: Companion, fake_slack: FakeSlack,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    fake_slack.fail("auth.test", error="invalid_auth")
    env = {"SLACK_BOT_TOKEN": "xoxb-old", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": fake_slack.api_url}
    assert await serve(companion, port=0, env=env) == 2
    assert capsys.readouterr().err.strip() == (
        "studybot: SLACK_BOT_TOKEN was refused by Slack (invalid_auth): copy the current Bot User "
        "OAuth Token from OAuth & Permissions at https://api.slack.com/apps")


async def test_serve_says_so_when_the_port_is_taken(companion: Companion, fake_slack: FakeSlack,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": fake_slack.api_url}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert await serve(companion, port=port, env=env) == 2
    assert capsys.readouterr().err.startswith(f"studybot: --port {port} is not free")


async def test_a_bad_app_token_is_caught_before_socket_mode_retries_forever(
        fake_slack: FakeSlack) -> None:
    fake_slack.fail("apps.connections.open", error="invalid_auth")
    config = SlackConfig(bot_token="xoxb-1", app_token="xapp-old", api_url=fake_slack.api_url)
    with pytest.raises(SlackConfigError, match=r"^SLACK_APP_TOKEN was refused"):
        await check_credentials(config)


async def test_an_unreachable_slack_does_not_stop_start_up() -> None:
    await check_credentials(SlackConfig(bot_token="xoxb-1", api_url="http://127.0.0.1:9/api/"))


async def test_serve_runs_slack_and_registers_its_poster(companion: Companion, fake_slack: FakeSlack) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": fake_slack.api_url}
    running = asyncio.create_task(serve(companion, port=0, env=env))
    for _ in range(100_000):  # yield to the loop until the server is up; no clock involved
        if Platform.SLACK in companion.posters.platforms() or running.done():
            break
        await asyncio.sleep(0)
    assert Platform.SLACK in companion.posters.platforms()
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running


def test_the_studybot_command_exits_non_zero_naming_the_variable(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url,
           "SLACK_BOT_TOKEN": "xoxp-a-user-token", "SLACK_SIGNING_SECRET": "s"}
    env.pop("SLACK_APP_TOKEN", None)
    env.pop("SLACK_CLIENT_ID", None)
    done = subprocess.run([sys.executable, "-m", "adapters.cli", "serve", "--port", "0"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("studybot: SLACK_BOT_TOKEN should start with xoxb-")
