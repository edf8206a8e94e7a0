"""Questions the course did not answer, so facilitators can see what it leaves out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, Text, and_, select
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


class SearchMissRepository:
    """Misses of one course: a facilitator sees the gaps of the course their group follows."""

    def __init__(self, db: Database, course_id: str) -> None:
        self.db = db
        self.course_id = course_id

    async def record(self, message: Incoming, query: str, now: datetime) -> None:
        tenant = message.user.tenant
        async with self.db.session() as session:
            session.add(SearchMissRow(
                platform=tenant.platform.value, tenant_id=tenant.id, id=uuid.uuid4().hex,
                channel_id=message.channel.id, course_id=self.course_id, user_id=message.user.id,
                query=query[:MAX_QUERY_CHARS], created_at=now))

    async def recent(self, tenant: TenantRef, *, limit: int = 50,
                     channel_id: str | None = None) -> list[SearchMiss]:
        """The tenant's latest misses, newest first; one channel's when `channel_id` is given."""
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
        async with self.db.session() as session:
            rows = (await session.execute(statement)).all()
        return [SearchMiss(r.channel_id, r.user_id, r.query, r.created_at, name) for r, name in rows]
