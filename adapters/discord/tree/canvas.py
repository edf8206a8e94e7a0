"""`/study canvas ...`: your own canvas, or with `shared:` your group's.

Your own canvas is answered privately (and defers privately); the group's in the open.
"""

from __future__ import annotations

from discord import app_commands

from adapters.discord import choices
from adapters.discord.tree.branch import Branch, Interaction, Number, Tools, Words
from adapters.discord.visibility import Audience

BLOCK = "A canvas block: start typing its name"
SHARED = "True for your study group's canvas (in its channel)"


class CanvasBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="canvas", description="Your project canvas in this course")

    async def _show(self, interaction: Interaction, shared: bool | None, *words: object,
                    slow: bool = False) -> None:
        await self.tools.read(interaction, _scope(shared), *words, slow=slow, audience=_audience(shared))

    async def _change(self, interaction: Interaction, shared: bool | None, *words: object) -> None:
        await self.tools.change(interaction, _scope(shared), *words, audience=_audience(shared))

    @app_commands.command(name="show", description="Your canvas, or one block with its guidance")
    @app_commands.describe(block="Leave empty for the whole canvas", shared=SHARED)
    async def show(self, interaction: Interaction, block: str | None = None,
                   shared: bool | None = None) -> None:
        await self._show(interaction, shared, block)

    @app_commands.command(name="add", description="Add an entry to a block")
    @app_commands.describe(block=BLOCK, text="What to add", shared=SHARED)
    async def add(self, interaction: Interaction, block: str, text: Words,
                  shared: bool | None = None) -> None:
        await self._change(interaction, shared, "add", block, text)

    @app_commands.command(name="edit", description="Change one of a block's entries")
    @app_commands.describe(block=BLOCK, entry="Its number, as /study canvas show lists it",
                           text="The new wording", shared=SHARED)
    async def edit(self, interaction: Interaction, block: str, entry: Number, text: Words,
                   shared: bool | None = None) -> None:
        await self._change(interaction, shared, "edit", block, entry, text)

    @app_commands.command(name="remove", description="Remove one of a block's entries")
    @app_commands.describe(block=BLOCK, entry="Its number, as /study canvas show lists it", shared=SHARED)
    async def remove(self, interaction: Interaction, block: str, entry: Number,
                     shared: bool | None = None) -> None:
        await self._change(interaction, shared, "remove", block, entry)

    @app_commands.command(name="image", description="Your canvas as a picture")
    @app_commands.describe(shared=SHARED)
    async def image(self, interaction: Interaction, shared: bool | None = None) -> None:
        await self._show(interaction, shared, "image", slow=True)

    @app_commands.command(name="export", description="Your canvas as Markdown text")
    @app_commands.describe(shared=SHARED)
    async def export(self, interaction: Interaction, shared: bool | None = None) -> None:
        await self._show(interaction, shared, "export")

    @app_commands.command(name="coach", description="Fill it in one question at a time")
    @app_commands.describe(shared=SHARED)
    async def coach(self, interaction: Interaction, shared: bool | None = None) -> None:
        await self._change(interaction, shared, "coach")

    @app_commands.command(name="history", description="What changed, and when")
    @app_commands.describe(shared=SHARED)
    async def history(self, interaction: Interaction, shared: bool | None = None) -> None:
        await self._show(interaction, shared, "history")

    @show.autocomplete("block")
    @add.autocomplete("block")
    @edit.autocomplete("block")
    @remove.autocomplete("block")
    async def _blocks(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.canvas_blocks(await self.tools.course(interaction), typed)


def _scope(shared: bool | None) -> str:
    return "canvas group" if shared else "canvas"


def _audience(shared: bool | None) -> Audience:
    return Audience.CHANNEL if shared else Audience.ASKER
