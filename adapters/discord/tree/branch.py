"""What every part of `/study` shares: turning typed options into the router's command line."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord.answers import InteractionAnswers
from adapters.discord.choices import Suggestions
from adapters.discord.safe_text import single_line
from adapters.discord.visibility import Audience
from bot.course.models import Course

Interaction = discord.Interaction[Any]
Words = app_commands.Range[str, 1, 1000]
Number = app_commands.Range[int, 1, 999]


def command_line(*words: object) -> str:
    """The words that were given, in order, on one line."""
    return " ".join(single_line(str(w)) for w in words if w is not None and str(w).strip())


def mention_of(user: discord.abc.User) -> str:
    # The same text a typed "@name" arrives as, so the core parses both alike.
    return f"<@{user.id}>"


class Tools:
    """The answering and the suggestions, handed to each group of subcommands."""

    def __init__(self, answers: InteractionAnswers, suggestions: Suggestions) -> None:
        self.answers = answers
        self.suggestions = suggestions

    async def read(self, interaction: Interaction, *words: object, slow: bool = False,
                   audience: Audience = Audience.CHANNEL) -> None:
        """A command that only shows something: it may start before Discord acknowledged it."""
        await self.answers.run_command(interaction, command_line(*words), slow=slow, audience=audience,
                                       reads=True)

    async def change(self, interaction: Interaction, *words: object,
                     audience: Audience = Audience.UNKNOWN) -> None:
        """A command that changes something: it runs once Discord accepted the acknowledgement."""
        await self.answers.run_command(interaction, command_line(*words), audience=audience)

    async def course(self, interaction: Interaction) -> Course:
        return await self.suggestions.course(self.answers.incoming(interaction, ""))


class Branch(app_commands.Group):
    """A subcommand group of `/study` (`/study canvas ...`)."""

    def __init__(self, tools: Tools, *, name: str, description: str) -> None:
        super().__init__(name=name, description=description)
        self.tools = tools
