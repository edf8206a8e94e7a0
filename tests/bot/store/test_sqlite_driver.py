"""SQLite in one trip per statement: the same answers as the stock driver, with fewer
hand-overs to the connection's thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.store import sqlite_driver
from bot.store.db import Database

META = MetaData()
NOTES = Table("notes", META, Column("id", Integer, primary_key=True, autoincrement=True),
              Column("owner", String(20), nullable=False), Column("text", String(200), unique=True))


async def story(db: Database) -> list[Any]:
    """Inserts, a duplicate refused, an update and a delete with their row counts, reads."""
    seen: list[Any] = []
    async with db.engine.begin() as connection:
        await connection.run_sync(META.create_all)
    async with db.engine.begin() as connection:
        first = await connection.execute(insert(NOTES).values(owner="ada", text="bridges"))
        seen.append(first.inserted_primary_key)
        await connection.execute(insert(NOTES), [{"owner": "ada", "text": "sensors"},
                                                 {"owner": "bob", "text": "data"}])
    with pytest.raises(IntegrityError):
        async with db.engine.begin() as connection:
            await connection.execute(insert(NOTES).values(owner="bob", text="bridges"))
    async with db.engine.begin() as connection:
        seen.append((await connection.execute(update(NOTES).where(NOTES.c.owner == "ada")
                                              .values(owner="ada lovelace"))).rowcount)
        seen.append((await connection.execute(delete(NOTES).where(NOTES.c.owner == "nobody"))).rowcount)
        rows = await connection.execute(select(NOTES).order_by(NOTES.c.id))
        seen.append([tuple(row) for row in rows])
        seen.append(list(rows.keys()))
    return seen


async def test_the_one_trip_driver_answers_as_the_stock_driver_does(tmp_path: Path) -> None:
    assert sqlite_driver.available()
    ours = Database(f"sqlite:///{tmp_path / 'ours.sqlite3'}")
    stock = Database(f"sqlite+aiosqlite:///{tmp_path / 'stock.sqlite3'}")
    try:
        assert ours.engine.dialect.driver == sqlite_driver.DRIVER
        assert stock.engine.dialect.driver == "aiosqlite"
        assert await story(ours) == await story(stock)
    finally:
        await ours.close()
        await stock.close()


async def test_a_read_is_one_trip_to_the_connections_thread(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    trips = {"count": 0}
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        trips["count"] += 1
        return await original(self, fn, *args, **kwargs)

    for url, most in ((f"sqlite:///{tmp_path / 'ours.sqlite3'}", 1),
                      (f"sqlite+aiosqlite:///{tmp_path / 'stock.sqlite3'}", None)):
        db = Database(url)
        try:
            async with db.engine.begin() as connection:
                await connection.run_sync(META.create_all)
            async with db.engine.connect() as connection:
                monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
                trips["count"] = 0
                await connection.execute(select(NOTES).where(NOTES.c.owner == "ada"))
                monkeypatch.setattr(aiosqlite.Connection, "_execute", original)
            if most is not None:
                assert trips["count"] == most
            else:
                assert trips["count"] >= 3  # what the stock adapter takes, for comparison
        finally:
            await db.close()
