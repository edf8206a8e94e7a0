"""Reminders and prompts as rows: the database, not APScheduler, says what is scheduled.

Each row keeps a `watermark` (every occurrence at or before it has been handled: claimed,
skipped, or was before the row existed) and `next_due_at` (the first occurrence after
the watermark), so finding what is due is one indexed query however many groups exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Index,
    Integer,
    Result,
    String,
    Table,
    Text,
    UniqueConstraint,
    Update,
    bindparam,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Platform, TenantRef
from bot.schedule.triggers import Once, Trigger, Weekly, WeekStart
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_key
from bot.store.db import Database, retry_on_conflict
from bot.store.groups import StudyGroup, StudyGroupRow, group_from_row
from bot.store.personal import CHANNEL, Anonymise, PersonalData, declare

REMINDER_NUMBER = 0  # one weekly reminder per group; prompts are numbered from 1


class Kind(StrEnum):
    REMINDER = "reminder"
    PROMPT = "prompt"
    # A live session's DM reminder (and cancellation notice) to those who said they'd come;
    # the row's id is the session's, its number minus the session's (see bot.sessions.store).
    SESSION = "session"
    # A course note's DM to each learner whose question it answered; the row's id is the
    # note's, its number NOTE_NUMBERS below the note's (see bot.notes.audience).
    NOTE = "note"


CHANNEL_KINDS = (Kind.REMINDER, Kind.PROMPT)  # what is posted in the group's channel


class Status(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    OFF = "off"  # a reminder turned off, a prompt cancelled


class ScheduleRow(TenantScoped, Base):
    __tablename__ = "schedules"
    __table_args__ = (
        UniqueConstraint("platform", "tenant_id", "channel_id", "number", name="uq_schedules_number"),
        Index("ix_schedules_due", "status", "next_due_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(String(16))
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at_time: Mapped[str | None] = mapped_column(String(5), nullable=True)
    week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at_utc: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # A weekly series runs on these local dates only (both included); see triggers.Weekly.
    first_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    # A facilitator chose the end (`until:`), so a new start date leaves it alone.
    until_set: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text, default="")
    # "course" for prompts queued from the course pack; "" for a facilitator's own words.
    source: Mapped[str] = mapped_column(String(32), default="")
    watermark: Mapped[datetime] = mapped_column(UtcDateTime())
    next_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(ScheduleRow, PersonalData(
    title="Reminders and prompts you scheduled for a group",
    why="so each is posted to the group at its time; its text stays with the group",
    mentions=(Anonymise("created_by"),), group=({"channel_id": CHANNEL},)))


@dataclass(frozen=True)
class Schedule:
    tenant: TenantRef
    id: str
    channel_id: str
    number: int
    kind: Kind
    status: Status
    trigger: Trigger
    text: str
    source: str
    watermark: datetime
    next_due_at: datetime | None
    until_set: bool = False

    @property
    def from_course(self) -> bool:
        return self.source == "course"


def new_schedule(group: StudyGroup, kind: Kind, trigger: Trigger, now: datetime,
                 text: str = "", source: str = "") -> Schedule:
    """A schedule whose occurrences start at `now` (see planner.with_next_due)."""
    return Schedule(tenant=group.tenant, id=uuid.uuid4().hex, channel_id=group.channel_id,
                    number=REMINDER_NUMBER if kind is Kind.REMINDER else -1, kind=kind,
                    status=Status.ACTIVE, trigger=trigger, text=text, source=source,
                    watermark=now - timedelta(microseconds=1), next_due_at=None)


class ScheduleRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, schedule: Schedule, by: str, now: datetime) -> Schedule:
        """Insert; a prompt gets the group's next number. Returns it as stored."""
        if schedule.kind is Kind.PROMPT:  # another writer may take the same number first
            return await retry_on_conflict(lambda: self._add(schedule, by, now))
        return await self._add(schedule, by, now)

    async def _add(self, schedule: Schedule, by: str, now: datetime) -> Schedule:
        async with self.db.session() as session:
            number = schedule.number
            if schedule.kind is Kind.PROMPT:
                highest = await session.scalar(select(func.max(ScheduleRow.number)).where(
                    *_group_filter(schedule.tenant, schedule.channel_id),
                    ScheduleRow.kind == Kind.PROMPT.value))
                number = (highest or 0) + 1
            stored = replace(schedule, number=number)
            row = ScheduleRow(platform=stored.tenant.platform.value, tenant_id=stored.tenant.id,
                              id=stored.id, created_by=by)
            _copy_into(row, stored, now)
            session.add(row)
            return stored

    async def update(self, schedule: Schedule, now: datetime) -> None:
        async with self.db.session() as session:
            row = await session.get(ScheduleRow, tenant_key(schedule.tenant, id=schedule.id))
            if row is not None:
                _copy_into(row, schedule, now)

    async def get(self, tenant: TenantRef, schedule_id: str) -> Schedule | None:
        async with self.db.session() as session:
            row = await session.get(ScheduleRow, tenant_key(tenant, id=schedule_id))
            return schedule_from_row(row) if row else None

    async def reminder(self, group: StudyGroup) -> Schedule | None:
        return await self._one(group, Kind.REMINDER, REMINDER_NUMBER)

    async def prompt(self, group: StudyGroup, number: int) -> Schedule | None:
        return await self._one(group, Kind.PROMPT, number)

    async def _one(self, group: StudyGroup, kind: Kind, number: int) -> Schedule | None:
        async with self.db.session() as session:
            row = await session.scalar(select(ScheduleRow).where(
                *_group_filter(group.tenant, group.channel_id),
                ScheduleRow.number == number, ScheduleRow.kind == kind.value))
            return schedule_from_row(row) if row else None

    async def of_group(self, group: StudyGroup, kind: Kind | None = None,
                       kinds: Collection[Kind] | None = None) -> list[Schedule]:
        query = select(ScheduleRow).where(*_group_filter(group.tenant, group.channel_id))
        if kind is not None:
            query = query.where(ScheduleRow.kind == kind.value)
        if kinds is not None:
            query = query.where(ScheduleRow.kind.in_([k.value for k in kinds]))
        async with self.db.session() as session:
            rows = await session.scalars(query.order_by(ScheduleRow.number))
            return [schedule_from_row(r) for r in rows]

    async def due(self, now: datetime, limit: int, only: Collection[str] | None = None,
                  platforms: Collection[str] | None = None, *,
                  session: AsyncSession | None = None) -> list[tuple[Schedule, StudyGroup]]:
        """Active schedules with an occurrence at or before `now`, with their groups.

        Given the caller's `session`, the rows stay locked until it ends, and rows another
        transaction holds are passed over (PostgreSQL's SKIP LOCKED; on SQLite a claim
        holds the file's write lock while it reads, see DeliveryRepository.claim_due), so
        replicas claiming at once each take different rows.
        """
        # Plain rows, not ORM objects: a claim reads a few hundred of these at a time, many
        # times a second during a fan-out, and needs no identity map for them.
        schedules, groups = cast(Table, ScheduleRow.__table__), cast(Table, StudyGroupRow.__table__)
        query = (select(*schedules.c, *(groups.c[name] for name in _GROUP_ONLY))
                 .join(groups, (groups.c.platform == schedules.c.platform)
                       & (groups.c.tenant_id == schedules.c.tenant_id)
                       & (groups.c.channel_id == schedules.c.channel_id))
                 .where(schedules.c.status == Status.ACTIVE.value, schedules.c.next_due_at <= now)
                 .order_by(schedules.c.next_due_at).limit(limit))
        if only is not None:
            query = query.where(schedules.c.id.in_(list(only)))
        if platforms is not None:
            query = query.where(schedules.c.platform.in_(list(platforms)))
        if session is not None:
            return _joined(await session.execute(
                query.with_for_update(of=schedules, skip_locked=True)))
        async with self.db.session() as own:
            return _joined(await own.execute(query))

    async def active_with_groups(self) -> list[tuple[Schedule, StudyGroup]]:
        """Every active schedule that still has an occurrence ahead (to build jobs from)."""
        query = (select(ScheduleRow, StudyGroupRow)
                 .join(StudyGroupRow, (StudyGroupRow.platform == ScheduleRow.platform)
                       & (StudyGroupRow.tenant_id == ScheduleRow.tenant_id)
                       & (StudyGroupRow.channel_id == ScheduleRow.channel_id))
                 .where(ScheduleRow.status == Status.ACTIVE.value,
                        ScheduleRow.next_due_at.is_not(None)))
        async with self.db.session() as session:
            rows = (await session.execute(query)).all()
            return [(schedule_from_row(s), group_from_row(g)) for s, g in rows]

    async def by_ids(self, keys: Sequence[tuple[TenantRef, str]]) -> dict[str, tuple[Schedule, StudyGroup]]:
        ids = sorted({schedule_id for _, schedule_id in keys})
        query = (select(ScheduleRow, StudyGroupRow)
                 .join(StudyGroupRow, (StudyGroupRow.platform == ScheduleRow.platform)
                       & (StudyGroupRow.tenant_id == ScheduleRow.tenant_id)
                       & (StudyGroupRow.channel_id == ScheduleRow.channel_id))
                 .where(ScheduleRow.id.in_(ids)))
        async with self.db.session() as session:
            rows = (await session.execute(query)).all()
            return {s.id: (schedule_from_row(s), group_from_row(g)) for s, g in rows}


