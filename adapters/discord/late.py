"""Answers that outlive their interaction: Discord's interaction tokens last 15 minutes.

"Interaction tokens are valid for 15 minutes": after that every follow-up and edit is
refused (401, Invalid Webhook Token, 50027) and a deferred "thinking…" would stay
forever. So an answer still running near the end says so in the placeholder while it
still can, and the answer then goes where no token is needed: the asker's DMs for a
private one, the channel for one meant for everyone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from adapters.discord.embeds import OutgoingMessage, render
from adapters.discord.refusals import ChannelRefusals, is_channel_refusal, what_to_give
from adapters.discord.sending import Posted, edit_original, send_to_channel
from bot.messages import Reply, Text

log = logging.getLogger(__name__)

INVALID_WEBHOOK_TOKEN = 50027
# Leave a minute of the token's 15 for the "still working" note to reach Discord.
ANSWER_WITHIN_SECONDS = 14 * 60.0


def token_expired(error: discord.HTTPException) -> bool:
    return error.code == INVALID_WEBHOOK_TOKEN


WHERE = {True: "in a direct message", False: "in this channel",
         None: "in this channel if it's for everyone, else in a direct message"}


def still_working_note(private: bool | None) -> str:
    """`private` None: not known before the answer is ready."""
    return f"This is taking longer than usual. I'll send the answer {WHERE[private]} as soon as it's ready."


async def say_still_working(interaction: discord.Interaction[Any], *, private: bool | None) -> None:
    try:
        await edit_original(interaction, render(Reply.of(Text(still_working_note(private))))[0])
    except (discord.HTTPException, discord.RateLimited) as error:
        log.warning("could not update interaction %s before its token ran out: %s", interaction.id, error)


async def deliver_outside(interaction: discord.Interaction[Any], messages: Sequence[OutgoingMessage], *,
                          private: bool, refusals: ChannelRefusals) -> Posted | None:
    """Deliver without the interaction's token; where a public answer landed."""
    if private or interaction.guild_id is None or interaction.channel_id is None:
        await send_to_channel(await interaction.user.create_dm(), messages)
        return None
    held = refusals.reason(interaction.channel_id)
    client = interaction.client
    channel = client.get_partial_messageable(interaction.channel_id, guild_id=interaction.guild_id)
    try:
        if held is None:
            sent = await send_to_channel(channel, messages)
            return Posted(interaction.channel_id, sent[0].id)
    except discord.Forbidden as error:
        if not is_channel_refusal(error):
            raise
        held = refusals.remember(interaction.channel_id, error)
    note = render(Reply.of(Text(what_to_give(held))))
    await send_to_channel(await interaction.user.create_dm(), [*note, *messages])
    return None
