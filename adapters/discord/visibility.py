"""Who sees an interaction's answer, decided before Discord is told anything.

Discord fixes an interaction's visibility with its first response: after a deferral
("thinking…") the first follow-up edits that placeholder, keeping its visibility and
ignoring the follow-up's own flags, and an edit never notifies anyone. So:
- a command whose answer is known to be the asker's alone (their canvas, their notes)
  defers privately and answers there;
- a command known to answer everyone defers in the open; should its answer turn out
  private after all (a refusal), the placeholder becomes a neutral line and the answer
  follows privately (a later follow-up does honour the ephemeral flag);
- where the answer cannot be known in advance (plain words, anything that changes
  data), it defers privately; a public result is posted as a channel message, and so is
  every announcement that should ping the group's role (a new message, not an edit).
In a DM everything is the asker's anyway, so it defers in the open there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import Enum
from typing import Any

import discord

from adapters.discord.embeds import OutgoingMessage, render
from adapters.discord.refusals import ChannelRefusals, is_channel_refusal
from adapters.discord.sending import Posted, edit_original, follow_up, send_to_channel
from bot.messages import Reply, Text

log = logging.getLogger(__name__)


class Audience(Enum):
    ASKER = "asker"  # known private
    CHANNEL = "channel"  # known public
    UNKNOWN = "unknown"


def defers_privately(audience: Audience, in_server: bool) -> bool:
    return in_server and audience is not Audience.CHANNEL


def goes_to_channel(reply: Reply, *, deferred_privately: bool, in_server: bool) -> bool:
    """A public answer that cannot be an edit of the placeholder: posted as a channel message."""
    if not in_server or reply.private:
        return False
    return deferred_privately or reply.ping is not None


def posted_note() -> str:
    return "Done: I posted the answer in this channel for everyone."


def answered_privately_note() -> str:
    return "I've answered privately: only the person who asked can see it."


def cannot_post_note(reason: str) -> str:
    return (f"I couldn't post this in the channel for everyone ({reason}), so here it is just for "
            "you. A server admin can give studybot View Channel, Send Messages and Embed Links here.")


async def deliver_privately_instead(interaction: discord.Interaction[Any], reason: str,
                                    messages: Sequence[OutgoingMessage]) -> None:
    note = render(Reply.of(Text(cannot_post_note(reason))))
    await follow_up(interaction, [*note, *messages], ephemeral=True)


async def deliver_deferred(interaction: discord.Interaction[Any], reply: Reply,
                           messages: Sequence[OutgoingMessage], refusals: ChannelRefusals, *,
                           deferred_privately: bool) -> Posted | None:
    """Answer an interaction that was deferred; where the public answer landed, if it is one."""
    in_server = interaction.guild_id is not None
    if goes_to_channel(reply, deferred_privately=deferred_privately, in_server=in_server):
        return await _post_in_channel(interaction, messages, refusals)
    if reply.private and in_server and not deferred_privately:
        await edit_original(interaction, render(Reply.of(Text(answered_privately_note())))[0])
        await follow_up(interaction, messages, ephemeral=True)
        return None
    sent = await follow_up(interaction, messages, ephemeral=deferred_privately)
    if deferred_privately or not sent or interaction.channel_id is None:
        return None
    return Posted(interaction.channel_id, sent[0].id)


async def _post_in_channel(interaction: discord.Interaction[Any], messages: Sequence[OutgoingMessage],
                           refusals: ChannelRefusals) -> Posted | None:
    assert interaction.channel_id is not None
    held = refusals.reason(interaction.channel_id)
    if held is not None:
        await deliver_privately_instead(interaction, held, messages)
        return None
    client = interaction.client
    channel = client.get_partial_messageable(interaction.channel_id, guild_id=interaction.guild_id)
    try:
        sent = await send_to_channel(channel, messages)
    except discord.RateLimited as limited:
        # Waiting longer would outlast the asker's patience; they get it now, privately.
        reason = f"Discord asked studybot to wait {limited.retry_after:.0f} seconds"
        await deliver_privately_instead(interaction, reason, messages)
        return None
    except discord.Forbidden as error:
        # Interaction answers need no channel permission, channel messages do: say what is missing.
        if not is_channel_refusal(error):
            raise
        log.warning("cannot post in channel %s: %s", interaction.channel_id, error)
        reason = refusals.remember(interaction.channel_id, error)
        await deliver_privately_instead(interaction, reason, messages)
        return None
    await edit_original(interaction, render(Reply.of(Text(posted_note())))[0])
    return Posted(interaction.channel_id, sent[0].id)
