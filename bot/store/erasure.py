"""Rows about one person (or one study group) in every table, as the tables declare.

The tables say what they keep (bot.store.personal); this module only reads those
declarations, so no function here knows any table by name. Each request is one unit
of work: an erasure either happens in every table or in none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, MetaData, Table, and_, delete, false, not_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import TenantRef, UserRef
from bot.store.base import Base
from bot.store.db import Database
from bot.store.personal import (
    CHANNEL,
    FORMER_MEMBER_ID,
    FORMER_MEMBER_NAME,
    USER,
    Match,
    PersonalData,
    Placeholder,
    declarations,
)

MIN_NAME_CHARS = 3  # shorter display names would match unrelated text


@dataclass(frozen=True)
class TableRows:
    """One table's rows about a person, ready to export (secret columns left out)."""

    table: str
    title: str
    why: str
    rows: tuple[dict[str, Any], ...]


class PersonalRows:
    def __init__(self, db: Database, metadata: MetaData = Base.metadata) -> None:
        self.db = db
        self.metadata = metadata

    def kept(self) -> list[tuple[str, PersonalData]]:
        """What each table keeps about people, for `privacy`."""
        return [(t.name, spec) for t, spec in declarations(self.metadata) if spec.about_people]

    async def collect(self, user: UserRef) -> list[TableRows]:
        """The person's own rows first, then rows that name them."""
        found = []
        about_people = [(t, spec) for t, spec in declarations(self.metadata) if spec.about_people]
        async with self.db.session() as session:
            for table, spec in sorted(about_people, key=lambda pair: not pair[1].owned):
                result = await session.execute(select(table).where(*_tenant(table, user.tenant),
                                                                   _about(table, spec, user)))
                rows = tuple(_exported(dict(row._mapping), spec) for row in result)
                if rows:
                    found.append(TableRows(table.name, spec.title, spec.why, rows))
        return found

    async def erase(self, user: UserRef) -> dict[str, int]:
        """Delete what is the person's; anonymise what names them. Rows changed, by table."""
        changed: dict[str, int] = {}
        async with self.db.session() as session:
            for table, spec in reversed(list(declarations(self.metadata))):
                if not spec.about_people:
                    continue
                count = await _erase_in(session, table, spec, user)
                if count:
                    changed[table.name] = count
        return changed

    async def remove_group(self, tenant: TenantRef, channel_id: str) -> dict[str, int]:
        """Delete every row of the study group in `channel_id`. Rows deleted, by table."""
        removed: dict[str, int] = {}
        async with self.db.session() as session:
            for table, spec in reversed(list(declarations(self.metadata))):
                if not spec.group:
                    continue
                condition = or_(*(_matches(table, m, channel=channel_id) for m in spec.group))
                count = _count(await session.execute(
                    delete(table).where(*_tenant(table, tenant), condition)))
                if count:
                    removed[table.name] = count
        return removed

    async def expire(self, before: datetime) -> dict[str, int]:
        """Delete log rows written before `before` (every tenant). Rows deleted, by table."""
        expired: dict[str, int] = {}
        async with self.db.session() as session:
            for table, spec in declarations(self.metadata):
                if spec.retention is None:
                    continue
                condition: list[ColumnElement[bool]] = [table.c[spec.retention.column] < before]
                if spec.retention.keep:
                    condition.append(not_(_matches(table, spec.retention.keep)))
                count = _count(await session.execute(delete(table).where(*condition)))
                if count:
                    expired[table.name] = count
        return expired


async def _erase_in(session: AsyncSession, table: Table, spec: PersonalData, user: UserRef) -> int:
    tenant = _tenant(table, user.tenant)
    count = 0
    if spec.owned:
        condition = or_(*(_matches(table, m, user=user.id) for m in spec.owned))
        count += _count(await session.execute(delete(table).where(*tenant, condition)))
    if spec.containing:
        count += _count(await session.execute(delete(table).where(*tenant, _containing(table, spec, user))))
    for anonymise in spec.mentions:
        values = {anonymise.id_column: FORMER_MEMBER_ID}
        if anonymise.name_column:
            values[anonymise.name_column] = FORMER_MEMBER_NAME
        count += _count(await session.execute(
            update(table).where(*tenant, table.c[anonymise.id_column] == user.id).values(values)))
    if spec.custom is not None:
        count += await spec.custom(session, table, user)
    return count


def _about(table: Table, spec: PersonalData, user: UserRef) -> ColumnElement[bool]:
    conditions = [_matches(table, m, user=user.id) for m in spec.owned]
    conditions += [table.c[a.id_column] == user.id for a in spec.mentions]
    if spec.containing:
        conditions.append(_containing(table, spec, user))
    return or_(false(), *conditions)


def _containing(table: Table, spec: PersonalData, user: UserRef) -> ColumnElement[bool]:
    needles = [user.id, *([user.display_name] if len(user.display_name) >= MIN_NAME_CHARS else [])]
    return or_(false(), *(table.c[column].contains(needle, autoescape=True)
                          for column in spec.containing for needle in needles if needle))


def _matches(table: Table, match: Match, *, user: str | None = None,
             channel: str | None = None) -> ColumnElement[bool]:
    values = {USER: user, CHANNEL: channel}
    conditions = []
    for column, wanted in match.items():
        value = values[wanted] if isinstance(wanted, Placeholder) else wanted
        if value is None:
            raise ValueError(f"{table.name}.{column}: no value for {wanted}")
        conditions.append(table.c[column] == value)
    return and_(*conditions)


def _tenant(table: Table, tenant: TenantRef) -> Sequence[ColumnElement[bool]]:
    return (table.c.platform == tenant.platform.value, table.c.tenant_id == tenant.id)


def _exported(row: dict[str, Any], spec: PersonalData) -> dict[str, Any]:
    hidden = {"platform", "tenant_id", *spec.secret}
    return {key: value for key, value in row.items() if key not in hidden}


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
