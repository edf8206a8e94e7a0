"""`canvas ...`: ask about a block, keep your own canvas and your group's, see it as a picture."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from bot.bounds import listed_number
from bot.canvas import replies as say
from bot.canvas import words
from bot.canvas.blocks import BlockMatch, BlockMatcher
from bot.canvas.coach import coach_order
from bot.canvas.dialogs import CanvasDialogs
from bot.canvas.export import long_date, to_markdown
from bot.canvas.intents import canvas_intents
from bot.canvas.service import CanvasService, CanvasView
from bot.canvas.store import CanvasOwner
from bot.canvas.target import GROUP, OWN, actor, require_group_channel, resolve
from bot.command import Command, Context, Intent, UsageError
from bot.course.models import Course
from bot.messages import Image, Reply, Text
from bot.store.dialogs import DialogRepository
from bot.weeks.service import WeekService

if TYPE_CHECKING:  # Pillow loads with the first picture, not at start-up
    from bot.canvas.picture import CanvasPicture

Verb = Callable[[Context, str, str], Awaitable[Reply]]
GROUP_WORDS = {"group", "team", "shared"}
class CanvasCommands:
    def __init__(self, course: Course, canvas: CanvasService, weeks: WeekService,
                 dialogs: DialogRepository) -> None:
        self.course = course
        self.canvas = canvas
        self.weeks = weeks
        self.matcher = BlockMatcher(course.canvas)
        self.conversations = CanvasDialogs(course, canvas, weeks, dialogs)
        self.verbs: dict[str, Verb] = {
            "": self.show, "add": self.add, "edit": self.edit, "change": self.edit,
            "remove": self.remove, "delete": self.remove, "rm": self.remove,
            "clear": self.clear, "history": self.history, "changes": self.history,
            "coach": self.coach, "image": self.image, "picture": self.image, "png": self.image,
            "export": self.export, "markdown": self.export, "about": self.about,
            "blocks": self.about, "help": self.about, "guide": self.about,
            "share": self.share, "take": self.take,
        }

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="canvas",
            summary=f"Your project's {self.course.canvas_info.short_name}: ask, add, coach, picture",
            usage=words.usage(self.course), details=words.details(self.course), topic="canvas",
            handler=self.handle, on_answer=self.conversations.answer)]

    def intents(self) -> Sequence[Intent]:
        return canvas_intents(self.matcher, self.course.canvas_info.short_name)

    async def handle(self, context: Context, args: str) -> Reply:
        scope, rest = OWN, args.strip()
        first, _, after = rest.partition(" ")
        if first.lower() in GROUP_WORDS:
            require_group_channel(context)
            scope, rest = GROUP, after.strip()
        verb, _, after = rest.partition(" ")
        handler = self.verbs.get(verb.lower())
        if handler is not None:
            return await handler(context, scope, after.strip())
        return await self.explain(context, scope, rest)

    async def show(self, context: Context, scope: str, rest: str) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        return say.whole_canvas(await self.canvas.view(owner), target)

    async def explain(self, context: Context, scope: str, text: str) -> Reply:
        found = self.matcher.split(text)  # "canvas kp for a flood project" is about kp
        block = self.matcher.find(text) or (found.block if found else None)
        if block is None:
            raise UsageError(self._unknown_block())
        owner, target = await resolve(context, scope, self.weeks)
        entries = (await self.canvas.view(owner)).of(block.id)
        return say.explain_block(self.course, block, entries, target, owner.kind)

    async def about(self, context: Context, scope: str, rest: str) -> Reply:
        return say.about_canvas(self.course, coach_order(self.course.canvas))

    async def add(self, context: Context, scope: str, rest: str) -> Reply:
        found = self._block(rest, f"canvas add {words.block_word(self.course)} <your idea>")
        owner, target = await resolve(context, scope, self.weeks)
        number = await self.canvas.add(owner, found.block, found.rest, await actor(context), context.now)
        return say.added(found.block, number, target)

    async def edit(self, context: Context, scope: str, rest: str) -> Reply:
        example = f"canvas edit {words.block_word(self.course)} 2 <new wording>"
        found = self._block(rest, example)
        number, _, text = found.rest.partition(" ")
        owner, target = await resolve(context, scope, self.weeks)
        await self.canvas.edit(owner, found.block, _number(number, example), text, await actor(context),
                               context.now)
        return say.edited(found.block, _number(number, example), target)

    async def remove(self, context: Context, scope: str, rest: str) -> Reply:
        example = f"canvas remove {words.block_word(self.course)} 2"
        found = self._block(rest, example)
        number = _number(found.rest, example)
        owner, target = await resolve(context, scope, self.weeks)
        await self.canvas.remove(owner, found.block, number, await actor(context), context.now)
        return say.removed(found.block, number, target)

    async def clear(self, context: Context, scope: str, rest: str) -> Reply:
        if scope == GROUP and not await context.is_facilitator():
            raise UsageError("Only a facilitator can clear the whole group canvas. You can remove "
                             "your own entries with `canvas group remove <block> <n>`.")
        return await self.conversations.ask_to_clear(context, scope)

    async def coach(self, context: Context, scope: str, rest: str) -> Reply:
        return await self.conversations.start_coach(context, scope)

    async def history(self, context: Context, scope: str, rest: str) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        return say.history(await self.canvas.history(owner), self.course, target)

    async def share(self, context: Context, scope: str, rest: str) -> Reply:
        """Own -> group: `canvas share <block> <n>`."""
        example = f"canvas share {words.block_word(self.course)} 1"
        require_group_channel(context)
        found = self._block(rest, example)
        number = _number(found.rest, example)
        await self.canvas.copy(self._own(context), found.block, number,
                               self._group(context), await actor(context),
                               context.now)
        return say.copied(found.block, number, to_group=True)

    async def take(self, context: Context, scope: str, rest: str) -> Reply:
        """Group -> own: `canvas group take <block> <n>`."""
        example = f"canvas group take {words.block_word(self.course)} 1"
        require_group_channel(context)
        found = self._block(rest, example)
        number = _number(found.rest, example)
        await self.canvas.copy(self._group(context), found.block, number,
                               self._own(context), await actor(context),
                               context.now)
        return say.copied(found.block, number, to_group=False)

    async def image(self, context: Context, scope: str, rest: str) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        view = await self.canvas.view(owner)
        picture = self._picture(view, target, context)
        from bot.canvas.picture import render_canvas_png

        png = await asyncio.to_thread(render_canvas_png, picture)
        name = self.course.canvas_info.short_name
        alt = (f"{target.title}: {name} with {len(view.entries)} entries in "
               f"{len(view.filled())} of {len(view.blocks)} blocks")
        return Reply.of(Image(png, alt_text=alt, filename="canvas.png"),
                        Text(f"Type `{target.prefix} export` for the text as Markdown."),
                        private=target.private, summary=alt)

    async def export(self, context: Context, scope: str, rest: str) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        markdown = to_markdown(await self.canvas.view(owner), target.title,
                               self.course.canvas_info.title, context.now)
        return Reply.of(Text(markdown, from_user=True), private=target.private,
                        summary=f"{target.title} as Markdown")

    def _picture(self, view: CanvasView, target: say.Target, context: Context) -> CanvasPicture:
        from bot.canvas.picture import CanvasPicture, PictureBlock

        blocks = tuple(
            PictureBlock(b.id, b.name, tuple(say.entry_line(e, view.owner.kind) for e in view.of(b.id)),
                         hint=b.questions[0], place=b.place)
            for b in view.blocks)
        subtitle = f"{self.course.canvas_info.title} · {self.course.title} · {long_date(context.now)}"
        return CanvasPicture(title=target.title, subtitle=subtitle, blocks=blocks)

    def _block(self, text: str, example: str) -> BlockMatch:
        found = self.matcher.split(text)
        if found is None:
            raise UsageError(f"{self._unknown_block()} For example: `{example}`.")
        return found

    def _own(self, context: Context) -> CanvasOwner:
        return CanvasOwner.learner(context.message.user, self.course.id)

    def _group(self, context: Context) -> CanvasOwner:
        return CanvasOwner.group(context.message.channel, self.course.id)

    def _unknown_block(self) -> str:
        return words.unknown_block(self.course)


def _number(text: str, example: str) -> int:
    number = listed_number(text.strip().split(" ")[0].lstrip("#"))
    if number is None:
        raise UsageError(f"Which entry? Give its number, as shown by `canvas`: `{example}`.")
    return number

