"""Course notes and what they serve, scoped to a workspace and a course.

A note keeps the facilitator's answer, the question(s) it answers (their words, never
who asked), the week and who wrote it. Authorship is the writer's: their erasure keeps
the note and drops the name. Learners who turned answers off are kept in their own table.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, String, Text, UniqueConstraint, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import TenantRef, UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.db import Database, retry_on_conflict
from bot.store.personal import USER, Anonymise, PersonalData, Retention, declare

MAX_ANSWER_CHARS = 3000
QUESTION_SEPARATOR = "\n"


class CourseNoteRow(TenantScoped, Base):
    __tablename__ = "course_notes"
    __table_args__ = (UniqueConstraint("platform", "tenant_id", "course_id", "number",
                                       name="uq_course_notes_number"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(Text)
    questions: Mapped[str] = mapped_column(Text)  # one per line
    week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    author_id: Mapped[str] = mapped_column(String(64))
    author_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(CourseNoteRow, PersonalData(
    title="Course notes you wrote as a facilitator",
    why="so the next learner who asks gets your answer; erasing you keeps the note without your name",
    mentions=(Anonymise("author_id", "author_name"),)))


class NoteServeRow(TenantScoped, Base):
    """One question a note answered (for the facilitators' figures); names no one."""

    __tablename__ = "note_serves"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64))
    note_id: Mapped[str] = mapped_column(String(32))
    served_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


declare(NoteServeRow, PersonalData.none("counts the questions notes answered, for `misses`",
                                        retention=Retention("served_at")))


class NotesOffRow(TenantScoped, Base):
    __tablename__ = "notes_off"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    since: Mapped[datetime] = mapped_column(UtcDateTime())


declare(NotesOffRow, PersonalData(
    title="That you turned off facilitators' answers to your questions",
    why="so we don't message you when a facilitator answers",
    owned=({"user_id": USER},)))


@dataclass(frozen=True)
class CourseNote:
    id: str
    number: int
    answer: str
    questions: tuple[str, ...]
    week: int | None
    author_id: str
    author_name: str
    created_at: datetime
    updated_at: datetime


def _note(row: CourseNoteRow) -> CourseNote:
    return CourseNote(row.id, row.number, row.answer, tuple(row.questions.split(QUESTION_SEPARATOR)),
                      row.week, row.author_id, row.author_name, row.created_at, row.updated_at)


class NoteRepository:
    def __init__(self, db: Database, course_id: str) -> None:
        self.db = db
        self.course_id = course_id

    def _of(self, tenant: TenantRef) -> tuple[ColumnElement[bool], ...]:
        return (CourseNoteRow.platform == tenant.platform.value, CourseNoteRow.tenant_id == tenant.id,
                CourseNoteRow.course_id == self.course_id)

    async def add(self, author: UserRef, answer: str, questions: tuple[str, ...], week: int | None,
                  now: datetime) -> CourseNote:
        """Numbered after the course's highest in this workspace; a number another writer
        took first is tried again (retry_on_conflict)."""
        return await retry_on_conflict(lambda: self._add(author, answer, questions, week, now))

    async def _add(self, author: UserRef, answer: str, questions: tuple[str, ...], week: int | None,
                   now: datetime) -> CourseNote:
        tenant = author.tenant
        async with self.db.session() as session:
            highest = await session.scalar(select(func.max(CourseNoteRow.number)).where(*self._of(tenant)))
            row = CourseNoteRow(
                platform=tenant.platform.value, tenant_id=tenant.id, id=uuid.uuid4().hex,
                course_id=self.course_id, number=(highest or 0) + 1, answer=answer[:MAX_ANSWER_CHARS],
                questions=QUESTION_SEPARATOR.join(" ".join(q.split()) for q in questions),
                week=week, author_id=author.id, author_name=author.label, created_at=now, updated_at=now)
            session.add(row)
            await session.flush()
            return _note(row)

    async def all(self, tenant: TenantRef) -> list[CourseNote]:
        async with self.db.session() as session:
            rows = await session.scalars(select(CourseNoteRow).where(*self._of(tenant))
                                         .order_by(CourseNoteRow.number))
            return [_note(r) for r in rows]

    async def revision(self, tenant: TenantRef) -> tuple[int, datetime | None, int]:
        """Changes whenever a note is added, edited or removed: (count, latest change, highest)."""
        async with self.db.session() as session:
            found = (await session.execute(select(
                func.count(), func.max(CourseNoteRow.updated_at), func.max(CourseNoteRow.number))
                .where(*self._of(tenant)))).one()
        return int(found[0]), found[1], int(found[2] or 0)

    async def edit(self, tenant: TenantRef, number: int, answer: str, now: datetime) -> CourseNote | None:
        async with self.db.session() as session:
            row = await session.scalar(select(CourseNoteRow).where(*self._of(tenant),
                                                                   CourseNoteRow.number == number))
            if row is None:
                return None
            row.answer, row.updated_at = answer[:MAX_ANSWER_CHARS], now
            return _note(row)

    async def remove(self, tenant: TenantRef, number: int) -> CourseNote | None:
        async with self.db.session() as session:
            row = await session.scalar(select(CourseNoteRow).where(*self._of(tenant),
                                                                   CourseNoteRow.number == number))
            if row is None:
                return None
            note = _note(row)
            await session.delete(row)
            return note

    async def served(self, tenant: TenantRef, note: CourseNote, now: datetime) -> None:
        async with self.db.session() as session:
            session.add(NoteServeRow(platform=tenant.platform.value, tenant_id=tenant.id, id=uuid.uuid4().hex,
                                     course_id=self.course_id, note_id=note.id, served_at=now))

    async def serves_since(self, tenant: TenantRef, since: datetime) -> int:
        async with self.db.session() as session:
            found = await session.scalar(select(func.count()).select_from(NoteServeRow).where(
                NoteServeRow.platform == tenant.platform.value, NoteServeRow.tenant_id == tenant.id,
                NoteServeRow.course_id == self.course_id, NoteServeRow.served_at >= since))
        return int(found or 0)


async def note_by_id(db: Database, tenant: TenantRef, note_id: str) -> CourseNote | None:
    async with db.session() as session:
        row = await session.get(CourseNoteRow, {"platform": tenant.platform.value, "tenant_id": tenant.id,
                                                "id": note_id})
        return _note(row) if row is not None else None


class NotesOff:
    """Learners who asked not to be told when a facilitator answers their question."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def set(self, user: UserRef, off: bool, now: datetime) -> None:
        key = {"platform": user.tenant.platform.value, "tenant_id": user.tenant.id, "user_id": user.id}
        async with self.db.session() as session:
            if not off:
                await session.execute(delete(NotesOffRow).where(
                    *(getattr(NotesOffRow, k) == v for k, v in key.items())))
            elif await session.get(NotesOffRow, key) is None:
                session.add(NotesOffRow(**key, since=now))

    async def is_off(self, tenant: TenantRef, user_id: str) -> bool:
        async with self.db.session() as session:
            return await session.get(NotesOffRow, {"platform": tenant.platform.value, "tenant_id": tenant.id,
                                                   "user_id": user_id}) is not None
