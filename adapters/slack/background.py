"""Work that continues after Slack got its acknowledgement (Slack's 3-second rule).

Every listener acks first and hands the slow part here. Tasks are kept (asyncio
only holds weak references), failures are logged instead of lost, and `idle()` lets
shutdown and tests wait until everything started has finished.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)

AT_ONCE = 16


class BackgroundWork:
    def __init__(self, *, at_once: int = AT_ONCE) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        # A burst of requests queues here instead of flooding the event loop, so
        # the acks of the requests behind them still go out at once.
        self._slots = asyncio.Semaphore(at_once)
        self.started = 0

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str, at_once: bool = False) -> None:
        """`at_once` skips the queue: for work that must reach Slack within seconds of
        the click whatever else is going on (a trigger_id expires after 3 s)."""
        job = _guarded(work, name) if at_once else self._in_turn(work, name)
        task = asyncio.get_running_loop().create_task(job, name=name)
        self._tasks.add(task)
        self.started += 1
        task.add_done_callback(self._tasks.discard)

    async def _in_turn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        async with self._slots:
            await _guarded(work, name)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def idle(self) -> None:
        """Wait until no work is left, including work spawned by work."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Give running answers a chance to finish, then cancel what is left."""
        try:
            await asyncio.wait_for(self.idle(), grace_seconds)
        except TimeoutError:
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


async def _guarded(work: Coroutine[Any, Any, None], name: str) -> None:
    try:
        await work
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("slack: %s failed after it was acknowledged", name)
