"""The one outbound policy every Slack call goes through.

- A "slow down" (HTTP 429, or `ok: false, error: ratelimited` in an HTTP 200) means
  Slack did nothing: wait its Retry-After and try again, as long as the wait still
  fits the time the surface allows (a trigger_id lasts 3 s, a response_url 30 min).
- A 5xx or a dropped connection is retried with backoff only where a repeat cannot
  show anything twice (reads, the Home tab, a form, getting an upload URL). A post
  that Slack may already have made is never repeated blindly: the caller checks
  (Delivery) or hands it to the outbox (SlackPoster).
- Anything else (`channel_not_found`, a 404) is final at once.
Each retry is logged with what Slack said and how long we wait, so the log tells
what really happened.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from adapters.slack import errors

log = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0, 16.0)


@dataclass(frozen=True)
class Surface:
    """Where a call's result shows, and how long it may keep trying to get there."""

    name: str
    within: float  # seconds from the first attempt
    attempts: int = 5


ANSWER = Surface("answer", within=600.0)  # an answer ten minutes late beats none
RESPONSE_URL = Surface("response_url answer", within=30 * 60.0)  # "up to 5 times within 30 minutes"
FORM = Surface("form", within=3.0)  # a trigger_id "expires in 3 seconds"
HOME = Surface("Home tab", within=600.0)
LOOKUP = Surface("lookup", within=20.0)  # a read the answer waits for
SCHEDULED = Surface("scheduled post", within=30.0, attempts=3)  # the outbox retries the rest
Repeatable = bool | Callable[[errors.Failure, Exception], bool]


@dataclass
class Patience:
    sleep: Sleep = asyncio.sleep
    clock: Clock = field(default=time.monotonic)

    async def call(self, call: Callable[[], Awaitable[T]], surface: Surface = ANSWER, *,
                   repeatable: Repeatable = False, started: float | None = None) -> T:
        """`call()`, again while Slack's answer and the surface's time allow. `repeatable`
        says a repeat after a 5xx or a dropped connection cannot do it twice; `started`
        is when the surface's clock began (a response_url's, at the request)."""
        began = self.clock() if started is None else started
        for attempt in range(1, surface.attempts + 1):
            try:
                return await call()
            except Exception as error:
                failure = errors.describe(error)
                wait = _wait(failure, error, attempt, repeatable)
                if wait is None or attempt == surface.attempts or \
                        self.clock() - began + wait > surface.within:
                    raise
                log.info("slack: %s: %s; trying again in %g s", surface.name, failure.reason, wait)
                await self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


def _wait(failure: errors.Failure, error: Exception, attempt: int, repeatable: Repeatable) -> float | None:
    if failure.slow_down:
        return failure.retry_after if failure.retry_after is not None else 1.0
    if not failure.retryable:
        return None
    safe = not failure.maybe_done or (repeatable(failure, error) if callable(repeatable) else repeatable)
    return BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS)) - 1] if safe else None
