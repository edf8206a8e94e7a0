"""Sending rendered messages: into a channel, as an interaction's response, and threads.

Every send names its allowed_mentions explicitly, on top of the client-wide default:
none at all, or, for a message that carries the group's chosen role, that one role and
nothing else (no users, no @everyone, no other role), so no code path can ping anyone
else.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import discord
from discord.utils import MISSING

from adapters.discord.embeds import OutgoingMessage
from adapters.discord.safe_text import defuse_mentions, single_line, trim
from adapters.discord.views import command_view
from bot.messages import Heading, Reply

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
MAX_THREAD_NAME = 100
THREAD_ARCHIVE_MINUTES: Literal[1440] = 1440  # a day without messages


@dataclass(frozen=True)
class Posted:
    """Where a message we sent lives, enough to open a thread on it."""

    channel_id: int
    message_id: int


def allowed_mentions(message: OutgoingMessage) -> discord.AllowedMentions:
    if message.ping_role is None:
        return NO_MENTIONS
    return discord.AllowedMentions(everyone=False, users=False, roles=[discord.Object(id=message.ping_role)],
                                   replied_user=False)


def files_of(message: OutgoingMessage) -> list[discord.File]:
    return [discord.File(io.BytesIO(a.data), filename=a.filename, description=a.description)
            for a in message.attachments]


async def send_to_channel(channel: discord.abc.Messageable, messages: Sequence[OutgoingMessage], *,
                          reference: discord.MessageReference | None = None,
                          nonces: Sequence[str] | None = None) -> list[discord.Message]:
    """Send in order; the first answers `reference` (a reply, without pinging its author)."""
    sent: list[discord.Message] = []
    for index, message in enumerate(messages):
        options: dict[str, Any] = {"content": message.wire_content() or None, "embeds": message.embeds,
                                   "files": files_of(message), "allowed_mentions": allowed_mentions(message),
                                   "view": command_view(message.buttons, message.button_refs)}
        if reference is not None and index == 0:
            # No mention_author: replied_user stays unset, which Discord reads as "do not ping".
            options["reference"] = reference
        if nonces:
            options["nonce"] = nonces[index]
        sent.append(await channel.send(**options))
    return sent


async def respond(interaction: discord.Interaction[Any], messages: Sequence[OutgoingMessage], *,
                  ephemeral: bool) -> Posted | None:
    """Answer an interaction that has not been answered yet; later messages are follow-ups."""
    first, *rest = messages
    callback = await interaction.response.send_message(
        content=first.wire_content() or None, embeds=first.embeds, files=files_of(first),
        view=command_view(first.buttons, first.button_refs) or MISSING,
        allowed_mentions=allowed_mentions(first),
        ephemeral=ephemeral)
    await follow_up(interaction, rest, ephemeral=ephemeral)
    if callback.message_id is None or interaction.channel_id is None:
        return None
    return Posted(interaction.channel_id, callback.message_id)


async def edit_original(interaction: discord.Interaction[Any], message: OutgoingMessage) -> None:
    """Change the interaction's first response (its "thinking…" placeholder); edits ping nobody."""
    await interaction.edit_original_response(
        content=message.wire_content() or None, embeds=message.embeds, attachments=files_of(message),
        view=command_view(message.buttons, message.button_refs), allowed_mentions=NO_MENTIONS)


async def follow_up(interaction: discord.Interaction[Any], messages: Sequence[OutgoingMessage], *,
                    ephemeral: bool) -> list[discord.WebhookMessage]:
    """Follow-ups; after a deferral the first one fills the placeholder, whatever `ephemeral` says."""
    sent = []
    for message in messages:
        sent.append(await interaction.followup.send(
            content=message.wire_content() or MISSING, embeds=message.embeds, files=files_of(message),
            view=command_view(message.buttons, message.button_refs) or MISSING,
            allowed_mentions=allowed_mentions(message),
            ephemeral=ephemeral, wait=True))
    return sent


def wants_thread(reply: Reply) -> bool:
    # `open_thread` is not on Reply yet; facilitator prompts will set it (see the report).
    return bool(getattr(reply, "open_thread", False)) and not reply.private


def thread_name(reply: Reply) -> str:
    heading = next((p.text for p in reply.parts if isinstance(p, Heading)), "")
    name = single_line(reply.summary or heading or "Discussion")
    return trim(defuse_mentions(name), MAX_THREAD_NAME)


async def open_thread(http: discord.http.HTTPClient, posted: Posted, name: str) -> str | None:
    """A thread on our message for the answers; the post stands even if this fails.

    None when the thread is open, else why not, in Discord's words.
    """
    try:
        await http.start_thread_with_message(posted.channel_id, posted.message_id, name=name,
                                             auto_archive_duration=THREAD_ARCHIVE_MINUTES)
    except discord.RateLimited as error:
        log.warning("could not open a thread on message %s: rate limited for %.0f s",
                    posted.message_id, error.retry_after)
        return f"Discord asked studybot to wait {error.retry_after:.0f} s"
    except discord.HTTPException as error:
        log.warning("could not open a thread on message %s in channel %s: %s",
                    posted.message_id, posted.channel_id, error)
        return f"Discord said {error.text or error.status}"
    return None
