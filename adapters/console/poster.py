"""The console's Poster: scheduled posts are printed in the terminal as they fire."""

from __future__ import annotations

import sys
from typing import TextIO

from adapters.console.render import render
from bot.messages import ChannelRef, Reply
from bot.ports import PostResult


class ConsolePoster:
    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out
        self.posted = 0

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        out = self.out or sys.stdout
        out.write(f"\n[scheduled post in #{channel.id}]\n{render(reply).lstrip(chr(10))}\n\n")
        out.flush()
        self.posted += 1
        return PostResult.sent(f"console-{self.posted}")
