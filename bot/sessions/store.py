"""Live study sessions of a group, and who said they'd come (RSVPs)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Platform, TenantRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_filter, tenant_key
from bot.store.db import Database, retry_on_conflict
from bot.store.groups import StudyGroup
from bot.store.personal import CHANNEL, USER, Anonymise, PersonalData, declare


class Answer(StrEnum):
    GOING = "going"
    MAYBE = "maybe"
    CANT = "cant"


COMING = (Answer.GOING, Answer.MAYBE)  # those reminded, and told of a cancellation


class SessionRow(TenantScoped, Base):
    __tablename__ = "study_sessions"
    __table_args__ = (UniqueConstraint("platform", "tenant_id", "channel_id", "number",
                                       name="uq_study_sessions_number"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    minutes: Mapped[int] = mapped_column(Integer)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RsvpRow(TenantScoped, Base):
    __tablename__ = "session_rsvps"

    session_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120), default="")
    answer: Mapped[str] = mapped_column(String(8))
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(SessionRow, PersonalData(
    title="Live study sessions you scheduled for a group",
    why="so the group sees them and those coming are reminded; the session stays with the group",
    mentions=(Anonymise("created_by"),), group=({"channel_id": CHANNEL},)))
declare(RsvpRow, PersonalData(
    title="Your answers to live study sessions (going, maybe, can't)",
    why="so the group sees who is coming, and you get a reminder before it starts",
    owned=({"user_id": USER},), group=({"channel_id": CHANNEL},)))


@dataclass(frozen=True)
class StudySession:
    tenant: TenantRef
    id: str
    channel_id: str
    number: int
    title: str
    place: str
    starts_at: datetime
    minutes: int
    cancelled_at: datetime | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


@dataclass(frozen=True)
class Rsvp:
    user_id: str
    name: str
    answer: Answer


def new_session(group: StudyGroup, title: str, place: str, starts_at: datetime,
                minutes: int) -> StudySession:
    return StudySession(group.tenant, uuid.uuid4().hex, group.channel_id, -1, title, place,
                        starts_at, minutes)


class SessionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, sessions: Sequence[StudySession], by: str, now: datetime) -> list[StudySession]:
        """Insert, numbering each from the group's highest; returns them as stored.

        All or none: another writer may take the same numbers first, and then the whole
        series is numbered again (see retry_on_conflict)."""
        return await retry_on_conflict(lambda: self._add(sessions, by, now))

    async def _add(self, sessions: Sequence[StudySession], by: str, now: datetime) -> list[StudySession]:
        stored: list[StudySession] = []
        async with self.db.session() as session:
            for item in sessions:
                highest = await session.scalar(select(func.max(SessionRow.number)).where(
                    *_group_filter(item.tenant, item.channel_id)))
                numbered = replace(item, number=(highest or 0) + 1)
                row = SessionRow(platform=item.tenant.platform.value, tenant_id=item.tenant.id,
                                 id=item.id, created_by=by)
                _copy_into(row, numbered, now)
                session.add(row)
                await session.flush()
                stored.append(numbered)
        return stored

    async def update(self, item: StudySession, now: datetime) -> None:
        async with self.db.session() as session:
            row = await session.get(SessionRow, tenant_key(item.tenant, id=item.id))
            if row is not None:
                _copy_into(row, item, now)

    async def get(self, tenant: TenantRef, session_id: str) -> StudySession | None:
        async with self.db.session() as session:
            row = await session.get(SessionRow, tenant_key(tenant, id=session_id))
            return _session(row) if row else None

    async def with_answer(self, tenant: TenantRef, session_id: str,
                          user_id: str) -> tuple[StudySession | None, Answer | None]:
        """A session and one person's answer to it, by key (what a reminder checks)."""
        async with self.db.session() as session:
            row = await session.get(SessionRow, tenant_key(tenant, id=session_id))
            rsvp = await session.get(RsvpRow, tenant_key(tenant, session_id=session_id, user_id=user_id))
            return (_session(row) if row else None), (Answer(rsvp.answer) if rsvp else None)

    async def numbered(self, group: StudyGroup, number: int) -> StudySession | None:
        async with self.db.session() as session:
            row = await session.scalar(select(SessionRow).where(
                *_group_filter(group.tenant, group.channel_id), SessionRow.number == number))
            return _session(row) if row else None

    async def of_group(self, group: StudyGroup, after: datetime | None = None) -> list[StudySession]:
        """The group's sessions (ending after `after`, if given), soonest first."""
        # Plain columns, not ORM objects: the calendar feed reads every session on every
        # request (see bot.calendar.cache), and rows are several times cheaper.
        query = select(SessionRow.id, SessionRow.number, SessionRow.title, SessionRow.place,
                       SessionRow.starts_at, SessionRow.minutes, SessionRow.cancelled_at).where(
            *_group_filter(group.tenant, group.channel_id))
        async with self.db.session() as session:
            rows = await session.execute(query.order_by(SessionRow.starts_at, SessionRow.number))
            found = [StudySession(group.tenant, key, group.channel_id, number, title, place, starts, minutes,
                                  cancelled)
                     for key, number, title, place, starts, minutes, cancelled in rows]
        if after is None:
            return found
        return [s for s in found if s.starts_at.timestamp() + 60 * s.minutes > after.timestamp()]

    async def answer(self, item: StudySession, user_id: str, name: str, answer: Answer,
                     now: datetime) -> None:
        key = tenant_key(item.tenant, session_id=item.id, user_id=user_id)
        async with self.db.session() as session:
            row = await session.get(RsvpRow, key)
            if row is None:
                row = RsvpRow(**key, channel_id=item.channel_id)
                session.add(row)
            row.name, row.answer, row.answered_at = name[:120], answer.value, now

    async def answers(self, item: StudySession) -> list[Rsvp]:
        async with self.db.session() as session:
            rows = await session.scalars(select(RsvpRow).where(
                *tenant_filter(RsvpRow, item.tenant),
                RsvpRow.session_id == item.id).order_by(RsvpRow.answered_at))
            return [Rsvp(r.user_id, r.name, Answer(r.answer)) for r in rows]

    async def coming(self, tenant: TenantRef, session_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """For each session, the ids of those who said going or maybe."""
        found: dict[str, list[str]] = {session_id: [] for session_id in session_ids}
        if not session_ids:
            return {}
        async with self.db.session() as session:
            rows = await session.execute(select(RsvpRow.session_id, RsvpRow.user_id).where(
                *tenant_filter(RsvpRow, tenant),
                RsvpRow.session_id.in_(list(session_ids)),
                RsvpRow.answer.in_([a.value for a in COMING])).order_by(RsvpRow.user_id))
            for session_id, user_id in rows.all():
                found[session_id].append(user_id)
        return {session_id: tuple(users) for session_id, users in found.items()}


def _copy_into(row: SessionRow, item: StudySession, now: datetime) -> None:
    row.channel_id, row.number, row.title, row.place = item.channel_id, item.number, item.title, item.place
    row.starts_at, row.minutes, row.cancelled_at = item.starts_at, item.minutes, item.cancelled_at
    row.updated_at = now


def _session(row: SessionRow) -> StudySession:
    return StudySession(TenantRef(Platform(row.platform), row.tenant_id), row.id, row.channel_id,
                        row.number, row.title, row.place, row.starts_at, row.minutes, row.cancelled_at)


def _group_filter(tenant: TenantRef, channel_id: str) -> tuple[ColumnElement[bool], ...]:
    return (*tenant_filter(SessionRow, tenant),
            SessionRow.channel_id == channel_id)
