"""A learner's notes in the project ideas template, filed under a week's section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Integer, String, Table, Text, func, insert, literal, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_key
from bot.store.db import Database, retry_on_conflict
from bot.store.personal import USER, PersonalData, declare


@dataclass(frozen=True)
class Note:
    number: int
    week: int
    text: str
    created_at: datetime
    # The canvas block the note was promoted into, if it was.
    promoted_to: str | None = None


class IdeaNoteRow(TenantScoped, Base):
    __tablename__ = "idea_notes"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    note_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    week: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    promoted_to: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(IdeaNoteRow, PersonalData(
    title="Your project idea notes",
    why="they are your notes, filed by week",
    owned=({"user_id": USER},)))


class IdeasRepository:
    """One learner's notes in one course: every query is scoped to `course_id`."""

    def __init__(self, db: Database, course_id: str) -> None:
        self.db = db
        self.course_id = course_id

    def _owner(self, user: UserRef) -> dict[str, str]:
        return tenant_key(user.tenant, user_id=user.id, course_id=self.course_id)

    async def add(self, user: UserRef, week: int, text: str, now: datetime,
                  most: int | None = None) -> Note | None:
        """Add a note with the next number; None if the learner already has `most` notes.

        Counting, numbering and inserting are one statement, so another process adding
        at the same moment cannot push the count past `most`; if it takes the same
        number first, this tries again with a fresh one.
        """
        return await retry_on_conflict(lambda: self._add(user, week, text, now, most))

    async def _add(self, user: UserRef, week: int, text: str, now: datetime,
                   most: int | None) -> Note | None:
        table = cast(Table, IdeaNoteRow.__table__)
        owned = [table.c[name] == value for name, value in self._owner(user).items()]
        next_no = select(func.coalesce(func.max(table.c.note_no), 0) + 1).where(*owned)
        row = select(*(literal(value, table.c[name].type) for name, value in self._owner(user).items()),
                     next_no.scalar_subquery(), literal(week), literal(text),
                     literal(now, table.c.created_at.type))
        if most is not None:
            row = row.where(select(func.count()).where(*owned).scalar_subquery() < most)
        columns = [*self._owner(user), "note_no", "week", "text", "created_at"]
        statement = insert(table).from_select(columns, row).returning(table.c.note_no)
        async with self.db.session() as session:
            number = (await session.execute(statement)).scalar()
        return None if number is None else Note(number, week, text, now)

    async def notes(self, user: UserRef, week: int | None = None) -> list[Note]:
        async with self.db.session() as session:
            query = select(IdeaNoteRow).filter_by(**self._owner(user))
            if week is not None:
                query = query.filter_by(week=week)
            rows = await session.scalars(query.order_by(IdeaNoteRow.week, IdeaNoteRow.note_no))
            return [_note(row) for row in rows]

    async def get(self, user: UserRef, number: int) -> Note | None:
        async with self.db.session() as session:
            row = await session.get(IdeaNoteRow, {**self._owner(user), "note_no": number})
            return _note(row) if row else None

    async def remove(self, user: UserRef, number: int) -> Note | None:
        async with self.db.session() as session:
            row = await session.get(IdeaNoteRow, {**self._owner(user), "note_no": number})
            if row is None:
                return None
            await session.delete(row)
            return _note(row)

    async def mark_promoted(self, user: UserRef, number: int, block_id: str) -> None:
        async with self.db.session() as session:
            row = await session.get(IdeaNoteRow, {**self._owner(user), "note_no": number})
            if row is not None:
                row.promoted_to = block_id


def _note(row: IdeaNoteRow) -> Note:
    return Note(row.note_no, row.week, row.text, row.created_at, row.promoted_to)
