"""`/study remind ...` and `/study prompt ...`: what the group is sent, and when (facilitators)."""

from __future__ import annotations

from discord import app_commands

from adapters.discord import choices
from adapters.discord.tree.branch import Branch, Interaction, Number, Tools

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Clock = app_commands.Range[str, 1, 8]
When = app_commands.Range[str, 1, 60]
Prompt = app_commands.Range[str, 1, 2000]


class RemindBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="remind", description="The group's weekly reminder")

    @app_commands.command(name="set", description="Post the week's reminder every week")
    @app_commands.describe(day="Which day", time="24-hour time on the group's clock, e.g. 09:00")
    @app_commands.choices(day=[app_commands.Choice(name=d.title(), value=d) for d in WEEKDAYS])
    async def set_weekly(self, interaction: Interaction, day: app_commands.Choice[str], time: Clock) -> None:
        await self.tools.change(interaction, "remind", day.value, time)

    @app_commands.command(name="off", description="Stop the weekly reminder")
    async def off(self, interaction: Interaction) -> None:
        await self.tools.change(interaction, "remind off")

    @app_commands.command(name="pause", description="Hold the reminder until you resume it")
    async def pause(self, interaction: Interaction) -> None:
        await self.tools.change(interaction, "remind pause")

    @app_commands.command(name="resume", description="Start a paused reminder again")
    async def resume(self, interaction: Interaction) -> None:
        await self.tools.change(interaction, "remind resume")

    @app_commands.command(name="preview", description="The next scheduled posts, with their times")
    @app_commands.describe(count="How many (default 5)")
    async def preview(self, interaction: Interaction,
                      count: app_commands.Range[int, 1, 20] | None = None) -> None:
        await self.tools.read(interaction, "reminders preview", count)

    @set_weekly.autocomplete("time")
    async def _times(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.clock_times(typed)


class PromptBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="prompt", description="Discussion prompts for the group")

    @app_commands.command(name="add", description="Schedule a prompt")
    @app_commands.describe(when="YYYY-MM-DD HH:MM, week 3 start, or every friday 17:00",
                           text="The question to post")
    async def add(self, interaction: Interaction, when: When, text: Prompt) -> None:
        await self.tools.change(interaction, "prompt add", when, text)

    @app_commands.command(name="list", description="The group's prompts and how they went")
    async def list_all(self, interaction: Interaction) -> None:
        await self.tools.read(interaction, "prompt list")

    @app_commands.command(name="edit", description="Reword a scheduled prompt")
    @app_commands.describe(number="Its number in /study prompt list", text="The new wording")
    async def edit(self, interaction: Interaction, number: Number, text: Prompt) -> None:
        await self.tools.change(interaction, "prompt edit", number, text)

    @app_commands.command(name="cancel", description="Drop a scheduled prompt")
    @app_commands.describe(number="Its number in /study prompt list")
    async def cancel(self, interaction: Interaction, number: Number) -> None:
        await self.tools.change(interaction, "prompt cancel", number)

    @app_commands.command(name="now", description="Post a prompt right away")
    @app_commands.describe(text="The question to post")
    async def now(self, interaction: Interaction, text: Prompt) -> None:
        await self.tools.change(interaction, "prompt now", text)

    @add.autocomplete("when")
    async def _when(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.prompt_times(await self.tools.course(interaction), typed)
