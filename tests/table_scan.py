"""Reads every table the schema knows, so checks cover tables added after they were written.

Slack's and Discord's tables live beside their adapters; importing them here puts them
on Base.metadata too, so a scan covers them whether or not the test touched either.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import String, Table, Text, select, tuple_

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


async def snapshot(db: Database,
                   tenants: Collection[TenantRef]) -> dict[TenantRef, frozenset[tuple[str, str]]]:
    """Each tenant's rows in every tenant-scoped table, as comparable values."""
    taken: dict[TenantRef, set[tuple[str, str]]] = {t: set() for t in tenants}
    by_key = {(t.platform.value, t.id): t for t in tenants}
    for table in all_tables():
        if not tenant_scoped(table):
            continue
        for row in await rows(db, table, tenants):
            owner = by_key[(row["platform"], row["tenant_id"])]
            taken[owner].add((table.name, repr(sorted(row.items()))))
    return {t: frozenset(v) for t, v in taken.items()}
