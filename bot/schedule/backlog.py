"""Claimed posts not yet attempted: how far ahead of its posting the outbox may claim.

A claim's lease must outlast every post queued ahead of it plus its own. Counting the
posts not yet attempted (rather than the batches not yet written back) lets the next
claim start as soon as the posts ahead leave room, while the last outcomes are still
being written and whatever another replica claimed in between takes no slot here.
"""

from __future__ import annotations

import asyncio


class Backlog:
    def __init__(self) -> None:
        self.waiting = 0
        self._changed = asyncio.Event()

    def add(self, posts: int) -> None:
        self.waiting += posts

    def attempted(self) -> None:
        self.waiting -= 1
        self._changed.set()

    async def down_to(self, limit: int) -> None:
        """Return once at most `limit` claimed posts are still to be attempted."""
        while self.waiting > limit:
            self._changed.clear()
            await self._changed.wait()
