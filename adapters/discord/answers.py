"""Answering interactions (slash commands, buttons) through the companion's router.

Discord wants a response within 3 seconds. Most answers take milliseconds and are sent
as the response itself; an answer still running after `defer_after` seconds gets a
"thinking…" placeholder first and follows when it is ready.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from adapters.discord.embeds import render
from adapters.discord.inbound import incoming_from_interaction
from adapters.discord.sending import (
    Posted,
    open_thread,
    respond,
    respond_after_defer,
    thread_name,
    wants_thread,
)
from bot import replies
from bot.app import Companion
from bot.messages import Incoming, Reply

log = logging.getLogger(__name__)

DEFER_AFTER_SECONDS = 2.0


class InteractionAnswers:
    def __init__(self, companion: Companion, facilitator_role: str, *,
                 defer_after: float = DEFER_AFTER_SECONDS) -> None:
        self.companion = companion
        self.facilitator_role = facilitator_role
        self.defer_after = defer_after

    async def run_command(self, interaction: discord.Interaction[Any], line: str) -> None:
        """A slash subcommand, as the command line it stands for ("week 5")."""
        message = self._incoming(interaction, line)
        await self._answer(interaction, lambda: self.companion.router.run_command_line(message, line))

    async def ask(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Plain words, routed like a mention or a DM (phrasings, open questions, lookup)."""
        message = self._incoming(interaction, text)
        await self._answer(interaction, lambda: self.companion.handle(message))

    async def on_button(self, interaction: discord.Interaction[Any], command: str) -> None:
        """A click answers the person who clicked: privately, unless we are in a DM."""
        message = self._incoming(interaction, command)
        await self._answer(interaction, lambda: self.companion.router.run_command_line(message, command),
                           private=interaction.guild_id is not None)

    def _incoming(self, interaction: discord.Interaction[Any], text: str) -> Incoming:
        return incoming_from_interaction(interaction, text, self.facilitator_role)

    async def _answer(self, interaction: discord.Interaction[Any], work: Callable[[], Awaitable[Reply]],
                      *, private: bool = False) -> None:
        started = time.perf_counter()
        try:
            reply, posted = await self._deliver(interaction, work, private)
        except discord.HTTPException as error:
            # Mostly an interaction that expired before we answered: nobody is waiting any more.
            log.warning("could not answer interaction %s: %s", interaction.id, error)
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.debug("answered interaction %s in %.1f ms", interaction.id, elapsed_ms)
        if posted is not None and wants_thread(reply) and not private and interaction.guild_id is not None:
            await open_thread(interaction.client.http, posted, thread_name(reply))

    async def _deliver(self, interaction: discord.Interaction[Any], work: Callable[[], Awaitable[Reply]],
                       private: bool) -> tuple[Reply, Posted | None]:
        task = asyncio.ensure_future(_never_raises(work))
        try:
            reply = await asyncio.wait_for(asyncio.shield(task), self.defer_after)
        except TimeoutError:
            try:
                await interaction.response.defer(thinking=True, ephemeral=private)
            finally:
                reply = await task  # the work completes even if Discord stopped listening
            posted = await respond_after_defer(interaction, render(reply), ephemeral=private or reply.private,
                                               deferred_ephemeral=private)
            return reply, posted
        if not reply.parts:  # quiet (flood control): leave the interaction unanswered
            return reply, None
        return reply, await respond(interaction, render(reply), ephemeral=private or reply.private)


async def _never_raises(work: Callable[[], Awaitable[Reply]]) -> Reply:
    try:
        return await work()
    except Exception:
        log.exception("answering an interaction failed")
        return replies.internal_error()
