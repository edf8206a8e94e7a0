"""Reads every table the schema knows, so checks cover tables added after they were written.

Slack's and Discord's tables live beside their adapters; importing them here puts them
on Base.metadata too, so a scan covers them whether or not the test touched either.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import String, Table, Text, event, select, tuple_

import adapters.discord.tables  # registers the Discord adapter's table
import adapters.slack.tables  # noqa: F401  (registers the Slack adapter's tables)
import bot.tables  # noqa: F401  (registers every core table)
from bot.messages import TenantRef
from bot.store.base import Base
from bot.store.db import Database


def all_tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def tenant_scoped(table: Table) -> bool:
    return "platform" in table.c and "tenant_id" in table.c


def text_columns(table: Table) -> list[str]:
    return [c.name for c in table.c if isinstance(c.type, String | Text)]


async def rows(db: Database, table: Table,
               tenants: Collection[TenantRef] | None = None) -> list[dict[str, Any]]:
    """Every row of `table`; only `tenants`' rows when given and the table has tenants."""
    query = select(table)
    if tenants is not None and tenant_scoped(table):
        keys = [(t.platform.value, t.id) for t in tenants]
        query = query.where(tuple_(table.c.platform, table.c.tenant_id).in_(keys))
    async with db.session() as session:
        return [dict(row._mapping) for row in await session.execute(query)]


async def text_values(db: Database, tenant: TenantRef | None = None) -> Iterator[tuple[str, str, str]]:
    """(table, column, value) for every string value in the database, or in one tenant's rows."""
    found: list[tuple[str, str, str]] = []
    for table in all_tables():
        columns = text_columns(table)
        for row in await rows(db, table, [tenant] if tenant else None):
            found += [(table.name, c, row[c]) for c in columns if isinstance(row[c], str)]
    return iter(found)


async def snapshot(db: Database, tenants: Collection[TenantRef],
                   tables: Collection[Table] | None = None) -> dict[TenantRef, dict[str, frozenset[str]]]:
    """Each tenant's rows in every tenant-scoped table (or in `tables`), as comparable values."""
    taken: dict[TenantRef, dict[str, set[str]]] = {t: {} for t in tenants}
    by_key = {(t.platform.value, t.id): t for t in tenants}
    for table in all_tables() if tables is None else tables:
        if not tenant_scoped(table):
            continue
        for tenant in tenants:
            taken[tenant][table.name] = set()
        for row in await rows(db, table, tenants):
            owner = by_key[(row["platform"], row["tenant_id"])]
            taken[owner][table.name].add(repr(sorted(row.items())))
    return {t: {name: frozenset(v) for name, v in by_table.items()} for t, by_table in taken.items()}


WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
READ = re.compile(r"^\s*(?:SELECT|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA\s+\w+\s*$)",
                  re.IGNORECASE)


class WrittenTables:
    """The tables written since the last `take()`, seen from the statements the engine ran.

    Lets a check after each step rescan only what the step could have changed. The schema
    has no foreign keys or triggers, so a statement changes only the table it names; any
    statement this cannot read as a plain read or a one-table write makes `take()` answer
    "every table", so nothing is ever skipped by mistake.
    """

    def __init__(self, db: Database) -> None:
        self._engine = db.engine.sync_engine
        self._written: set[str] = set()
        self._unknown = False
        event.listen(self._engine, "before_cursor_execute", self._saw)

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._saw)

    def take(self) -> list[Table]:
        written = self._written
        taken = [t for t in all_tables() if self._unknown or t.name in written]
        self._written, self._unknown = set(), False
        return taken

    def _saw(self, _connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        written = WRITE.match(statement)
        if written is not None:
            self._written.add(written.group(1))
        elif READ.match(statement) is None:
            self._unknown = True
