"""A learner's quiz settings in one course: the daily nudge opt-in and their own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.quiz.store import Learner
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.db import Database
from bot.store.personal import USER, PersonalData, declare


class QuizLearnerRow(TenantScoped, Base):
    __tablename__ = "quiz_learners"

    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    remind: Mapped[bool] = mapped_column(Boolean, default=False)
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Where a nudge reaches them: the direct conversation they opted in from, if they did.
    dm_channel: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(QuizLearnerRow, PersonalData(
    title="Your quiz settings",
    why="whether you asked for review nudges (and where to send them), and your quiz time zone",
    owned=({"user_id": USER},)))


@dataclass(frozen=True)
class QuizPrefs:
    remind: bool = False
    timezone: str | None = None


class QuizLearnerRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, learner: Learner) -> QuizPrefs:
        async with self.db.session() as session:
            row = await session.get(QuizLearnerRow, learner.key())
            return QuizPrefs(row.remind, row.timezone) if row else QuizPrefs()

    async def set_remind(self, learner: Learner, remind: bool, now: datetime,
                         dm_channel: str | None = None) -> None:
        async with self.db.session() as session:
            row = await self._row(session, learner, now)
            row.remind, row.updated_at = remind, now
            row.dm_channel = dm_channel or row.dm_channel

    async def set_timezone(self, learner: Learner, zone: str | None, now: datetime) -> None:
        async with self.db.session() as session:
            row = await self._row(session, learner, now)
            row.timezone, row.updated_at = zone, now

    @staticmethod
    async def _row(session: AsyncSession, learner: Learner, now: datetime) -> QuizLearnerRow:
        row = await session.get(QuizLearnerRow, learner.key())
        if row is None:
            row = QuizLearnerRow(**learner.key(), remind=False, timezone=None, updated_at=now)
            session.add(row)
        return row
