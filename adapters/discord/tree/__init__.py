"""`/study`: a typed command tree whose every leaf becomes the one command line the router knows.

`/study week number:5` runs "week 5"; `/study canvas add block:key-partners text:the council`
runs "canvas add key-partners the council". Options are typed (integers with ranges,
choices, autocomplete), so Discord's own UI catches most mistakes; everything else
happens in the core, exactly as for a typed message.
"""

from __future__ import annotations

from discord import app_commands

from adapters.discord import choices
from adapters.discord.answers import InteractionAnswers
from adapters.discord.choices import Suggestions
from adapters.discord.tree.branch import Interaction, Tools, Words
from adapters.discord.tree.canvas import CanvasBranch
from adapters.discord.tree.group import GroupBranch
from adapters.discord.tree.ideas import IdeasBranch
from adapters.discord.tree.schedule import PromptBranch, RemindBranch
from adapters.discord.tree.sessions import QuizBranch, SessionBranch

WeekNumber = app_commands.Range[int, 1, 99]


def search_line(query: str, week: int | None, speaker_id: str | None) -> tuple[object, ...]:
    return ("search", query, f"week:{week}" if week else None,
            f"speaker:{speaker_id}" if speaker_id else None)


class StudyCommands(app_commands.Group):
    def __init__(self, answers: InteractionAnswers, suggestions: Suggestions) -> None:
        super().__init__(name="study", description="Your study companion for the course")
        self.tools = Tools(answers, suggestions)
        for branch in (CanvasBranch, IdeasBranch, GroupBranch, RemindBranch, PromptBranch, SessionBranch,
                       QuizBranch):
            self.add_command(branch(self.tools))

    @app_commands.command(name="week", description="This week's material, or any week's")
    @app_commands.describe(number="Leave empty for the week you are in")
    async def week(self, interaction: Interaction, number: WeekNumber | None = None) -> None:
        await self.tools.read(interaction, "week", number)

    @app_commands.command(name="search", description="Find where the course talks about something")
    @app_commands.describe(query="What to look for", week="Only this week", speaker="Only this speaker")
    async def search(self, interaction: Interaction, query: Words, week: WeekNumber | None = None,
                     speaker: str | None = None) -> None:
        course = await self.tools.course(interaction)
        speaker_id = choices.speaker_id(course, speaker) if speaker else None
        await self.tools.read(interaction, *search_line(query, week, speaker_id), slow=True)

    @app_commands.command(name="help", description="What I can do, or how to use one command")
    @app_commands.describe(topic="A command or a topic")
    async def help(self, interaction: Interaction, topic: str | None = None) -> None:
        await self.tools.read(interaction, "help", topic)

    @app_commands.command(name="ask", description="Ask anything in plain words")
    @app_commands.describe(question="Your question, in your own words")
    async def ask(self, interaction: Interaction, question: Words) -> None:
        await self.tools.answers.ask(interaction, question)

    @week.autocomplete("number")
    @search.autocomplete("week")
    async def _weeks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[int]]:
        return choices.weeks(await self.tools.course(interaction), typed)

    @search.autocomplete("speaker")
    async def _speakers(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.speakers(await self.tools.course(interaction), typed)

    @help.autocomplete("topic")
    async def _topics(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return self.tools.suggestions.help_topics(typed)
