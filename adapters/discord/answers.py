"""Answering interactions (slash commands, buttons) through the companion's router.

Discord wants a response within 3 seconds, and every interaction gets one:
- a command known to be slow (a picture, a search) defers at once, privately when its
  answer will be private, and follows up when the answer is ready;
- any other answer still running after `defer_after` seconds (1 s, leaving 2 s for the
  deferral to reach Discord) is deferred then, privately for buttons in a server;
- an answer flood control held back (an empty Reply) becomes a short private
  "slow down", instead of no response, which Discord shows as a failure.
Only a slow answer whose privacy could not be known in advance (plain words) lands
after a public placeholder; that placeholder is deleted and the answer sent privately.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from adapters.discord.guilds import GuildDoor, not_served_here
from adapters.discord.inbound import incoming_from_interaction, tenant_of
from adapters.discord.long_buttons import ButtonStore
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
from bot.messages import Incoming, Reply, Text

log = logging.getLogger(__name__)

DEFER_AFTER_SECONDS = 1.0
Work = Callable[[], Awaitable[Reply]]


def held_back() -> Reply:
    return Reply.of(Text("You're going a little fast for me. Give me a minute, then try again."),
                    private=True, summary="Please slow down")


class InteractionAnswers:
    def __init__(self, companion: Companion, facilitator_role: str, buttons: ButtonStore, *,
                 defer_after: float = DEFER_AFTER_SECONDS, door: GuildDoor | None = None) -> None:
        self.companion = companion
        self.facilitator_role = facilitator_role
        self.buttons = buttons
        self.defer_after = defer_after
        self.door = door or GuildDoor(())

    async def run_command(self, interaction: discord.Interaction[Any], line: str, *,
                          slow: bool = False, private: bool = False) -> None:
        """A slash subcommand, as the command line it stands for ("week 5")."""
        message = self.incoming(interaction, line)
        await self._answer(interaction, lambda: self.companion.router.run_command_line(message, line),
                           slow=slow, private=private)

    async def ask(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Plain words, routed like a mention or a DM (phrasings, open questions, lookup)."""
        message = self.incoming(interaction, text)
        await self._answer(interaction, lambda: self.companion.handle(message), slow=True)

    async def on_button(self, interaction: discord.Interaction[Any], command: str) -> None:
        """A click answers the person who clicked: privately, unless we are in a DM."""
        message = self.incoming(interaction, command)
        await self._answer(interaction, lambda: self.companion.router.run_command_line(message, command),
                           private=interaction.guild_id is not None)

    def incoming(self, interaction: discord.Interaction[Any], text: str) -> Incoming:
        return incoming_from_interaction(interaction, text, self.facilitator_role)

    async def _answer(self, interaction: discord.Interaction[Any], work: Work, *, slow: bool = False,
                      private: bool = False) -> None:
        if not self.door.admits(interaction.guild_id):
            work, slow = _refusal, False
        started = time.perf_counter()
        try:
            reply, posted = await self._deliver(interaction, work, slow, private)
        except discord.HTTPException as error:
            # Mostly an interaction that expired before we answered: nobody is waiting any more.
            log.warning("could not answer interaction %s: %s", interaction.id, error)
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.debug("answered interaction %s in %.1f ms", interaction.id, elapsed_ms)
        if posted is not None and wants_thread(reply) and not private and interaction.guild_id is not None:
            await open_thread(interaction.client.http, posted, thread_name(reply))

    async def _deliver(self, interaction: discord.Interaction[Any], work: Work, slow: bool,
                       private: bool) -> tuple[Reply, Posted | None]:
        task = asyncio.ensure_future(_never_raises(work))
        if not slow:
            try:
                reply = _answerable(await asyncio.wait_for(asyncio.shield(task), self.defer_after))
            except TimeoutError:
                pass
            else:
                messages = await self.buttons.rendered(reply, tenant_of(interaction.guild_id))
                return reply, await respond(interaction, messages, ephemeral=private or reply.private)
        try:
            await interaction.response.defer(thinking=True, ephemeral=private)
        finally:
            reply = _answerable(await task)  # the work completes even if Discord stopped listening
        messages = await self.buttons.rendered(reply, tenant_of(interaction.guild_id))
        posted = await respond_after_defer(interaction, messages, ephemeral=private or reply.private,
                                           deferred_ephemeral=private)
        return reply, posted


async def _refusal() -> Reply:
    return not_served_here()


def _answerable(reply: Reply) -> Reply:
    """A quiet reply (flood control) still needs an answer on Discord: a private one."""
    return reply if reply.parts else held_back()


async def _never_raises(work: Work) -> Reply:
    try:
        return await work()
    except Exception:
        log.exception("answering an interaction failed")
        return replies.internal_error()