# What a group row adds to a schedule row (their other columns are the join's, or unused).
_GROUP_ONLY = ("name", "course_id", "start_date", "timezone")


def _joined(result: Result[Any]) -> list[tuple[Schedule, StudyGroup]]:
    """(schedule, group) from rows holding a schedule's columns and its group's."""
    rows = cast(list[Any], result.all())
    return [(schedule_from_row(row), group_from_row(row)) for row in rows]


def advance_statement() -> Update:
    """UPDATE moving one schedule's watermark and next_due_at forward (for executemany)."""
    table = cast(Table, ScheduleRow.__table__)
    return (update(table)
            .where(table.c.platform == bindparam("k_platform"),
                   table.c.tenant_id == bindparam("k_tenant_id"),
                   table.c.id == bindparam("k_id"),
                   table.c.watermark < bindparam("watermark"))
            .values(watermark=bindparam("watermark"), next_due_at=bindparam("next_due_at")))


def schedule_from_row(row: ScheduleRow) -> Schedule:
    return Schedule(
        tenant=TenantRef(Platform(row.platform), row.tenant_id), id=row.id,
        channel_id=row.channel_id, number=row.number, kind=Kind(row.kind),
        status=Status(row.status), trigger=_trigger_from_row(row), text=row.text,
        source=row.source, watermark=row.watermark, next_due_at=row.next_due_at,
        until_set=bool(row.until_set))


