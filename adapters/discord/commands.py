"""`/study` and its subcommands: typed options become the one command line the router knows.

`/study week number:5` runs "week 5"; `/study search query:standards week:3 speaker:lorraine`
runs "search standards week:3 speaker:lorraine". The handlers only build that line;
everything else happens in the core, exactly as for a typed message.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord.answers import InteractionAnswers
from adapters.discord.choices import Suggestions
from adapters.discord.safe_text import single_line

Interaction = discord.Interaction[Any]
WeekNumber = app_commands.Range[int, 1, 99]
Words = app_commands.Range[str, 1, 1000]


def command_line(*words: object) -> str:
    """The words that were given, in order, on one line."""
    return " ".join(single_line(str(w)) for w in words if w is not None and str(w).strip())


def week_line(number: int | None) -> str:
    return command_line("week", number)


def search_line(query: str, week: int | None, speaker_id: str | None) -> str:
    return command_line("search", query, f"week:{week}" if week else None,
                        f"speaker:{speaker_id}" if speaker_id else None)


def mention_of(user: discord.abc.User | None) -> str | None:
    # The same text a typed "@name" arrives as, so the core parses both alike.
    return f"<@{user.id}>" if user is not None else None


class StudyCommands(app_commands.Group):
    def __init__(self, answers: InteractionAnswers, suggestions: Suggestions) -> None:
        super().__init__(name="study", description="Your study companion for the course")
        self.answers = answers
        self.suggestions = suggestions

    @app_commands.command(name="week", description="This week's material, or any week's")
    @app_commands.describe(number="Which week; leave empty for the week you are in")
    async def week(self, interaction: Interaction, number: WeekNumber | None = None) -> None:
        await self.answers.run_command(interaction, week_line(number))

    @app_commands.command(name="search", description="Find where the course talks about something")
    @app_commands.describe(query="What to look for", week="Only this week", speaker="Only this speaker")
    async def search(self, interaction: Interaction, query: Words, week: WeekNumber | None = None,
                     speaker: str | None = None) -> None:
        speaker_id = self.suggestions.speaker_id(speaker) if speaker else None
        await self.answers.run_command(interaction, search_line(query, week, speaker_id))

    @app_commands.command(name="canvas", description="Your project canvas: show, fill in or change a block")
    @app_commands.describe(action="What to do, e.g. show or add", block="Which canvas block",
                           text="What to write")
    async def canvas(self, interaction: Interaction, action: str | None = None,
                     block: str | None = None, text: Words | None = None) -> None:
        await self.answers.run_command(interaction, command_line("canvas", action, block, text))

    @app_commands.command(name="remind", description="Reminders for you or your group")
    @app_commands.describe(action="What to do, e.g. list", details="When and what, in your words")
    async def remind(self, interaction: Interaction, action: str | None = None,
                     details: Words | None = None) -> None:
        await self.answers.run_command(interaction, command_line("remind", action, details))

    @app_commands.command(name="prompt", description="Discussion prompts for the group")
    @app_commands.describe(action="What to do, e.g. list", details="Which prompt, or when")
    async def prompt(self, interaction: Interaction, action: str | None = None,
                     details: Words | None = None) -> None:
        await self.answers.run_command(interaction, command_line("prompt", action, details))

    @app_commands.command(name="group", description="This channel's study group: set up, calendar, roles")
    @app_commands.describe(action="What to do, e.g. status", member="Who it is about, e.g. for grant",
                           details="Anything else, e.g. a start date")
    async def group(self, interaction: Interaction, action: str | None = None,
                    member: discord.User | None = None, details: Words | None = None) -> None:
        line = command_line("group", action, mention_of(member), details)
        await self.answers.run_command(interaction, line)

    @app_commands.command(name="help", description="What I can do, or how to use one command")
    @app_commands.describe(topic="A command or a topic")
    async def help(self, interaction: Interaction, topic: str | None = None) -> None:
        await self.answers.run_command(interaction, command_line("help", topic))

    @app_commands.command(name="ask", description="Ask anything in plain words")
    @app_commands.describe(question="e.g. where does the video explain this topic?")
    async def ask(self, interaction: Interaction, question: Words) -> None:
        await self.answers.ask(interaction, question)

    # ---- autocomplete ----------------------------------------------------------------

    @week.autocomplete("number")
    @search.autocomplete("week")
    async def _weeks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[int]]:
        return self.suggestions.weeks(typed)

    @search.autocomplete("speaker")
    async def _speakers(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return self.suggestions.speakers(typed)

    @canvas.autocomplete("block")
    async def _blocks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return self.suggestions.canvas_blocks(typed)

    @canvas.autocomplete("action")
    @remind.autocomplete("action")
    @prompt.autocomplete("action")
    @group.autocomplete("action")
    async def _actions(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        command = interaction.command.name if interaction.command else ""
        return self.suggestions.actions(command, typed)

    @help.autocomplete("topic")
    async def _topics(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return self.suggestions.help_topics(typed)
