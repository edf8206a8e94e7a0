"""SlackPoster: scheduled posts (reminders, prompts) into a Slack channel.

One post is one chat.postMessage, then its pictures. The rules that keep a post
from appearing twice:
- only a 429 is retried here: Slack did nothing, and told us how long to wait;
- a 5xx or a network error is reported as retryable and left to the outbox, which
  retries with backoff (we never loop on an answer that might have been posted);
- once the message is posted the result is `sent`, even if a picture then fails,
  so nothing makes the outbox post the text again.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack import blockkit, errors
from adapters.slack.patience import Patience, Sleep
from bot.messages import ChannelRef, Image, Reply
from bot.ports import PostResult

log = logging.getLogger(__name__)



class TokenSource(Protocol):
    """The bot token of a workspace: one fixed token, or the installation store's."""

    async def bot_token(self, team_id: str) -> str | None: ...


@dataclass
class StaticToken:
    """One workspace's token from SLACK_BOT_TOKEN, until Slack says it was revoked."""

    token: str | None

    async def bot_token(self, team_id: str) -> str | None:
        return self.token

    def forget(self) -> None:
        self.token = None


class SlackPoster:
    def __init__(self, tokens: TokenSource, *, base_url: str, session: aiohttp.ClientSession | None = None,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._tokens = tokens
        self._base_url = base_url
        self._session = session
        self._patience = Patience(sleep)

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        token = await self._tokens.bot_token(channel.tenant.id)
        if not token:
            return PostResult.failed(not_installed(channel.tenant.id), retryable=False)
        client = AsyncWebClient(token=token, base_url=self._base_url, session=self._session,
                                retry_handlers=[])
        message = blockkit.render(reply)
        try:
            response = await self._patience.call(lambda: client.chat_postMessage(
                channel=channel.id, thread_ts=channel.thread, unfurl_links=False, unfurl_media=False,
                **message.payload()))
        except Exception as error:
            failure = errors.describe(error)
            log.info("slack post to %s failed: %s", channel.id, failure.reason)
            return PostResult.failed(failure.reason, retryable=failure.retryable,
                                     retry_after=failure.retry_after)
        await self._post_pictures(client, channel, message.images)
        return PostResult.sent(str(response.get("ts") or "") or None)

    async def _post_pictures(self, client: AsyncWebClient, channel: ChannelRef,
                             images: tuple[Image, ...]) -> None:
        for image in images:
            try:
                await self._patience.call(partial(upload, client, channel.id, image, channel.thread))
            except Exception as error:
                # The text is already posted: report `sent`, or the outbox would post it again.
                log.warning("slack: picture %s not posted to %s: %s", image.filename, channel.id,
                            errors.describe(error).reason)


async def upload(client: AsyncWebClient, channel_id: str, image: Image,
                 thread_ts: str | None = None) -> AsyncSlackResponse:
    """One picture, with files_upload_v2 (upload URL, bytes, then complete)."""
    extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    return await client.files_upload_v2(channel=channel_id, file=image.png, filename=image.filename,
                                        title=image.alt_text[:250] or image.filename,
                                        alt_txt=image.alt_text[:1000], **extra)


def not_installed(team_id: str) -> str:
    return (f"studybot is not installed in the Slack workspace {team_id} any more: "
            "install it again from the install page, then the post will go out")
