"""Questions the course did not answer, so facilitators can see what it leaves out.

A question stays open until a facilitator answers it with a course note or dismisses it;
then `closed_at` is set (and `note_id`, for an answer). The row stays the asker's own
data (exported, deleted with them), and is what tells the outbox whom to tell.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Integer, String, Text, and_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Incoming, TenantRef
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.db import Database
from bot.store.groups import StudyGroupRow
from bot.store.personal import CHANNEL, USER, PersonalData, Retention, declare

MAX_QUERY_CHARS = 500


class SearchMissRow(TenantScoped, Base):
    __tablename__ = "search_misses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    course_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    # The asker's week when they asked (their group's, or where they moved to); None if unknown.
    week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # The course note that answered it; None while open, or when dismissed.
    note_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    # Where a question asked as a message in a channel can be answered (opaque platform
    # references); None for a DM, a slash command or a button.
    thread: Mapped[str | None] = mapped_column(String(64), nullable=True)
    message_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


declare(SearchMissRow, PersonalData(
    title="Questions you asked that the course didn't answer",
    why="so facilitators can see what the course leaves out",
    owned=({"user_id": USER},), group=({"channel_id": CHANNEL},), retention=Retention("created_at")))


@dataclass(frozen=True)
class SearchMiss:
    channel_id: str
    user_id: str
    query: str
    created_at: datetime
    # The study group whose channel it was asked in; None for a DM or any other channel,
    # which a facilitator is not shown.
    group_name: str | None = None
    id: str = ""
    week: int | None = None
    closed_at: datetime | None = None  # answered or dismissed
    # The message it was asked in, when that was a message in a channel (not a DM).
    thread: str | None = None
    message_id: str | None = None


class SearchMissRepository:
    """Misses of one course: a facilitator sees the gaps of the course their group follows."""

    def __init__(self, db: Database, course_id: str) -> None:
        self.db = db
        self.course_id = course_id

    async def record(self, message: Incoming, query: str, now: datetime, week: int | None = None) -> None:
        tenant = message.user.tenant
        async with self.db.session() as session:
            session.add(SearchMissRow(
                platform=tenant.platform.value, tenant_id=tenant.id, id=uuid.uuid4().hex,
                channel_id=message.channel.id, course_id=self.course_id, user_id=message.user.id,
                query=query[:MAX_QUERY_CHARS], created_at=now, week=week,
                **({} if message.channel.is_direct or message.message_id is None else
                   {"thread": message.channel.thread, "message_id": message.message_id})))

    async def recent(self, tenant: TenantRef, *, limit: int = 50, channel_id: str | None = None,
                     only_open: bool = False) -> list[SearchMiss]:
        """The tenant's latest misses, newest first; one channel's when `channel_id` is given,
        those nobody answered or dismissed yet with `only_open`."""
        group = and_(StudyGroupRow.platform == SearchMissRow.platform,
                     StudyGroupRow.tenant_id == SearchMissRow.tenant_id,
                     StudyGroupRow.channel_id == SearchMissRow.channel_id)
        statement = (select(SearchMissRow, StudyGroupRow.name).outerjoin(StudyGroupRow, group)
                     .where(SearchMissRow.platform == tenant.platform.value,
                            SearchMissRow.course_id == self.course_id,
                            SearchMissRow.tenant_id == tenant.id)
                     .order_by(SearchMissRow.created_at.desc()).limit(limit))
        if channel_id is not None:
            statement = statement.where(SearchMissRow.channel_id == channel_id)
        if only_open:
            statement = statement.where(SearchMissRow.closed_at.is_(None))
        async with self.db.session() as session:
            rows = (await session.execute(statement)).all()
        return [SearchMiss(r.channel_id, r.user_id, r.query, r.created_at, name, r.id, r.week, r.closed_at)
                for r, name in rows]

    async def close(self, tenant: TenantRef, ids: Sequence[str], now: datetime,
                    note_id: str | None = None) -> int:
        """Answer (with `note_id`) or dismiss the open misses among `ids`; how many closed."""
        async with self.db.session() as session:
            result = await session.execute(
                update(SearchMissRow).where(*self._of(tenant), SearchMissRow.id.in_(list(ids)),
                                            SearchMissRow.closed_at.is_(None))
                .values(closed_at=now, note_id=note_id))
        return int(getattr(result, "rowcount", 0) or 0)

    async def answer_waits(self, tenant: TenantRef, since: datetime) -> list[timedelta]:
        """How long each question answered since `since` waited for its note."""
        async with self.db.session() as session:
            rows = (await session.execute(select(SearchMissRow.created_at, SearchMissRow.closed_at).where(
                *self._of(tenant), SearchMissRow.note_id.is_not(None),
                SearchMissRow.closed_at >= since))).all()
        return [closed - asked for asked, closed in rows if closed is not None]

    def _of(self, tenant: TenantRef) -> tuple[ColumnElement[bool], ...]:
        return (SearchMissRow.platform == tenant.platform.value, SearchMissRow.tenant_id == tenant.id,
                SearchMissRow.course_id == self.course_id)


async def askers(db: Database, tenant: TenantRef, note_id: str) -> list[str]:
    """Who asked a question the note answered, each once (any course: a note's id is unique)."""
    async with db.session() as session:
        found = await session.scalars(select(SearchMissRow.user_id).distinct().where(
            SearchMissRow.platform == tenant.platform.value, SearchMissRow.tenant_id == tenant.id,
            SearchMissRow.note_id == note_id))
        return sorted(found)


async def asked(db: Database, tenant: TenantRef, note_id: str, user_id: str) -> SearchMiss | None:
    """The earliest question of `user_id` the note answered, if they still have one kept."""
    async with db.session() as session:
        row = await session.scalar(select(SearchMissRow).where(
            SearchMissRow.platform == tenant.platform.value, SearchMissRow.tenant_id == tenant.id,
            SearchMissRow.note_id == note_id, SearchMissRow.user_id == user_id)
            .order_by(SearchMissRow.created_at).limit(1))
    if row is None:
        return None
    return SearchMiss(row.channel_id, row.user_id, row.query, row.created_at, None, row.id, row.week,
                      row.closed_at, row.thread, row.message_id)
