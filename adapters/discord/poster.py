"""DiscordPoster: the outbound half for scheduled posts (reminders, prompts).

Posts go over REST to a channel by id, so any process can post for any server, not
only the one holding its shard. A post is never shown twice, however often the outbox
tries it: every attempt of one delivery carries the same nonces (from the outbox's
delivery key) with enforce_nonce, which Discord honours for a few minutes; past that,
the channel's latest messages are read first and messages already there, found by the
marker in their footer (adapters/discord/markers.py), are not posted again. A post
outside the outbox gets nonces from what it says and where. Failures come back as a
PostResult with a reason a facilitator can read; a thread that would not open is
reported as a note on the post that did go out.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any, cast

import aiohttp
import discord

from adapters.discord.embeds import OutgoingMessage, render
from adapters.discord.inbound import tenant_of
from adapters.discord.long_buttons import ButtonStore
from adapters.discord.markers import HISTORY_LIMIT, mark, marker_of, markers_in
from adapters.discord.sending import Posted, open_thread, send_to_channel, thread_name, wants_thread
from bot.messages import ChannelRef, Platform, Reply
from bot.ports import PostResult
from bot.schedule.outbox import delivery_key

log = logging.getLogger(__name__)

NONCE_LENGTH = 25  # Discord's maximum
UNKNOWN_CHANNEL, MISSING_ACCESS, CANNOT_DM, MISSING_PERMISSIONS = 10003, 50001, 50007, 50013


class DiscordPoster:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        target_id = _target_id(channel)
        if target_id is None:
            return PostResult.failed(not_a_discord_channel(channel), retryable=False)
        if self.client.user is None:
            return PostResult.failed("studybot is not connected to Discord yet; it will try again.")
        messages = render(reply)
        store = getattr(self.client, "button_store", None)
        if isinstance(store, ButtonStore):
            # Kept where a click will look: a click in a DM has no server (tenant_of(None)).
            await store.keep(tenant_of(None) if channel.is_direct or channel.to_person else channel.tenant,
                             messages)
        key = delivery_key()
        nonces = nonces_for(channel, messages, key)
        try:
            if channel.to_person:
                target_id = (await self.client.create_dm(discord.Object(id=target_id))).id
            ids = await self._already_there(target_id, messages, nonces) if key is not None else {}
            missing = [i for i in range(len(messages)) if i not in ids]
            sent = await send_to_channel(self.client.get_partial_messageable(target_id),
                                         [messages[i] for i in missing], nonces=[nonces[i] for i in missing],
                                         reference=_reply_to(channel, target_id, 0 in missing))
        except discord.RateLimited as error:
            return PostResult.failed(rate_limited(error.retry_after), retry_after=error.retry_after)
        except discord.HTTPException as error:
            return failure_of(error, target_id)
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            return PostResult.failed(f"Couldn't reach Discord ({type(error).__name__}); it will try again.")
        ids.update({i: str(m.id) for i, m in zip(missing, sent, strict=True)})
        note = None
        if wants_thread(reply) and not channel.is_direct and channel.thread is None and 0 in missing:
            refused = await open_thread(self.client.http, Posted(target_id, int(ids[0])), thread_name(reply))
            note = thread_not_opened(refused) if refused else None
        return PostResult.sent(ids[0], note=note)

    async def _already_there(self, target_id: int, messages: list[OutgoingMessage],
                             nonces: list[str]) -> dict[int, str]:
        """Mark each message, and find those an earlier attempt already posted."""
        for message, nonce in zip(messages, nonces, strict=True):
            mark(message, nonce)
        try:
            history = await self.client.http.logs_from(target_id, HISTORY_LIMIT)
        except discord.Forbidden as error:  # no Read Message History: the nonce alone guards
            log.warning("cannot read channel %s to check for an earlier post: %s", target_id, error)
            return {}
        assert self.client.user is not None
        found = markers_in(cast(list[Mapping[str, Any]], history), self.client.user.id)
        return {i: found[marker_of(n)] for i, n in enumerate(nonces) if marker_of(n) in found}


def _reply_to(channel: ChannelRef, target_id: int, first: bool) -> discord.MessageReference | None:
    """A post answering a message is a reply to it; sent anyway if it was deleted meanwhile."""
    if channel.reply_to is None or not channel.reply_to.isdigit() or not first:
        return None
    return discord.MessageReference(message_id=int(channel.reply_to), channel_id=target_id,
                                    fail_if_not_exists=False)


def _target_id(channel: ChannelRef) -> int | None:
    if channel.tenant.platform is not Platform.DISCORD:
        return None
    target = channel.thread or channel.id
    return int(target) if target.isdigit() else None


def nonces_for(channel: ChannelRef, messages: Sequence[OutgoingMessage], key: str | None) -> list[str]:
    """Every attempt of one delivery (or the same post to the same place) gets the same nonces."""
    place = f"{channel.id}/{channel.thread}"
    return [_nonce(f"{place}/{index}", message, key) for index, message in enumerate(messages)]


def _nonce(place: str, message: OutgoingMessage, key: str | None) -> str:
    digest = hashlib.sha256(place.encode())
    if key is not None:
        digest.update(key.encode())
        return digest.hexdigest()[:NONCE_LENGTH]
    digest.update(message.content.encode())
    digest.update(json.dumps([e.to_dict() for e in message.embeds], sort_keys=True).encode())
    for attachment in message.attachments:
        digest.update(attachment.filename.encode() + hashlib.sha256(attachment.data).digest())
    digest.update(json.dumps([(b.label, b.command) for b in message.buttons]).encode())
    return digest.hexdigest()[:NONCE_LENGTH]


def failure_of(error: discord.HTTPException, channel_id: int) -> PostResult:
    code = error.code
    if isinstance(error, discord.NotFound) or code == UNKNOWN_CHANNEL:
        return PostResult.failed(channel_gone(channel_id), retryable=False)
    if code == CANNOT_DM:
        return PostResult.failed(dms_closed(), retryable=False)
    if isinstance(error, discord.Forbidden):
        return PostResult.failed(not_allowed(channel_id, code, error.text), retryable=False)
    if isinstance(error, discord.DiscordServerError):
        return PostResult.failed(server_trouble(error.status))
    return PostResult.failed(f"Discord refused the post (HTTP {error.status}, error {code}: "
                             f"{error.text or 'no reason given'}).", retryable=False)


def not_a_discord_channel(channel: ChannelRef) -> str:
    return f"{channel.id!r} is not a Discord channel, so the Discord poster cannot post there."


def channel_gone(channel_id: int) -> str:
    return (f"Channel {channel_id} no longer exists, or studybot was removed from its server "
            "(Discord: Unknown Channel). Set the group up again in a channel that exists.")


def not_allowed(channel_id: int, code: int, text: str) -> str:
    what = "can't see" if code == MISSING_ACCESS else "isn't allowed to post in"
    return (f"studybot {what} channel {channel_id} (Discord: {text or 'Forbidden'}). Give it View "
            "Channel, Send Messages, Send Messages in Threads, Embed Links, Attach Files and Read "
            "Message History there (and Create Public Threads for discussion prompts).")


def dms_closed() -> str:
    return ("This person doesn't accept direct messages from studybot "
            "(Discord: Cannot send messages to this user).")


def server_trouble(status: int) -> str:
    return f"Discord had a problem on its side (HTTP {status}); it will try again."


def thread_not_opened(reason: str) -> str:
    return (f"no thread for the answers, {reason}; give studybot Create Public Threads and Send "
            "Messages in Threads in that channel")


def rate_limited(retry_after: float) -> str:
    return f"Discord asked studybot to slow down; it will try again in {retry_after:.0f} seconds."
