"""Messages: `@studybot <question>` in a server, and plain words in a DM.

A private answer to a question asked in a channel goes to the asker's DMs, with a
short note in the channel; it is never posted where others can read it. Where Discord
refuses to let studybot post (Missing Access, Missing Permissions), the asker gets the
answer by DM with what to change, and the channel is left alone for a while
(refusals.py) instead of collecting refusals toward Discord's invalid-request limit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import discord

from adapters.discord.config import DiscordConfig
from adapters.discord.embeds import render
from adapters.discord.guilds import GuildDoor
from adapters.discord.inbound import addressed_text, incoming_from_message, tenant_of
from adapters.discord.long_buttons import ButtonStore
from adapters.discord.refusals import ChannelRefusals, is_channel_refusal, what_to_give
from adapters.discord.sending import Posted, open_thread, send_to_channel, thread_name, wants_thread
from bot.app import Companion
from bot.messages import Reply, Text

log = logging.getLogger(__name__)


def sent_privately_note() -> str:
    return "I've sent you the answer in a direct message, as it's just for you."


def dms_closed_note(has_slash_command: bool) -> str:
    way_out = ("Use `/study ask` here instead (only you will see the answer), or allow"
               if has_slash_command else "Allow")
    return ("That answer is just for you, but I can't send you direct messages. "
            f"{way_out} direct messages from this server's members (Privacy Settings).")


class MessageAnswers:
    def __init__(self, companion: Companion, config: DiscordConfig, http: discord.http.HTTPClient,
                 buttons: ButtonStore, refusals: ChannelRefusals | None = None, *,
                 door: GuildDoor | None = None) -> None:
        self.companion = companion
        self.refusals = refusals or ChannelRefusals()
        self.config = config
        self.http = http
        self.buttons = buttons
        self.door = door or GuildDoor(config.guild_ids)
        # How a reply waits out a rate limit longer than discord.py waits by itself.
        self.wait: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def on_message(self, message: discord.Message, me: discord.ClientUser) -> None:
        text = addressed_text(message, me, read_all=self.config.message_content)
        if text is None or not self.door.admits(message.guild.id if message.guild else None):
            return
        incoming = incoming_from_message(message, text, self.config.facilitator_role)
        reply = await self.companion.handle(incoming)  # never raises: failures become apologies
        if not reply.parts:  # a deliberately quiet answer (flood control): send nothing
            return
        try:
            try:
                await self._answer(message, reply)
            except discord.RateLimited as limited:
                log.warning("rate limited answering message %s; sending in %.0f s", message.id,
                            limited.retry_after)
                await self.wait(limited.retry_after)
                await self._answer(message, reply)
        except (discord.HTTPException, discord.RateLimited) as error:
            log.warning("could not answer message %s in channel %s: %s",
                        message.id, message.channel.id, error)

    async def _answer(self, message: discord.Message, reply: Reply) -> None:
        if message.guild is None:
            await self._answer_here(message, reply)
            return
        held = self.refusals.reason(message.channel.id)
        if held is not None:
            await self._answer_by_dm(message, reply, what_to_give(held))
            return
        try:
            if reply.private:
                await self._answer_privately(message, reply)
            else:
                await self._answer_here(message, reply)
        except discord.Forbidden as error:
            if not is_channel_refusal(error):
                raise
            reason = self.refusals.remember(message.channel.id, error)
            log.warning("may not post in channel %s (%s); answering by DM", message.channel.id, reason)
            await self._answer_by_dm(message, None if reply.private else reply, what_to_give(reason))

    async def _answer_by_dm(self, message: discord.Message, reply: Reply | None, note: str) -> None:
        """The note, then the answer (unless it went there already), in the asker's DMs."""
        rendered = render(Reply.of(Text(note)))
        if reply is not None:
            rendered += await self.buttons.rendered(reply, tenant_of(None))
        await send_to_channel(await message.author.create_dm(), rendered)

    async def _answer_here(self, message: discord.Message, reply: Reply) -> None:
        rendered = await self.buttons.rendered(reply, tenant_of(message.guild.id if message.guild else None))
        sent = await send_to_channel(message.channel, rendered, reference=_reference(message))
        in_a_thread = isinstance(message.channel, discord.Thread)
        if sent and wants_thread(reply) and message.guild is not None and not in_a_thread:
            await open_thread(self.http, Posted(message.channel.id, sent[0].id), thread_name(reply))

    async def _answer_privately(self, message: discord.Message, reply: Reply) -> None:
        try:
            rendered = await self.buttons.rendered(reply, tenant_of(None))  # clicked in the DM
            await send_to_channel(await message.author.create_dm(), rendered)
            note = sent_privately_note()
        except discord.Forbidden:
            note = dms_closed_note(self._has_slash_command(message.guild))
        await send_to_channel(message.channel, render(Reply.of(Text(note))), reference=_reference(message))


    def _has_slash_command(self, guild: discord.Guild | None) -> bool:
        """`/study` exists everywhere when synced globally, else only in DISCORD_GUILD_IDS."""
        return not self.config.guild_ids or (guild is not None and guild.id in self.config.guild_ids)


def _reference(message: discord.Message) -> discord.MessageReference:
    # If the question was deleted meanwhile, answer anyway instead of failing.
    return message.to_reference(fail_if_not_exists=False)
