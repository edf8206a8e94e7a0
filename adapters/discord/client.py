"""The Discord client: slash commands, mentions and DMs, buttons, all into one companion.

Mentions nobody by default (allowed_mentions none on the client and on every send),
asks only for the intents it needs, and syncs `/study` when it starts.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from adapters.discord.answers import DEFER_AFTER_SECONDS, InteractionAnswers
from adapters.discord.choices import Suggestions
from adapters.discord.config import DiscordConfig
from adapters.discord.conversation import MessageAnswers
from adapters.discord.forms import AskButton
from adapters.discord.guilds import GuildDoor
from adapters.discord.long_buttons import ButtonStore
from adapters.discord.refusals import ChannelRefusals
from adapters.discord.safe_text import single_line
from adapters.discord.tree import StudyCommands
from adapters.discord.views import CommandButton, RefButton
from bot import replies
from bot.app import Companion

log = logging.getLogger(__name__)
# A 429 asking us to wait longer than this raises RateLimited instead of blocking.
MAX_RATE_LIMIT_WAIT_SECONDS = 30.0


class CommandSyncFailed(Exception):
    """Discord refused the slash commands; the message says what to check."""


def intents_for(config: DiscordConfig) -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True  # roles and channels, for facilitators and threads
    intents.guild_messages = True  # mentions of us in servers
    intents.dm_messages = True
    intents.message_content = config.message_content
    return intents


class StudyClient(discord.AutoShardedClient):
    def __init__(self, companion: Companion, config: DiscordConfig, *,
                 defer_after: float = DEFER_AFTER_SECONDS, **options: Any) -> None:
        if config.shard_count is not None:
            options["shard_count"] = config.shard_count
        if config.shard_ids is not None:
            options["shard_ids"] = list(config.shard_ids)
        super().__init__(intents=intents_for(config), allowed_mentions=discord.AllowedMentions.none(),
                         max_ratelimit_timeout=MAX_RATE_LIMIT_WAIT_SECONDS, **options)
        self.config = config
        self.tree = app_commands.CommandTree(self)
        self.button_store = ButtonStore(companion.db)
        self.refusals = ChannelRefusals()  # shared: a channel refuses the bot, whatever it answers
        door = GuildDoor(config.guild_ids)
        self.button_handler = InteractionAnswers(companion, config.facilitator_role, self.button_store,
                                                 defer_after=defer_after, refusals=self.refusals, door=door)
        self.messages = MessageAnswers(companion, config, self.http, self.button_store, self.refusals,
                                       door=door)
        suggestions = Suggestions(companion, companion.registries.without_course)
        self.tree.add_command(StudyCommands(self.button_handler, suggestions))
        self.tree.error(self._on_command_error)

    async def setup_hook(self) -> None:
        # Buttons on any message we ever sent work again, matched by custom_id alone.
        self.add_dynamic_items(CommandButton, RefButton, AskButton)
        if self.config.syncs_commands:
            await self._sync_commands()

    async def _sync_commands(self) -> None:
        try:
            if not self.config.guild_ids:
                synced = await self.tree.sync()
                log.info("synced %d global slash command(s)", len(synced))
            for guild_id in self.config.guild_ids:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
                log.info("synced slash commands to server %s", guild_id)
        except discord.Forbidden as error:
            raise CommandSyncFailed(
                "Discord refused to register the slash commands"
                f"{' in a server listed in DISCORD_GUILD_IDS' if self.config.guild_ids else ''} "
                f"({error.text or error.status}). Is studybot in that server, invited with the "
                "'applications.commands' scope?") from error
        except discord.HTTPException as error:
            if error.status != 400:
                raise
            # Our own tree is at fault: waiting and restarting would only repeat it.
            raise CommandSyncFailed(
                "Discord refused studybot's slash commands as invalid "
                f"({single_line(error.text)[:300] or 'Invalid Form Body'}). Retrying will not help: "
                "this is a fault in this version of studybot, not in your settings; please report "
                "it with this line.") from error

    async def on_message(self, message: discord.Message) -> None:
        if self.user is not None:
            await self.messages.on_message(message, self.user)

    async def _on_command_error(self, interaction: discord.Interaction[Any],
                                error: app_commands.AppCommandError) -> None:
        log.error("slash command failed: %s", error, exc_info=error)
        if not interaction.response.is_done():
            await self.button_handler.tell_privately(interaction, replies.internal_error().plain_text())
