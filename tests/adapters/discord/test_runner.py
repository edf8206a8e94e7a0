"""`studybot serve` on Discord: it starts, shards, registers its poster, or stops with one clear line."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest

from adapters.discord.config import load_config
from adapters.discord.runner import discord_runner, run_discord
from adapters.serve import serve
from adapters.stopped import PlatformStopped
from bot.app import Companion
from bot.messages import Platform
from tests.adapters.discord.fake_discord import TOKEN, FakeDiscord
from tests.adapters.discord.harness import pointed_at


async def served(capsys: pytest.CaptureFixture[str], companion: Companion, env: dict[str, str]) -> str:
    """Run `serve` until it stops; the one line it printed."""
    assert await serve(companion, port=0, env=env) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    return line


async def test_a_bad_token_stops_serve_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], companion: Companion, fake_discord: FakeDiscord
) -> None:
    with pointed_at(fake_discord):
        line = await served(capsys, companion, {"DISCORD_TOKEN": "not.the.token"})
    assert line.startswith("studybot: Discord rejected DISCORD_TOKEN (401 Unauthorized).")
    assert [r.path for r in fake_discord.requests] == ["/users/@me"]


@pytest.mark.parametrize("env, words", [
    ({"DISCORD_TOKEN": "two words"}, "DISCORD_TOKEN contains spaces"),
    ({"DISCORD_TOKEN": TOKEN, "DISCORD_SHARD_IDS": "0"}, "needs DISCORD_SHARD_COUNT"),
    ({"DISCORD_TOKEN": TOKEN, "DISCORD_GUILD_IDS": "my-server"}, "DISCORD_GUILD_IDS must be"),
])
async def test_malformed_settings_stop_serve_before_anything_starts(
    capsys: pytest.CaptureFixture[str], companion: Companion, env: dict[str, str], words: str
) -> None:
    assert words in await served(capsys, companion, env)


async def test_a_refused_message_content_intent_says_what_to_switch_on(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    fake_discord.refuse_message_content = True
    config = load_config({"DISCORD_TOKEN": TOKEN, "DISCORD_MESSAGE_CONTENT": "yes"})
    with pointed_at(fake_discord), pytest.raises(PlatformStopped) as stopped:
        await run_discord(companion, config)
    assert "Message Content Intent" in str(stopped.value)


async def test_a_process_runs_its_own_shards_and_only_shard_0_syncs_commands(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    env = {"DISCORD_TOKEN": TOKEN, "DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "1"}
    with pointed_at(fake_discord):
        running = asyncio.create_task(discord_runner(companion, env))
        identify = await fake_discord.wait_for_identify()
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
    assert identify["shard"] == [1, 2]
    assert not [r for r in fake_discord.requests if r.method == "PUT"]
    assert Platform.DISCORD in companion.posters.platforms()


async def test_discord_out_of_reach_stops_serve_with_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], companion: Companion
) -> None:
    gone = FakeDiscord()
    await gone.start()
    await gone.stop()  # its port is closed now: connections are refused
    with pointed_at(gone):
        line = await served(capsys, companion, {"DISCORD_TOKEN": TOKEN})
    assert line.startswith("studybot: Couldn't reach Discord (")


async def test_a_long_rate_limit_at_start_up_stops_serve_with_one_line(
    capsys: pytest.CaptureFixture[str], companion: Companion, fake_discord: FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past max_ratelimit_timeout discord.py raises RateLimited, which is no HTTPException."""
    # discord.py logs each 429; a handler an earlier test left on a closed stream must not print.
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    fake_discord.throttled[("PUT", r"/applications/\d+/commands")] = 600.0
    with pointed_at(fake_discord):
        line = await served(capsys, companion, {"DISCORD_TOKEN": TOKEN})
    assert line.startswith("studybot: Discord asked studybot to wait 600 seconds")


async def test_commands_discord_finds_invalid_stop_serve_saying_retrying_will_not_help(
    capsys: pytest.CaptureFixture[str], companion: Companion, fake_discord: FakeDiscord
) -> None:
    fake_discord.sync_problems.append("options.0.description: Must be 100 or fewer in length.")
    with pointed_at(fake_discord):
        line = await served(capsys, companion, {"DISCORD_TOKEN": TOKEN})
    assert "Try again in a few minutes" not in line
    assert "refused studybot's slash commands as invalid" in line
    assert "Must be 100 or fewer in length" in line
