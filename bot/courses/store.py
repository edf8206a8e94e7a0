"""The course a learner chose to follow in direct messages (`course ID`)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import String, Table, delete
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_key
from bot.store.db import Database
from bot.store.personal import USER, PersonalData, declare
from bot.store.units import fetch


class CourseChoiceRow(TenantScoped, Base):
    __tablename__ = "course_choices"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64))
    chosen_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(CourseChoiceRow, PersonalData(
    title="The course you chose to follow",
    why="so direct messages answer about the course you picked with `course`",
    owned=({"user_id": USER},)))


class CourseChoiceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, user: UserRef) -> str | None:
        async with self.db.session() as session:
            row = await fetch(session, CourseChoiceRow, tenant_key(user.tenant, user_id=user.id))
            return row.course_id if row else None

    async def choose(self, user: UserRef, course_id: str, now: datetime) -> None:
        table = cast(Table, CourseChoiceRow.__table__)
        key = tenant_key(user.tenant, user_id=user.id)
        statement = self.db.insert(table).values(**key, course_id=course_id, chosen_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=list(table.primary_key.columns),
            set_={"course_id": course_id, "chosen_at": now})
        async with self.db.session() as session:
            await session.execute(statement)

    async def forget(self, user: UserRef) -> None:
        async with self.db.session() as session:
            key = tenant_key(user.tenant, user_id=user.id)
            await session.execute(delete(CourseChoiceRow).filter_by(**key))
