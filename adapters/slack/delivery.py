"""Getting an answer in front of the person: response_url, a thread, an ephemeral, a DM.

Ephemeral messages cannot carry files, so pictures of an ephemeral answer go to the
person's DM with studybot, and the answer says so where the picture stood.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import blockkit, errors, mrkdwn, texts
from adapters.slack.blockkit import SlackMessage
from adapters.slack.patience import Patience, Sleep
from adapters.slack.poster import upload
from bot.messages import Image

log = logging.getLogger(__name__)


class Delivery:
    def __init__(self, session: aiohttp.ClientSession, *, sleep: Sleep = asyncio.sleep) -> None:
        self.session = session
        # An answer waits out Slack's "slow down" (Retry-After) rather than being dropped.
        self.sleep = sleep
        self._dm_channels: dict[tuple[str, str], str] = {}

    def _patience(self) -> Patience:
        return Patience(self.sleep)

    async def respond(self, response_url: str, payload: dict[str, Any]) -> bool:
        """POST to a response_url (slash commands and buttons; valid 30 minutes)."""
        try:
            async with self.session.post(response_url, json=payload) as response:
                if response.status >= 400:
                    log.warning("slack: response_url answered HTTP %s: %s", response.status,
                                (await response.text())[:200])
                    return False
                return True
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning("slack: could not reach response_url: %s", error)
            return False

    async def respond_ephemeral(self, response_url: str, message: SlackMessage, *,
                                replace_original: bool = False) -> bool:
        return await self.respond(response_url, {**message.payload(), "response_type": "ephemeral",
                                                 "replace_original": replace_original})

    async def post(self, client: AsyncWebClient, channel: str, message: SlackMessage,
                   thread_ts: str | None = None) -> str | None:
        try:
            response = await self._patience().call(lambda: client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
                **message.payload()))
        except Exception as error:
            log.warning("slack: could not answer in %s: %s", channel, unsent(error))
            return None
        return str(response.get("ts") or "")

    async def post_ephemeral(self, client: AsyncWebClient, channel: str, user: str,
                             message: SlackMessage, thread_ts: str | None = None) -> None:
        try:
            await self._patience().call(lambda: client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **message.payload()))
        except Exception as error:
            log.warning("slack: could not answer %s privately in %s: %s", user, channel, unsent(error))

    async def pictures(self, client: AsyncWebClient, channel: str, images: tuple[Image, ...],
                       thread_ts: str | None = None) -> None:
        for image in images:
            try:
                await self._patience().call(partial(upload, client, channel, image, thread_ts))
            except Exception as error:
                log.warning("slack: picture %s not sent to %s: %s", image.filename, channel,
                            errors.describe(error).reason)

    async def pictures_to_dm(self, client: AsyncWebClient, team_id: str, user_id: str,
                             images: tuple[Image, ...]) -> None:
        if not images:
            return
        channel = await self.dm_channel(client, team_id, user_id)
        if channel:
            await self.pictures(client, channel, images)

    async def dm_channel(self, client: AsyncWebClient, team_id: str, user_id: str) -> str | None:
        """The id of the person's DM with studybot (it never changes, so it is cached)."""
        key = (team_id, user_id)
        if key not in self._dm_channels:
            try:
                response = await client.conversations_open(users=user_id)
            except Exception as error:
                log.warning("slack: cannot open a DM with %s: %s", user_id, errors.describe(error).reason)
                return None
            self._dm_channels[key] = str((response.get("channel") or {}).get("id") or "")
        return self._dm_channels[key] or None

    def remember_dm_channel(self, team_id: str, user_id: str, channel_id: str) -> None:
        if channel_id:
            self._dm_channels[(team_id, user_id)] = channel_id


def unsent(error: Exception) -> str:
    """Why an answer did not go out. Unlike a scheduled post, nothing retries an answer
    later, so a rate limit that outlasted our patience is said as it is."""
    failure = errors.describe(error)
    if failure.code == "ratelimited":
        return f"Slack kept asking us to slow down (Retry-After {failure.retry_after:g} s); answer not sent"
    return failure.reason


def shared_by(payload: dict[str, Any], name: str) -> dict[str, Any]:
    """A kept answer, as posted for everyone: with who shared it at the end."""
    note = blockkit.context(mrkdwn.escape(texts.shared_by(name)))
    blocks = [*payload.get("blocks", [])][: blockkit.MESSAGE_BLOCKS - 1]
    return {**payload, "blocks": [*blocks, note]}
