"""Where each learner is in a course when they study at their own pace."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_key, utcnow
from bot.store.db import Database
from bot.store.personal import USER, PersonalData, declare


class LearnerProgress(TenantScoped, Base):
    __tablename__ = "learner_progress"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    week: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(LearnerProgress, PersonalData(
    title="Where you are in the course",
    why="so `week` picks up where you left off when you study at your own pace",
    owned=({"user_id": USER},)))


class ProgressRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def current_week(self, user: UserRef, course_id: str) -> int | None:
        async with self.db.session() as session:
            key = tenant_key(user.tenant, user_id=user.id, course_id=course_id)
            row = await session.get(LearnerProgress, key)
            return row.week if row else None

    async def set_week(self, user: UserRef, course_id: str, week: int) -> None:
        # One upsert: two messages from a new learner at once must not both INSERT.
        table = cast(Table, LearnerProgress.__table__)
        now = utcnow()
        key = tenant_key(user.tenant, user_id=user.id, course_id=course_id)
        statement = self.db.insert(table).values(**key, week=week, updated_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=list(table.primary_key.columns), set_={"week": week, "updated_at": now})
        async with self.db.session() as session:
            await session.execute(statement)
