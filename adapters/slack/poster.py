"""SlackPoster: scheduled posts (reminders, prompts) into a Slack channel.

One post is one chat.postMessage, then its pictures. The rules that keep a post
from appearing twice:
- only a 429 is retried here (the outbound policy, adapters.slack.patience): Slack did
  nothing, and told us how long to wait;
- a 5xx or a network error is reported as retryable and left to the outbox, which
  retries with backoff (we never loop on a post that might have been made);
- once the message is posted the result is `sent`, even if a picture then fails,
  so nothing makes the outbox post the text again;
- with SLACK_DEDUPE_POSTS each post carries its delivery key as message metadata, and
  a repeat attempt first looks for that key in the channel's recent messages, so a
  post Slack took just before a crash is not posted again.

A post to a person (`ChannelRef.to_person`: a session reminder, a cancellation notice)
goes the way Slack documents: conversations.open with `users` (scope im:write) gives
the id of the DM between studybot and them, and chat.postMessage (chat:write) posts
there. That id never changes, so it is asked for once per person and process.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Protocol

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack import blockkit, errors, texts
from adapters.slack.patience import LOOKUP, SCHEDULED, Patience, Sleep
from bot.messages import ChannelRef, Image, Reply
from bot.ports import PostResult
from bot.schedule.outbox import delivery_key, delivery_may_repeat

log = logging.getLogger(__name__)

POSTS_AT_ONCE = 4  # per workspace
POST_METADATA = "studybot_scheduled_post"
# A retry comes minutes to an hour after the first attempt: its copy, if any, is recent.
HISTORY_LOOKBACK = 100



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
                 sleep: Sleep = asyncio.sleep, dedupe_posts: bool = False,
                 at_once: int = POSTS_AT_ONCE) -> None:
        self._tokens = tokens
        self._base_url = base_url
        self._session = session
        self.patience = Patience(sleep)
        self._dedupe = dedupe_posts
        self._at_once = at_once
        self._lanes: dict[str, asyncio.Semaphore] = {}
        self._dm_ids: dict[tuple[str, str], str] = {}

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        # A few posts at a time per workspace: Slack allows about one message a second per
        # channel within a workspace-wide limit, so more would only meet 429s. It also keeps
        # the posts a crash can repeat (sent, not yet recorded) to those few.
        lane = self._lanes.setdefault(channel.tenant.id, asyncio.Semaphore(self._at_once))
        async with lane:
            return await self._post(channel, reply)

    async def _post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        token = await self._tokens.bot_token(channel.tenant.id)
        if not token:
            return PostResult.failed(not_installed(channel.tenant.id), retryable=False)
        client = AsyncWebClient(token=token, base_url=self._base_url, session=self._session,
                                retry_handlers=[])
        if channel.to_person:
            opened = await self._direct_channel(client, channel)
            if isinstance(opened, PostResult):
                return opened
            channel = opened
        key = delivery_key() if self._dedupe else None
        if key is not None and delivery_may_repeat():
            earlier = await already_posted(client, channel, key)
            if earlier is not None:
                return PostResult.sent(earlier)
        message = blockkit.render(reply)
        marked: dict[str, Any] = {} if key is None else {
            "metadata": {"event_type": POST_METADATA, "event_payload": {"delivery": key}}}
        try:
            response = await self.patience.call(lambda: client.chat_postMessage(
                channel=channel.id, thread_ts=channel.thread, unfurl_links=False, unfurl_media=False,
                **message.payload(), **marked), SCHEDULED)
        except Exception as error:
            failure = errors.describe(error)
            log.info("slack post to %s failed: %s", channel.id, failure.reason)
            return PostResult.failed(failure.reason, retryable=failure.retryable,
                                     retry_after=failure.retry_after)
        await self._post_pictures(client, channel, message.images)
        return PostResult.sent(str(response.get("ts") or "") or None)

    async def cannot_post(self, channel: ChannelRef) -> str | None:
        """Asked before a post is scheduled into `channel`: conversations.info says whether
        studybot is a member (`is_member`). Without chat:write.public, Slack refuses every
        post into a channel the bot is not in (`not_in_channel`), and a private one it is
        not in does not exist for it (`channel_not_found`). When Slack cannot tell us now,
        the post is allowed: the outbox reports a failure to the facilitator later."""
        token = await self._tokens.bot_token(channel.tenant.id)
        if not token:
            return not_installed(channel.tenant.id)
        client = AsyncWebClient(token=token, base_url=self._base_url, session=self._session,
                                retry_handlers=[])
        try:
            response = await self.patience.call(lambda: client.conversations_info(channel=channel.id),
                                                LOOKUP, repeatable=True)
        except Exception as error:
            failure = errors.describe(error)
            if failure.code == "channel_not_found":
                return texts.invite_first()
            log.info("slack: could not check whether studybot is in %s (%s); going ahead",
                     channel.id, failure.reason)
            return None
        found = response.get("channel") or {}
        if found.get("is_archived"):
            return texts.archived_channel()
        return None if found.get("is_member") or found.get("is_im") else texts.invite_first()

    async def _direct_channel(self, client: AsyncWebClient, person: ChannelRef) -> ChannelRef | PostResult:
        """The DM with `person` (whose `id` is their user id), or why it could not be opened."""
        key = (person.tenant.id, person.id)
        if key not in self._dm_ids:
            try:
                response = await self.patience.call(lambda: client.conversations_open(users=person.id),
                                                    LOOKUP, repeatable=True)
            except Exception as error:
                failure = errors.describe(error)
                log.info("slack: no DM with %s: %s", person.id, failure.reason)
                return PostResult.failed(failure.reason, retryable=failure.retryable,
                                         retry_after=failure.retry_after)
            opened = str((response.get("channel") or {}).get("id") or "")
            if not opened:
                return PostResult.failed("Slack opened no direct message channel; it will try again.")
            self._dm_ids[key] = opened
        return replace(person, id=self._dm_ids[key], to_person=False, is_direct=True)

    async def _post_pictures(self, client: AsyncWebClient, channel: ChannelRef,
                             images: tuple[Image, ...]) -> None:
        for image in images:
            try:
                await self.patience.call(partial(upload, client, channel.id, image, channel.thread),
                                         SCHEDULED, repeatable=upload_may_repeat)
            except Exception as error:
                # The text is already posted: report `sent`, or the outbox would post it again.
                log.warning("slack: picture %s not posted to %s: %s", image.filename, channel.id,
                            errors.describe(error).reason)


async def already_posted(client: AsyncWebClient, channel: ChannelRef, key: str) -> str | None:
    """The ts of a message in the channel's recent history carrying this delivery key
    (SLACK_DEDUPE_POSTS). If Slack cannot tell us, None: then the post goes out again,
    as it would without the setting (at least once, never lost)."""
    try:
        return await find_marked(client, channel.id, channel.thread, POST_METADATA, "delivery", key)
    except Exception as error:
        log.warning("slack: could not check %s for an earlier copy of a post: %s", channel.id,
                    errors.describe(error).reason)
        return None


async def find_marked(client: AsyncWebClient, channel_id: str, thread: str | None, event_type: str,
                      field: str, key: str) -> str | None:
    """The ts of a recent message in the channel (or thread) whose metadata carries this
    key, or None when there is none. Raises when Slack cannot tell."""
    if thread:
        response = await client.conversations_replies(channel=channel_id, ts=thread,
                                                      limit=HISTORY_LOOKBACK, include_all_metadata=True)
    else:
        response = await client.conversations_history(channel=channel_id, limit=HISTORY_LOOKBACK,
                                                      include_all_metadata=True)
    for message in response.get("messages") or []:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == event_type and payload.get(field) == key:
            return str(message.get("ts") or "") or None
    return None


async def upload(client: AsyncWebClient, channel_id: str, image: Image,
                 thread_ts: str | None = None) -> AsyncSlackResponse:
    """One picture, with files_upload_v2 (upload URL, bytes, then complete)."""
    extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    return await client.files_upload_v2(channel=channel_id, file=image.png, filename=image.filename,
                                        title=image.alt_text[:250] or image.filename,
                                        alt_txt=image.alt_text[:1000], **extra)


def upload_may_repeat(failure: errors.Failure, error: Exception) -> bool:
    """A picture shows once files.completeUploadExternal is done; a failure in the steps
    before it (an upload URL, the bytes) left nothing in the channel to repeat."""
    if not isinstance(error, SlackApiError):
        return False
    return "completeUploadExternal" not in str(getattr(error.response, "api_url", ""))


def not_installed(team_id: str) -> str:
    return (f"studybot is not installed in the Slack workspace {team_id} any more: "
            "install it again from the install page, then the post will go out")
