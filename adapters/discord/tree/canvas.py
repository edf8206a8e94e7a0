"""`/study canvas ...`: your own canvas. Answers are private, so they defer privately."""

from __future__ import annotations

from discord import app_commands

from adapters.discord import choices
from adapters.discord.tree.branch import Branch, Interaction, Number, Tools, Words

BLOCK = "A canvas block: start typing its name"


class CanvasBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="canvas", description="Your project's Business Model Canvas")

    async def _run(self, interaction: Interaction, *words: object, slow: bool = False) -> None:
        await self.tools.run(interaction, "canvas", *words, slow=slow, private=True)

    @app_commands.command(name="show", description="Your canvas, or one block with its guidance")
    @app_commands.describe(block="Leave empty for the whole canvas")
    async def show(self, interaction: Interaction, block: str | None = None) -> None:
        await self._run(interaction, block)

    @app_commands.command(name="add", description="Add an entry to a block")
    @app_commands.describe(block=BLOCK, text="What to add")
    async def add(self, interaction: Interaction, block: str, text: Words) -> None:
        await self._run(interaction, "add", block, text)

    @app_commands.command(name="edit", description="Change one of a block's entries")
    @app_commands.describe(block=BLOCK, entry="Its number, as /study canvas show lists it",
                           text="The new wording")
    async def edit(self, interaction: Interaction, block: str, entry: Number, text: Words) -> None:
        await self._run(interaction, "edit", block, entry, text)

    @app_commands.command(name="remove", description="Remove one of a block's entries")
    @app_commands.describe(block=BLOCK, entry="Its number, as /study canvas show lists it")
    async def remove(self, interaction: Interaction, block: str, entry: Number) -> None:
        await self._run(interaction, "remove", block, entry)

    @app_commands.command(name="image", description="Your canvas as a picture")
    async def image(self, interaction: Interaction) -> None:
        await self._run(interaction, "image", slow=True)

    @app_commands.command(name="export", description="Your canvas as Markdown text")
    async def export(self, interaction: Interaction) -> None:
        await self._run(interaction, "export")

    @app_commands.command(name="coach", description="Fill it in one question at a time")
    async def coach(self, interaction: Interaction) -> None:
        await self._run(interaction, "coach")

    @app_commands.command(name="history", description="What changed, and when")
    async def history(self, interaction: Interaction) -> None:
        await self._run(interaction, "history")

    @show.autocomplete("block")
    @add.autocomplete("block")
    @edit.autocomplete("block")
    @remove.autocomplete("block")
    async def _blocks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.canvas_blocks(await self.tools.course(interaction), typed)
