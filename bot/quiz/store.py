"""Quiz reviews: each learner's memory state per item, and a log of answers.

Both belong to one tenant, one course and one learner. The review row is what spacing
needs (the FSRS card and when the item is next due); the answer log is what a
facilitator's report counts, and it never leaves the database with a name on it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, case, func, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.db import Database
from bot.store.personal import USER, PersonalData, Retention, declare


@dataclass(frozen=True)
class Learner:
    """Whose quiz state: a learner, in one tenant and one course."""

    platform: str
    tenant_id: str
    course_id: str
    user_id: str

    @staticmethod
    def of(user: UserRef, course_id: str) -> Learner:
        return Learner(user.tenant.platform.value, user.tenant.id, course_id, user.id)

    def key(self) -> dict[str, str]:
        return {"platform": self.platform, "tenant_id": self.tenant_id,
                "course_id": self.course_id, "user_id": self.user_id}


class QuizReviewRow(TenantScoped, Base):
    __tablename__ = "quiz_reviews"
    __table_args__ = (
        Index("ix_quiz_reviews_due", "platform", "tenant_id", "course_id", "user_id", "due_at"),
    )

    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    week: Mapped[int] = mapped_column(Integer)
    card: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reviews: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)
    last_right: Mapped[bool] = mapped_column(Boolean)
    last_answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class QuizAnswerRow(TenantScoped, Base):
    __tablename__ = "quiz_answers"
    __table_args__ = (
        Index("ix_quiz_answers_group", "platform", "tenant_id", "course_id", "group_id", "week"),
        Index("ix_quiz_answers_answered", "answered_at"),  # for log retention
    )

    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    week: Mapped[int] = mapped_column(Integer)
    right: Mapped[bool] = mapped_column(Boolean)
    # The study group the learner was in when answering ("" for none): for its report.
    group_id: Mapped[str] = mapped_column(String(64), default="")


declare(QuizReviewRow, PersonalData(
    title="Your quiz reviews",
    why="so each question comes back when you are about to forget it",
    owned=({"user_id": USER},)))
declare(QuizAnswerRow, PersonalData(
    title="Your quiz answers",
    why="so a group's weekly report can count answers, without names",
    owned=({"user_id": USER},), retention=Retention("answered_at")))


@dataclass(frozen=True)
class ReviewState:
    item_id: str
    week: int
    card: str
    due_at: datetime
    reviews: int
    lapses: int
    last_right: bool


@dataclass(frozen=True)
class Answer:
    item_id: str
    week: int
    right: bool
    card: str
    due_at: datetime
    group_id: str = ""


@dataclass(frozen=True)
class Missed:
    item_id: str
    misses: int
    answers: int


class ReviewRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def states(self, learner: Learner,
                     item_ids: Collection[str] | None = None) -> dict[str, ReviewState]:
        """The learner's review states (of `item_ids` only, when given)."""
        query = select(QuizReviewRow).filter_by(**learner.key())
        if item_ids is not None:
            query = query.where(QuizReviewRow.item_id.in_(list(item_ids)))
        async with self.db.session() as session:
            return {row.item_id: _state(row) for row in await session.scalars(query)}

    async def due_counts(self, platform: str, tenant_id: str, course_id: str,
                         user_ids: Collection[str], before: datetime) -> dict[str, int]:
        """How many items each of `user_ids` has due before `before`: one query for many."""
        if not user_ids:
            return {}
        async with self.db.session() as session:
            rows = await session.execute(
                select(QuizReviewRow.user_id, func.count()).where(
                    QuizReviewRow.platform == platform, QuizReviewRow.tenant_id == tenant_id,
                    QuizReviewRow.course_id == course_id, QuizReviewRow.user_id.in_(list(user_ids)),
                    QuizReviewRow.due_at < before)
                .group_by(QuizReviewRow.user_id))
            return {user: int(count) for user, count in rows.all()}

    async def due(self, learner: Learner, before: datetime, limit: int) -> list[str]:
        """Items due before `before`, the most overdue first."""
        async with self.db.session() as session:
            rows = await session.scalars(
                select(QuizReviewRow.item_id).filter_by(**learner.key())
                .where(QuizReviewRow.due_at < before)
                .order_by(QuizReviewRow.due_at, QuizReviewRow.item_id).limit(limit))
            return list(rows)

    async def record(self, learner: Learner, answer: Answer, now: datetime) -> None:
        async with self.db.session() as session:
            row = await session.get(QuizReviewRow, {**learner.key(), "item_id": answer.item_id})
            if row is None:
                row = QuizReviewRow(**learner.key(), item_id=answer.item_id, reviews=0, lapses=0)
                session.add(row)
            row.week, row.card, row.due_at = answer.week, answer.card, answer.due_at
            row.reviews += 1
            row.lapses += 0 if answer.right else 1
            row.last_right, row.last_answered_at = answer.right, now
            session.add(QuizAnswerRow(**learner.key(), item_id=answer.item_id, answered_at=now,
                                      week=answer.week, right=answer.right, group_id=answer.group_id))

    async def group_week(self, platform: str, tenant_id: str, course_id: str, group_id: str,
                         week: int) -> tuple[int, list[Missed]]:
        """How many learners of a group answered the week's items, and each item's misses."""
        where = (QuizAnswerRow.platform == platform, QuizAnswerRow.tenant_id == tenant_id,
                 QuizAnswerRow.course_id == course_id, QuizAnswerRow.group_id == group_id,
                 QuizAnswerRow.week == week)
        misses = func.sum(case((QuizAnswerRow.right.is_(False), 1), else_=0))
        async with self.db.session() as session:
            people = await session.scalar(select(func.count(func.distinct(QuizAnswerRow.user_id)))
                                          .where(*where))
            rows = await session.execute(
                select(QuizAnswerRow.item_id, misses, func.count()).where(*where)
                .group_by(QuizAnswerRow.item_id))
            found = [Missed(item, int(missed or 0), int(count)) for item, missed, count in rows.all()]
        return int(people or 0), _most_missed(found)


def _most_missed(found: Sequence[Missed]) -> list[Missed]:
    return sorted((m for m in found if m.misses), key=lambda m: (-m.misses, m.item_id))


def _state(row: QuizReviewRow) -> ReviewState:
    return ReviewState(row.item_id, row.week, row.card, row.due_at, row.reviews, row.lapses,
                       row.last_right)
