"""Helpers for the `studybot serve` tests: a free port, and waiting for HTTP without a clock."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable

import aiohttp

ATTEMPTS = 200_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until(condition: Callable[[], Awaitable[bool]]) -> None:
    """Yield to the event loop until `condition` holds (no sleeping on a clock)."""
    for _ in range(ATTEMPTS):
        if await condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never held")


async def answers(http: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with http.get(url) as response:
            return response.status == 200
    except aiohttp.ClientConnectionError:
        return False


async def get(http: aiohttp.ClientSession, url: str) -> tuple[int, str, str]:
    async with http.get(url) as response:
        return response.status, response.headers.get("Content-Type", ""), await response.text()
