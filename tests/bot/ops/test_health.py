"""Readiness: ready only when the database answers and every platform is connected."""

from __future__ import annotations

import asyncio

from bot.ops.health import database_probe, readiness
from bot.store.db import Database


async def yes() -> bool:
    return True


async def no() -> bool:
    return False


async def broken() -> bool:
    raise ConnectionRefusedError("no route to host")


async def hangs() -> bool:
    await asyncio.Event().wait()
    return True


async def test_ready_when_every_check_passes(db: Database) -> None:
    report = await readiness({"database": database_probe(db), "slack": yes})
    assert report.ready
    assert report.as_json() == {"ready": True, "checks": {"database": True, "slack": True}}


async def test_one_failing_raising_or_hanging_check_makes_it_not_ready() -> None:
    report = await readiness({"database": broken, "slack": no, "discord": hangs, "other": yes},
                             limit=0.01)
    assert not report.ready
    assert report.checks == {"database": False, "slack": False, "discord": False, "other": True}


async def test_an_unreachable_database_is_not_ready() -> None:
    db = Database("postgresql://nobody@127.0.0.1:9/none")
    try:
        assert not (await readiness({"database": database_probe(db)})).ready
    finally:
        await db.close()
