"""Project canvases: a learner's own or a study group's, with every change kept.

A canvas is named by its owner and its course: a learner (tenant + user id) or a study
group (tenant + the channel it lives in), in one course; a learner has one canvas per
course. Each change bumps the canvas's revision in the same unit of
work; the revision numbers both new entries and history rows, so order is exact even
when two changes share a timestamp.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import cast

from sqlalchemy import Integer, String, Table, Text, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import ChannelRef, UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.db import Database
from bot.store.personal import CHANNEL, USER, Anonymise, Match, PersonalData, declare


class OwnerKind(StrEnum):
    LEARNER = "learner"
    GROUP = "group"


@dataclass(frozen=True)
class CanvasOwner:
    platform: str
    tenant_id: str
    kind: OwnerKind
    id: str
    course_id: str

    @staticmethod
    def learner(user: UserRef, course_id: str) -> CanvasOwner:
        return CanvasOwner(user.tenant.platform.value, user.tenant.id, OwnerKind.LEARNER, user.id,
                           course_id)

    @staticmethod
    def group(channel: ChannelRef, course_id: str) -> CanvasOwner:
        return CanvasOwner(channel.tenant.platform.value, channel.tenant.id, OwnerKind.GROUP,
                           channel.id, course_id)

    def key(self) -> dict[str, str]:
        return {"platform": self.platform, "tenant_id": self.tenant_id,
                "owner_kind": self.kind.value, "owner_id": self.id, "course_id": self.course_id}


@dataclass(frozen=True)
class Actor:
    """Who made a change; `facilitator` may change other people's group entries."""

    id: str
    name: str
    facilitator: bool = False

    @staticmethod
    def of(user: UserRef, *, facilitator: bool = False) -> Actor:
        return Actor(user.id, user.label, facilitator)


@dataclass(frozen=True)
class Entry:
    entry_no: int
    block_id: str
    text: str
    author_id: str
    author_name: str
    created_at: datetime


@dataclass(frozen=True)
class Change:
    revision: int
    actor_name: str
    action: str
    block_id: str | None
    before: str | None
    after: str | None
    at: datetime


class CanvasRow(TenantScoped, Base):
    __tablename__ = "canvases"

    owner_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CanvasEntryRow(TenantScoped, Base):
    __tablename__ = "canvas_entries"

    owner_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    block_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str] = mapped_column(String(64))
    author_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CanvasChangeRow(TenantScoped, Base):
    __tablename__ = "canvas_changes"

    owner_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    actor_id: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    block_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    before_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    after_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


# A learner's canvas is theirs; on a group canvas, what they wrote stays with the group
# and its author becomes "a former member" when they ask to be forgotten.
_LEARNER_CANVAS: Match = {"owner_kind": OwnerKind.LEARNER.value, "owner_id": USER}
_GROUP_CANVAS: Match = {"owner_kind": OwnerKind.GROUP.value, "owner_id": CHANNEL}
declare(CanvasRow, PersonalData(
    title="Your project canvas", why="your canvas in each course, with a revision count",
    owned=(_LEARNER_CANVAS,), group=(_GROUP_CANVAS,)))
declare(CanvasEntryRow, PersonalData(
    title="Your canvas entries, and group canvas entries you wrote",
    why="your canvas is yours alone; a group canvas shows who wrote each entry",
    owned=(_LEARNER_CANVAS,), mentions=(Anonymise("author_id", "author_name"),), group=(_GROUP_CANVAS,)))
declare(CanvasChangeRow, PersonalData(
    title="The history of your canvas, and changes you made to group canvases",
    why="so `canvas history` can show what changed, and who changed it",
    owned=(_LEARNER_CANVAS,), mentions=(Anonymise("actor_id", "actor_name"),), group=(_GROUP_CANVAS,)))


@dataclass(frozen=True)
class _Edit:
    """One change as it goes into the history table."""

    action: str
    block_id: str | None
    before: str | None
    after: str | None


Check = Callable[[list[Entry]], None]


class _NoEntry(Exception):
    """The entry to change is not there (any more)."""


class CanvasRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def entries(self, owner: CanvasOwner) -> list[Entry]:
        async with self.db.session() as session:
            return [_entry(row) for row in await _rows(session, owner)]

    async def add(self, owner: CanvasOwner, block_id: str, text: str, actor: Actor,
                  now: datetime, *, action: str = "add", check: Check | None = None) -> Entry:
        """Add an entry. `check` sees the entries as they are once this change holds the
        canvas, and may raise to refuse it, so limits hold with writers in other processes."""
        async with self.db.atomic() as session:
            revision = await _bump(session, owner, now)
            if check is not None:
                check([_entry(row) for row in await _rows(session, owner)])
            row = CanvasEntryRow(**owner.key(), entry_no=revision, block_id=block_id, text=text,
                                 author_id=actor.id, author_name=actor.name[:200],
                                 created_at=now, updated_at=now)
            session.add(row)
            _record(session, owner, revision, actor, now, _Edit(action, block_id, None, text))
            return _entry(row)

    async def edit(self, owner: CanvasOwner, entry_no: int, text: str, actor: Actor,
                   now: datetime, *, check: Check | None = None) -> Entry | None:
        """Replace an entry's text; `check` as in `add`. None if there is no such entry."""
        try:
            async with self.db.atomic() as session:
                revision = await _bump(session, owner, now)
                rows = await _rows(session, owner)
                row = next((r for r in rows if r.entry_no == entry_no), None)
                if row is None:
                    raise _NoEntry  # and the bump is rolled back
                if check is not None:
                    check([_entry(r) for r in rows])
                before, row.text, row.updated_at = row.text, text, now
                _record(session, owner, revision, actor, now, _Edit("edit", row.block_id, before, text))
                return _entry(row)
        except _NoEntry:
            return None

    async def remove(self, owner: CanvasOwner, entry_no: int, actor: Actor,
                     now: datetime) -> Entry | None:
        async with self.db.session() as session:
            row = await session.get(CanvasEntryRow, {**owner.key(), "entry_no": entry_no})
            if row is None:
                return None
            removed = _entry(row)
            await session.delete(row)
            revision = await _bump(session, owner, now)
            _record(session, owner, revision, actor, now,
                    _Edit("remove", removed.block_id, removed.text, None))
            return removed

    async def clear(self, owner: CanvasOwner, actor: Actor, now: datetime) -> int:
        """Delete every entry; the history keeps what each one said."""
        async with self.db.session() as session:
            rows = list(await session.scalars(select(CanvasEntryRow).filter_by(**owner.key())))
            if not rows:
                return 0
            await session.execute(delete(CanvasEntryRow).filter_by(**owner.key()))
            revision = await _bump(session, owner, now)
            summary = "\n".join(f"{row.block_id}: {row.text}" for row in rows)
            _record(session, owner, revision, actor, now, _Edit("clear", None, summary, None))
            return len(rows)

    async def history(self, owner: CanvasOwner, limit: int) -> list[Change]:
        """The latest `limit` changes, newest first."""
        async with self.db.session() as session:
            rows = await session.scalars(
                select(CanvasChangeRow).filter_by(**owner.key())
                .order_by(CanvasChangeRow.revision.desc()).limit(limit))
            return [Change(row.revision, row.actor_name, row.action, row.block_id,
                           row.before_text, row.after_text, row.at) for row in rows]


async def _rows(session: AsyncSession, owner: CanvasOwner) -> list[CanvasEntryRow]:
    """The canvas's entries in order, read afresh (a change may have landed since)."""
    rows = await session.scalars(
        select(CanvasEntryRow).filter_by(**owner.key()).order_by(CanvasEntryRow.entry_no)
        .execution_options(populate_existing=True))
    return list(rows)


async def _bump(session: AsyncSession, owner: CanvasOwner, now: datetime) -> int:
    """The canvas's next revision; one atomic upsert, so replicas never share one, even
    when two changes create the same canvas at once (an INSERT would fail on PostgreSQL).
    It also holds the canvas until the change commits (the row lock on PostgreSQL, the
    write lock on SQLite), so what the change reads after it is what it writes onto."""
    table = cast(Table, CanvasRow.__table__)
    insert = sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert
    statement = (insert(table).values(**owner.key(), revision=1, created_at=now, updated_at=now)
                 .on_conflict_do_update(index_elements=list(table.primary_key.columns),
                                        set_={"revision": table.c.revision + 1, "updated_at": now})
                 .returning(table.c.revision))
    revision: int = (await session.execute(statement)).scalar_one()
    return revision


def _record(session: AsyncSession, owner: CanvasOwner, revision: int, actor: Actor,
            now: datetime, edit: _Edit) -> None:
    session.add(CanvasChangeRow(
        **owner.key(), revision=revision, actor_id=actor.id, actor_name=actor.name[:200],
        action=edit.action, block_id=edit.block_id, before_text=edit.before,
        after_text=edit.after, at=now))


def _entry(row: CanvasEntryRow) -> Entry:
    return Entry(row.entry_no, row.block_id, row.text, row.author_id, row.author_name,
                 row.created_at)
