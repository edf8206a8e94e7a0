"""SQLite through aiosqlite, one trip to its thread per statement.

aiosqlite runs each SQLite connection in a thread of its own, and every call made on it
(open a cursor, execute, fetch the rows, close the cursor) is a round trip: a queue put,
a thread woken, the GIL handed over and back, the event loop woken. SQLAlchemy's adapter
makes four such trips for each statement; under load the hand-overs, not SQLite, were
most of the time an answer spent in the database. This adapter makes one: the whole
statement runs in the connection's thread and comes back with its rows, description,
row count and last row id.

It leans on two internals, aiosqlite's `Connection._execute` (run a function in the
connection's thread) and `_conn` (the sqlite3 connection), and on SQLAlchemy's adapted
cursor. `available()` checks they are there; without them the stock driver is used.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite import aiosqlite as stock

log = logging.getLogger(__name__)

DRIVER = "aiosqlite_onetrip"


class OneTripCursor(stock.AsyncAdapt_aiosqlite_cursor):
    __slots__ = ("_counted", "_described", "_last_id", "_size")

    def __init__(self, adapt_connection: Any) -> None:
        # The stock cursor opens an aiosqlite cursor here (a trip); this one opens a
        # sqlite3 cursor inside each statement's own trip instead.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = {}  # type: ignore[assignment]
        self._rows = collections.deque()
        self._described: Any = None
        self._counted = -1
        self._last_id: int | None = None
        self._size = 1  # DB-API's default for fetchmany() without a size

    @property
    def arraysize(self) -> int:
        return self._size

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._size = value

    @property
    def description(self) -> Any:
        return self._described

    @property
    def rowcount(self) -> int:
        return self._counted

    @property
    def lastrowid(self) -> Any:
        return self._last_id

    async def _async_soft_close(self) -> None:
        return None  # nothing stays open between trips

    def close(self) -> None:
        self._rows.clear()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        raw = self._connection._conn

        def statement() -> tuple[Any, Sequence[Any], int, int | None]:
            cursor = raw.cursor()
            try:
                cursor.execute(operation, () if parameters is None else parameters)
                described = cursor.description
                rows = cursor.fetchall() if described else ()
                return described, rows, cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        async with self._adapt_connection._execute_mutex:
            self._described, rows, self._counted, self._last_id = (
                await self._connection._execute(statement))
        self._rows = collections.deque(rows)
        return None

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        raw = self._connection._conn

        def statements() -> tuple[int, int | None]:
            cursor = raw.cursor()
            try:
                cursor.executemany(operation, seq_of_parameters)
                return cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        async with self._adapt_connection._execute_mutex:
            self._counted, self._last_id = await self._connection._execute(statements)
        self._described = None
        return None


class OneTripConnection(stock.AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneTripCursor


class OneTripDBAPI(stock.AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *args: Any, **kwargs: Any) -> OneTripConnection:
        adapted = super().connect(*args, **kwargs)
        return OneTripConnection(self, adapted._connection)


class OneTripDialect(stock.SQLiteDialect_aiosqlite):
    driver = DRIVER
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> OneTripDBAPI:
        return OneTripDBAPI(__import__("aiosqlite"), __import__("sqlite3"))


def available() -> bool:
    """Whether the internals this driver leans on are where it expects them."""
    import aiosqlite

    adapted = stock.AsyncAdapt_aiosqlite_connection
    found = (callable(getattr(aiosqlite.Connection, "_execute", None))
             and "_execute_mutex" in _all_slots(adapted) and hasattr(adapted, "_cursor_cls"))
    if not found:
        log.info("aiosqlite or SQLAlchemy changed: using the stock SQLite driver")
    return found


def _all_slots(cls: type) -> tuple[str, ...]:
    return tuple(name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ()))


registry.register(f"sqlite.{DRIVER}", __name__, "OneTripDialect")
