"""`studybot serve`: run every platform adapter the environment configures."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Coroutine
from typing import Any

from bot.app import Companion


class PlatformStopped(Exception):
    """A platform could not start or keep running (bad token, refused intent); one line to show."""


def configured_platforms(env: dict[str, str]) -> list[str]:
    platforms = []
    if env.get("SLACK_BOT_TOKEN") or env.get("SLACK_CLIENT_ID"):
        platforms.append("slack")
    if env.get("DISCORD_TOKEN"):
        platforms.append("discord")
    return platforms


async def serve(companion: Companion, *, port: int, env: dict[str, str] | None = None) -> int:
    """Run until cancelled; returns an exit code when nothing could start."""
    env = dict(os.environ) if env is None else env
    runners: list[Coroutine[Any, Any, None]] = []
    platforms = configured_platforms(env)
    if not platforms:
        print("studybot: nothing to serve. Set SLACK_BOT_TOKEN (Slack) or DISCORD_TOKEN "
              "(Discord); see docs/. To try the companion locally, run `studybot chat`.",
              file=sys.stderr)
        return 2
    # Platform runners are added here by their adapters (see adapters/slack, adapters/discord).
    if "slack" in platforms:
        try:
            from adapters.slack.runner import SlackConfigError, slack_runner
        except ImportError:
            print("studybot: Slack support is not installed: pip install 'studybot[slack]'",
                  file=sys.stderr)
            return 2
        try:
            runners.append(await slack_runner(companion, port=port, env=env))
        except SlackConfigError as error:
            print(f"studybot: {error}", file=sys.stderr)
            return 2
    if "discord" in platforms:
        try:
            from adapters.discord.runner import DiscordConfigError, discord_runner
        except ImportError:
            print("studybot: Discord support is not installed: pip install 'studybot[discord]'",
                  file=sys.stderr)
            return 2
        try:
            runners.append(discord_runner(companion, env))
        except DiscordConfigError as error:
            print(f"studybot: {error}", file=sys.stderr)
            return 2
    if not runners:
        print(f"studybot: {', '.join(platforms)} is configured but not available yet.", file=sys.stderr)
        return 2
    # Scheduled posts go out through the posters the runners register as they connect.
    await companion.scheduler.start()
    try:
        await asyncio.gather(*runners)
    except PlatformStopped as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 2
    finally:
        await companion.scheduler.stop()
    return 0
