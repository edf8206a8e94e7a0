"""`studybot serve` on Discord: connect, register the poster, run until stopped.

Settings are checked before anything starts (DiscordConfigError). A token, intent or
permission problem found while connecting stops the process with one clear line
(PlatformStopped) instead of a traceback or a bot that silently never answers.
"""

from __future__ import annotations

from collections.abc import Coroutine, Mapping
from typing import Any

import aiohttp
import discord

from adapters.discord.client import CommandSyncFailed, StudyClient
from adapters.discord.config import DiscordConfig, DiscordConfigError, load_config
from adapters.discord.poster import DiscordPoster
from adapters.discord.safe_text import single_line
from adapters.stopped import PlatformStopped
from bot.app import Companion
from bot.messages import Platform

__all__ = ["DiscordConfigError", "discord_runner", "run_discord"]


def discord_runner(companion: Companion, env: Mapping[str, str],
                   **client_options: Any) -> Coroutine[Any, Any, None]:
    """Check the settings now (DiscordConfigError), and return the coroutine that runs Discord."""
    return run_discord(companion, load_config(env), **client_options)


async def run_discord(companion: Companion, config: DiscordConfig, **client_options: Any) -> None:
    client = StudyClient(companion, config, **client_options)
    companion.posters.register(Platform.DISCORD, DiscordPoster(client))
    try:
        async with client:
            await client.start(config.token)
    except discord.LoginFailure as error:
        raise PlatformStopped(bad_token()) from error
    except discord.PrivilegedIntentsRequired as error:
        raise PlatformStopped(message_content_refused()) from error
    except CommandSyncFailed as error:
        raise PlatformStopped(str(error)) from error
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as error:
        raise PlatformStopped(unreachable(error)) from error
    except discord.RateLimited as error:
        raise PlatformStopped(rate_limited_at_start(error.retry_after)) from error
    except discord.HTTPException as error:
        raise PlatformStopped(refused_at_start(error)) from error


def bad_token() -> str:
    return ("Discord rejected DISCORD_TOKEN (401 Unauthorized). Copy the bot token again from the "
            "Developer Portal (your application > Bot > Reset Token).")


def message_content_refused() -> str:
    return ("Discord refused the message-content intent. Turn on 'Message Content Intent' on the "
            "Bot page of the Developer Portal, or unset DISCORD_MESSAGE_CONTENT (mentions, DMs and "
            "slash commands work without it).")


def unreachable(error: BaseException) -> str:
    return (f"Couldn't reach Discord ({type(error).__name__}: {str(error)[:120] or 'no details'}). "
            "Check this machine's internet connection or proxy, then start studybot again.")


def refused_at_start(error: discord.HTTPException) -> str:
    return (f"Discord answered HTTP {error.status} while studybot was starting "
            f"({single_line(error.text)[:120] or 'no reason given'}). Try again in a few minutes.")


def rate_limited_at_start(retry_after: float) -> str:
    return (f"Discord asked studybot to wait {retry_after:.0f} seconds before its next request while "
            "starting (too many restarts or command syncs in a short time). Start it again after that; "
            "a process that keeps restarting makes the wait longer.")
