"""The console's Poster: scheduled posts are printed in the terminal as they fire.

One person sits at the terminal: channel posts are shown, and direct messages only when
they are for that person. Another learner's session reminder is theirs, not the screen's.
"""

from __future__ import annotations

import sys
from typing import TextIO

from adapters.console.render import render
from bot.messages import ChannelRef, Reply
from bot.ports import PostResult


class ConsolePoster:
    def __init__(self, out: TextIO | None = None, *, viewer: str | None = None) -> None:
        self.out = out
        # The user id of whoever sits at this terminal; None shows every post (tests, demos).
        self.viewer = viewer
        self.posted = 0

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        self.posted += 1
        if channel.is_direct and self.viewer is not None and channel.id != self.viewer:
            return PostResult.sent(f"console-{self.posted}")
        out = self.out or sys.stdout
        where = "a direct message to you" if channel.is_direct else f"#{channel.id}"
        out.write(f"\n[scheduled post in {where}]\n{render(reply).lstrip(chr(10))}\n\n")
        out.flush()
        return PostResult.sent(f"console-{self.posted}")
