"""Writes each post's outcome as soon as the post is done, not when its batch is.

The window for a repeat after a crash is "the platform took the post, but `sent` is not
written yet". Written per batch, one slow post (a platform asking us to wait 30 s) held
every finished post of its batch in that window. Here each outcome is written on its
own; outcomes that finish while a write is under way share the next write, so a burst
still costs a few transactions, not one per post.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from bot.schedule.deliveries import DeliveryRepository, Outcome


class OutcomeRecorder:
    def __init__(self, deliveries: DeliveryRepository, worker: str) -> None:
        self.deliveries = deliveries
        self.worker = worker
        self._waiting: list[tuple[Outcome, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def after(self, attempt: Awaitable[Outcome]) -> Outcome:
        """The attempt's outcome, once it is written."""
        outcome = await attempt
        written = asyncio.get_running_loop().create_future()
        self._waiting.append((outcome, written))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_waiting())
        await written
        return outcome

    async def _write_waiting(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await self.deliveries.record([outcome for outcome, _ in batch], self.worker)
            except Exception as error:
                for _, written in batch:
                    if not written.done():  # a post whose pass was stopped
                        written.set_exception(error)
            except BaseException:
                for _, written in (*batch, *self._waiting):
                    written.cancel()
                raise
            else:
                for _, written in batch:
                    if not written.done():
                        written.set_result(None)
