"""`/study ideas ...`: your project ideas notes. Answers are private, so they defer privately."""

from __future__ import annotations

from discord import app_commands

from adapters.discord import choices
from adapters.discord.tree.branch import Branch, Interaction, Number, Tools, Words
from adapters.discord.visibility import Audience


class IdeasBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="ideas", description="Your project ideas notes, week by week")

    async def _show(self, interaction: Interaction, *words: object) -> None:
        await self.tools.read(interaction, "ideas", *words, audience=Audience.ASKER)

    async def _change(self, interaction: Interaction, *words: object) -> None:
        await self.tools.change(interaction, "ideas", *words, audience=Audience.ASKER)

    @app_commands.command(name="list", description="Your notes, or one week's")
    @app_commands.describe(week="Leave empty for all weeks")
    async def list_all(self, interaction: Interaction, week: Number | None = None) -> None:
        await self._show(interaction, *(("week", week) if week else ()))

    @app_commands.command(name="add", description="Note an idea under this week")
    @app_commands.describe(text="Your idea")
    async def add(self, interaction: Interaction, text: Words) -> None:
        await self._change(interaction, "add", text)

    @app_commands.command(name="promote", description="Copy a note into a canvas block")
    @app_commands.describe(number="The note's number", block="A canvas block: start typing its name")
    async def promote(self, interaction: Interaction, number: Number, block: str) -> None:
        await self._change(interaction, "promote", number, block)

    @app_commands.command(name="remove", description="Delete a note")
    @app_commands.describe(number="The note's number")
    async def remove(self, interaction: Interaction, number: Number) -> None:
        await self._change(interaction, "remove", number)

    @app_commands.command(name="template", description="The ideas template's sections")
    async def template(self, interaction: Interaction) -> None:
        await self._show(interaction, "template")

    @list_all.autocomplete("week")
    async def _weeks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[int]]:
        return choices.weeks(await self.tools.course(interaction), typed)

    @promote.autocomplete("block")
    async def _blocks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.canvas_blocks(await self.tools.course(interaction), typed)
