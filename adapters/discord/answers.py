"""Answering interactions (slash commands, buttons) through the companion's router.

Discord wants a response within 3 seconds, and every interaction gets one:
- a command that only reads starts at once, and answers directly if it is done within
  `defer_after` seconds (1 s, leaving 2 s for the deferral to reach Discord), else defers;
- a command that may change data (and plain words, which may) defers first and runs
  only once Discord accepted that deferral: an interaction Discord refused (too late,
  or already answered by another process) changes nothing, so a retry is no duplicate;
- how it defers (privately or not) is decided from the command before it runs
  (visibility.py), and an answer for everyone that cannot be an edit of the
  placeholder, such as an announcement that pings the group's role, is posted as a
  channel message;
- an answer flood control held back (an empty Reply) becomes a short private
  "slow down", instead of no response, which Discord shows as a failure.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import discord

from adapters.discord.embeds import render
from adapters.discord.forms import TypedForm
from adapters.discord.guilds import GuildDoor, not_served_here
from adapters.discord.inbound import incoming_from_interaction, tenant_of
from adapters.discord.late import ANSWER_WITHIN_SECONDS, deliver_outside, say_still_working, token_expired
from adapters.discord.long_buttons import ButtonStore
from adapters.discord.refusals import ChannelRefusals
from adapters.discord.sending import Posted, open_thread, respond, thread_name, wants_thread
from adapters.discord.visibility import Audience, defers_privately, deliver_deferred, goes_to_channel
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
                 defer_after: float = DEFER_AFTER_SECONDS, refusals: ChannelRefusals | None = None,
                 door: GuildDoor | None = None) -> None:
        self.companion = companion
        self.facilitator_role = facilitator_role
        self.buttons = buttons
        self.defer_after = defer_after
        self.door = door or GuildDoor(())
        self.refusals = refusals or ChannelRefusals()
        self.answer_within = ANSWER_WITHIN_SECONDS

    async def run_command(self, interaction: discord.Interaction[Any], line: str, *,
                          slow: bool = False, audience: Audience = Audience.UNKNOWN,
                          reads: bool = False) -> None:
        """A slash subcommand, as the command line it stands for ("week 5")."""
        message = self.incoming(interaction, line)
        await self._answer(interaction, lambda: self.companion.router.run_command_line(message, line),
                           Plan(audience, reads=reads, slow=slow))

    async def ask(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Plain words, routed like a mention or a DM (phrasings, open questions, lookup)."""
        message = self.incoming(interaction, text)
        await self._answer(interaction, lambda: self.companion.handle(message), Plan(Audience.UNKNOWN))

    async def on_button(self, interaction: discord.Interaction[Any], command: str) -> None:
        """A click answers the person who clicked: privately, unless we are in a DM.

        A button may change something (an RSVP, a quiz answer), so it is acknowledged first."""
        message = self.incoming(interaction, command)
        await self._answer(interaction, lambda: self.companion.router.run_command_line(message, command),
                           Plan(Audience.ASKER, forced_private=interaction.guild_id is not None))

    async def open_form(self, interaction: discord.Interaction[Any], title: str, prompt: str,
                        command: str) -> None:
        """A button that asks for text: the form is the click's first and only response."""
        if not self.door.admits(interaction.guild_id):
            await self._answer(interaction, _refusal, Plan(Audience.ASKER, reads=True))
            return
        form = TypedForm(interaction.id, title, prompt, command, self.submit_form)
        try:
            await interaction.response.send_modal(form)
        except (discord.HTTPException, discord.RateLimited) as error:
            log.warning("could not open a form for interaction %s: %s", interaction.id, error)

    async def submit_form(self, interaction: discord.Interaction[Any], line: str) -> None:
        """A submitted form changes data: acknowledged first, answered only to who sent it."""
        await self.on_button(interaction, line)

    async def tell_privately(self, interaction: discord.Interaction[Any], text: str) -> None:
        """A short private answer the adapter gives itself (nothing was run)."""
        try:
            await respond(interaction, render(Reply.of(Text(text))), ephemeral=True)
        except (discord.HTTPException, discord.RateLimited) as error:
            log.warning("could not answer interaction %s: %s", interaction.id, error)

    def incoming(self, interaction: discord.Interaction[Any], text: str) -> Incoming:
        return incoming_from_interaction(interaction, text, self.facilitator_role)

    async def _answer(self, interaction: discord.Interaction[Any], work: Work, plan: Plan) -> None:
        if not self.door.admits(interaction.guild_id):
            work, plan = _refusal, Plan(Audience.ASKER, reads=True)
        started = time.perf_counter()
        try:
            if plan.reads and not plan.slow:
                delivered = await self._read_quickly(interaction, work, plan)
            else:
                delivered = await self._acknowledge_then_run(interaction, work, plan)
        except (discord.HTTPException, discord.RateLimited) as error:
            # Mostly an interaction that expired before we answered: nobody is waiting any more.
            log.warning("could not answer interaction %s: %s", interaction.id, error)
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.debug("answered interaction %s in %.1f ms", interaction.id, elapsed_ms)
        if delivered is None:
            return
        reply, posted = delivered
        in_thread = isinstance(interaction.channel, discord.Thread)
        if posted is not None and wants_thread(reply) and not in_thread and interaction.guild_id is not None:
            await open_thread(interaction.client.http, posted, thread_name(reply))

    async def _read_quickly(self, interaction: discord.Interaction[Any], work: Work,
                            plan: Plan) -> Delivered:
        """A command that only reads runs at once; if it is slow, it defers meanwhile."""
        task = asyncio.ensure_future(_never_raises(work))
        try:
            reply = _answerable(await asyncio.wait_for(asyncio.shield(task), self.defer_after))
        except TimeoutError:
            return await self._defer_then_deliver(interaction, task, plan)
        in_server = interaction.guild_id is not None
        if goes_to_channel(reply, deferred_privately=False, in_server=in_server) and reply.ping is not None:
            # A new message pings; a response to a command may not: announce in the channel.
            await interaction.response.defer(thinking=True, ephemeral=True)
            return await self._deliver(interaction, reply, plan, deferred_privately=True)
        messages = await self.buttons.rendered(reply, tenant_of(interaction.guild_id))
        private = reply.private or (plan.audience is Audience.ASKER and in_server)
        return reply, await respond(interaction, messages, ephemeral=private)

    async def _acknowledge_then_run(self, interaction: discord.Interaction[Any], work: Work,
                                    plan: Plan) -> Delivered:
        private = plan.private_in(interaction.guild_id is not None)
        try:
            await interaction.response.defer(thinking=True, ephemeral=private)
        except (discord.HTTPException, discord.RateLimited) as error:
            log.warning("Discord refused interaction %s, so it was not run: %s", interaction.id, error)
            return None
        return await self._finish(interaction, asyncio.ensure_future(_never_raises(work)), plan, private)

    async def _defer_then_deliver(self, interaction: discord.Interaction[Any], task: asyncio.Future[Reply],
                                  plan: Plan) -> Delivered:
        private = plan.private_in(interaction.guild_id is not None)
        try:
            await interaction.response.defer(thinking=True, ephemeral=private)
        except BaseException:
            await task  # the work completes even if Discord stopped listening
            raise
        return await self._finish(interaction, task, plan, private)

    async def _finish(self, interaction: discord.Interaction[Any], task: asyncio.Future[Reply], plan: Plan,
                      deferred_privately: bool) -> Delivered:
        """Deliver while the interaction's token lasts; after that, by DM or in the channel."""
        try:
            reply = _answerable(await asyncio.wait_for(asyncio.shield(task), self.answer_within))
        except TimeoutError:
            private = plan.private_answer(interaction.guild_id is not None)
            await say_still_working(interaction, private=private)
            return await self._deliver_outside(interaction, _answerable(await task), plan)
        try:
            return await self._deliver(interaction, reply, plan, deferred_privately=deferred_privately)
        except discord.HTTPException as error:
            if not token_expired(error):
                raise
            return await self._deliver_outside(interaction, reply, plan)

    async def _deliver_outside(self, interaction: discord.Interaction[Any], reply: Reply,
                               plan: Plan) -> Delivered:
        private = reply.private or plan.forced_private
        messages = await self.buttons.rendered(reply, tenant_of(None if private else interaction.guild_id))
        return reply, await deliver_outside(interaction, messages, private=private, refusals=self.refusals)

    async def _deliver(self, interaction: discord.Interaction[Any], reply: Reply, plan: Plan, *,
                       deferred_privately: bool) -> Delivered:
        if plan.forced_private:
            reply = replace(reply, private=True)
        messages = await self.buttons.rendered(reply, tenant_of(interaction.guild_id))
        posted = await deliver_deferred(interaction, reply, messages, self.refusals,
                                        deferred_privately=deferred_privately)
        return reply, posted


async def _refusal() -> Reply:
    return not_served_here()


@dataclass(frozen=True)
class Plan:
    """How to answer one interaction, decided before anything runs."""

    audience: Audience
    # Only reads: safe to start before Discord accepted a response.
    reads: bool = False
    # Known to be slow (a picture, a search): defer at once.
    slow: bool = False
    # A click in a server answers only the person who clicked, whatever the answer is.
    forced_private: bool = False

    def private_answer(self, in_server: bool) -> bool | None:
        """Will the answer be the asker's alone? None: not known before it is ready."""
        if self.forced_private or not in_server or self.audience is Audience.ASKER:
            return True
        return False if self.audience is Audience.CHANNEL else None

    def private_in(self, in_server: bool) -> bool:
        return self.forced_private or defers_privately(self.audience, in_server)


Delivered = tuple[Reply, Posted | None] | None


def _answerable(reply: Reply) -> Reply:
    """A quiet reply (flood control) still needs an answer on Discord: a private one."""
    return reply if reply.parts else held_back()


async def _never_raises(work: Work) -> Reply:
    try:
        return await work()
    except Exception:
        log.exception("answering an interaction failed")
        return replies.internal_error()
