"""Liveness and readiness, as plain data the ops HTTP server turns into responses.

Alive (/healthz): the process answers at all. Ready (/readyz): the database answers a
query and every configured platform is connected, so a load balancer may send traffic
here and the scheduler can post.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import text

from bot.store.db import Database

log = logging.getLogger(__name__)
CHECK_TIMEOUT_SECONDS = 2.0
Probe = Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class Readiness:
    checks: Mapping[str, bool]

    @property
    def ready(self) -> bool:
        return all(self.checks.values())

    def as_json(self) -> dict[str, object]:
        return {"ready": self.ready, "checks": dict(self.checks)}


async def readiness(probes: Mapping[str, Probe], limit: float = CHECK_TIMEOUT_SECONDS) -> Readiness:
    """Run every probe at once; one that fails, raises or takes too long counts as not ready."""
    names = list(probes)
    results = await asyncio.gather(*(_safely(name, probes[name], limit) for name in names))
    return Readiness(dict(zip(names, results, strict=True)))


async def _safely(name: str, probe: Probe, limit: float) -> bool:
    try:
        return await asyncio.wait_for(probe(), limit)
    except TimeoutError:
        log.warning("readiness check timed out", extra={"check": name, "seconds": limit})
    except Exception as error:  # a broken probe means "not ready", never a crashed endpoint
        log.warning("readiness check failed", extra={"check": name, "error": str(error)})
    return False


def database_probe(db: Database) -> Probe:
    async def database_answers() -> bool:
        async with db.engine.connect() as connection:
            answer = await connection.scalar(text("SELECT 1"))
            return bool(answer == 1)

    return database_answers
