"""A test capability with the reply shapes the real ones will have: pictures, private
answers, facilitator-only commands, user text, and a handler we can hold up."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from bot.command import Command, Context, Intent
from bot.messages import Field, Fields, Image, Quote, QuoteSource, Reply, Text

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class ProbeCommands:
    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.release.set()
        self.seen_admin: list[bool] = []

    def commands(self) -> Sequence[Command]:
        return [
            Command("probe-picture", "a picture", ("probe-picture",), self.picture),
            Command("probe-private", "a private answer", ("probe-private",), self.private),
            Command("probe-admin", "facilitators only", ("probe-admin",), self.admin,
                    facilitator_only=True),
            Command("probe-echo", "says it back", ("probe-echo",), self.echo),
            Command("probe-slow", "waits to be released", ("probe-slow",), self.slow),
        ]

    def intents(self) -> Sequence[Intent]:
        return []

    async def picture(self, context: Context, args: str) -> Reply:
        return Reply.of(Text("Here is your canvas."), Image(PNG, "Your canvas", "canvas.png"))

    async def private(self, context: Context, args: str) -> Reply:
        return Reply.of(Text("Only for you."), Image(PNG, "Your notes", "notes.png"), private=True)

    async def admin(self, context: Context, args: str) -> Reply:
        return Reply.of(Text("Facilitator tools."))

    async def echo(self, context: Context, args: str) -> Reply:
        self.seen_admin.append(context.message.user_is_platform_admin)
        return Reply.of(Text("You said:"), Text(args, from_user=True), summary=args)

    async def slow(self, context: Context, args: str) -> Reply:
        await self.release.wait()
        return Reply.of(Text("Done, at last."))


class StandInCanvasAndSearch:
    """`canvas` and `search` as their capabilities might answer; added only where the
    real ones are not installed yet, so the Home tests hold either way."""

    def __init__(self, words: set[str]) -> None:
        self.words = words

    def commands(self) -> Sequence[Command]:
        stand_ins = [
            Command("canvas", "your canvas", ("canvas",), self.canvas, topic="canvas"),
            Command("search", "search the course", ("search QUERY",), self.search, topic="lookup"),
        ]
        return [c for c in stand_ins if c.name in self.words]

    def intents(self) -> Sequence[Intent]:
        return []

    async def canvas(self, context: Context, args: str) -> Reply:
        return Reply.of(Fields((Field("Key Partners", "the council", from_user=True),)),
                        Image(PNG, "Your canvas", "canvas.png"), private=True)

    async def search(self, context: Context, args: str) -> Reply:
        return Reply.of(Quote(f"About {args}: standards matter.", QuoteSource(3, "Standards")))