def _copy_into(row: ScheduleRow, schedule: Schedule, now: datetime) -> None:
    row.channel_id, row.number = schedule.channel_id, schedule.number
    row.kind, row.status = schedule.kind.value, schedule.status.value
    row.weekday = row.at_time = row.week = row.at_utc = row.first_day = row.last_day = None
    row.until_set = schedule.until_set
    match schedule.trigger:
        case Weekly(weekday=weekday, at=at, first=first, last=last):
            row.trigger, row.weekday, row.at_time = "weekly", weekday, f"{at:%H:%M}"
            row.first_day, row.last_day = first, last
        case WeekStart(week=week, at=at):
            row.trigger, row.week, row.at_time = "week_start", week, f"{at:%H:%M}"
        case Once(at=at):
            row.trigger, row.at_utc = "once", at
    row.text, row.source = schedule.text, schedule.source
    row.watermark, row.next_due_at, row.updated_at = schedule.watermark, schedule.next_due_at, now


def _trigger_from_row(row: ScheduleRow) -> Trigger:
    if row.trigger == "weekly" and row.weekday is not None and row.at_time:
        return Weekly(row.weekday, time.fromisoformat(row.at_time), row.first_day, row.last_day)
    if row.trigger == "week_start" and row.week is not None and row.at_time:
        return WeekStart(row.week, time.fromisoformat(row.at_time))
    if row.trigger == "once" and row.at_utc is not None:
        return Once(row.at_utc)
    raise ValueError(f"schedule {row.id} has an unreadable trigger {row.trigger!r}")


def _group_filter(tenant: TenantRef, channel_id: str) -> tuple[ColumnElement[bool], ...]:
    return (ScheduleRow.platform == tenant.platform.value, ScheduleRow.tenant_id == tenant.id,
            ScheduleRow.channel_id == channel_id)
