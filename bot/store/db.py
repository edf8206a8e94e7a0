"""The database handle: one async engine and its session factory, built from a URL."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.store import sqlite_driver, units

log = logging.getLogger(__name__)
T = TypeVar("T")

POOL_SIZE = 10
POOL_OVERFLOW = 20
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg",
                 "postgres": "postgresql+asyncpg"}


def async_url(url: str) -> str:
    """Accept plain `sqlite:///…` or `postgresql://…` and pick the async driver."""
    parsed = make_url(url)
    driver = ASYNC_DRIVERS.get(parsed.drivername)
    if driver == "sqlite+aiosqlite" and sqlite_driver.available():
        driver = f"sqlite+{sqlite_driver.DRIVER}"
    if driver is not None:
        parsed = parsed.set(drivername=driver)
    return parsed.render_as_string(hide_password=False)


class Database:
    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        # Each message holds a connection for its unit of work. With the default pool
        # (five kept, ten more opened and closed as needed), a burst of messages spent
        # its time opening connections: for SQLite, a thread and three pragmas each.
        options: dict[str, Any] = {"echo": echo, "pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
        if self.is_sqlite:
            _make_sqlite_parent(self.url)
            options["connect_args"] = {"timeout": 30}
        else:
            options["pool_pre_ping"] = True
            # asyncpg prepares every statement, and after five runs PostgreSQL may keep one
            # generic plan for it. Made while a table was nearly empty (the deliveries of a
            # fan-out that has just begun), that plan scans the table for each row even
            # once it holds thousands. A fresh plan per run costs microseconds.
            options["connect_args"] = {"server_settings": {"plan_cache_mode": "force_custom_plan"}}
        self.engine: AsyncEngine = create_async_engine(self.url, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writers = asyncio.Lock()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A transaction: commits when the block ends, rolls back on error. Inside a unit
        of work (`unit()`), the unit's own session, committed when the unit ends."""
        unit = units.current(self)
        if unit is not None:
            yield unit.session
            await units.settled(unit)
            return
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def atomic(self) -> AsyncIterator[AsyncSession]:
        """A block whose writes are undone if it raises, as a transaction of its own would
        be, also inside a unit of work (there it is a savepoint, so the unit's other writes
        stay). For stores that write, then may refuse: a canvas change bumps the revision
        before its limits are checked."""
        unit = units.current(self)
        if unit is None:
            async with self.session() as session:
                yield session
            return
        session = unit.session
        if self.is_sqlite:
            await _sqlite_transaction_begun(session)
        try:
            async with session.begin_nested():
                yield session
                await units.settled(unit)
        except BaseException:
            unit.known.clear()  # rows remembered inside the savepoint are undone with it
            raise

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """On SQLite, this process's short writes take turns here. A writer that finds the
        file locked sleeps in growing steps (up to 100 ms each) and does not wake when the
        lock is free, so under load a one-row insert waited up to a second; queued here it
        waits only for the writes ahead of it. PostgreSQL locks rows: no turn is needed."""
        if not self.is_sqlite:
            yield
            return
        async with self._writers:
            yield

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        """A short write transaction, taken in turn (see `turn`)."""
        async with self.turn(), self.session() as session:
            yield session

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncSession]:
        """One transaction for everything done until the block ends (see bot.store.units).
        A unit opened inside another of this task joins it."""
        if units.current(self) is not None:
            async with self.session() as session:
                yield session
            return
        async with self.sessions() as session:
            unit = units.Unit(self, session, asyncio.current_task())
            event.listen(session.sync_session, "do_orm_execute", unit.saw)
            token = units.opened(unit)
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
            finally:
                units.closed(token)
                units.run_ended(unit)

    @property
    def insert(self) -> Any:
        """This dialect's INSERT, which has ON CONFLICT (both SQLite and PostgreSQL do)."""
        return sqlite_insert if self.is_sqlite else postgresql_insert

    async def server_now(self) -> datetime:
        """The time by the database's clock, in UTC: the one clock every replica shares
        (SQLite's is this machine's, which is the only one writing to it)."""
        query = ("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')" if self.is_sqlite
                 else "SELECT CURRENT_TIMESTAMP")
        async with self.engine.connect() as connection:
            value = (await connection.execute(text(query))).scalar_one()
        told = datetime.fromisoformat(value) if isinstance(value, str) else value
        return told.replace(tzinfo=UTC) if told.tzinfo is None else told.astimezone(UTC)

    async def close(self) -> None:
        await self.engine.dispose()


async def retry_on_conflict(work: Callable[[], Awaitable[T]], tries: int = 20) -> T:
    """Run a unit of work again when another writer took the same key first.

    For rows numbered "highest + 1": two processes can read the same highest number, and
    the unique key lets only one of them keep it. The other tries again with a fresh
    read, so the person never sees the collision. The wait before each new try is random
    and grows: two writers in lockstep would otherwise collide try after try.
    Inside a unit of work each try is a savepoint: the failed insert is undone, and the
    unit's other writes stay.
    """
    for attempt in range(tries - 1):
        try:
            return await _attempt(work)
        except IntegrityError:
            log.info("a concurrent writer took the same key; trying again")
            await asyncio.sleep(random.uniform(0, min(0.05, 0.002 * 2 ** attempt)))
    return await _attempt(work)


async def _attempt(work: Callable[[], Awaitable[T]]) -> T:
    unit = units.current()
    if unit is None or not isinstance(unit.owner, Database):
        return await work()
    async with unit.owner.atomic():
        return await work()


async def _sqlite_transaction_begun(session: AsyncSession) -> None:
    """Python's sqlite3 begins a transaction only before INSERT, UPDATE or DELETE, so a
    SAVEPOINT sent first would begin one of its own, and releasing it would commit: the
    savepoint's writes would outlive a unit rolled back later. BEGIN IMMEDIATE also takes
    the write lock before the savepoint reads (a highest number, a limit), which a
    deferred transaction could not later upgrade if another writer came between."""
    connection = await session.connection()
    raw = (await connection.get_raw_connection()).driver_connection
    if raw is not None and not raw.in_transaction:
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
        unit = units.current()
        if unit is not None:
            unit.wrote = True  # it holds the write lock from here


def _make_sqlite_parent(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers and the scheduler work while a writer commits.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
