"""Slack's "slow down": an HTTP 429 with Retry-After means Slack did nothing and said
how long to wait. Only that is retried here, and only while the wait stays short;
anything else (a 5xx, a network error) may have been done, so it is never repeated."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack import errors

MAX_WAIT_SECONDS = 30.0
ATTEMPTS = 3
Sleep = Callable[[float], Awaitable[None]]
Call = Callable[[], Awaitable[AsyncSlackResponse]]


@dataclass
class Patience:
    sleep: Sleep = asyncio.sleep
    max_wait: float = MAX_WAIT_SECONDS
    attempts: int = ATTEMPTS

    async def call(self, call: Call) -> AsyncSlackResponse:
        """`call()`, again after each 429 for as long as Slack asked (up to the limits)."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await call()
            except SlackApiError as error:
                if getattr(error.response, "status_code", 0) != 429 or attempt == self.attempts:
                    raise
                wait = errors.retry_after(error.response)
                if wait > self.max_wait:
                    raise
                await self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover
