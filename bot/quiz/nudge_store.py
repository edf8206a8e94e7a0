"""Review nudges: a group's setting (daily or weekly, at a time), and one claim row per DM.

The claim works as the outbox's does (bot.schedule.deliveries): a row keyed by (learner,
course, occurrence) is inserted before the message is sent, with ON CONFLICT DO NOTHING,
so a restart, a catch-up or a second replica never nudges anyone twice. The rows are
kept apart from group deliveries because each one names a learner: they are that
learner's data (exported, erased) and expire like any log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import cast

from sqlalchemy import ColumnElement, Integer, String, Table, Text, bindparam, select, update
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import TenantRef
from bot.quiz.learners import QuizLearnerRow
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_filter
from bot.store.db import Database
from bot.store.groups import GroupMemberRow, StudyGroup, StudyGroupRow, group_from_row
from bot.store.personal import CHANNEL, USER, Anonymise, PersonalData, Retention, declare

PENDING, SENT, FAILED = "pending", "sent", "failed"


class QuizNudgeRow(TenantScoped, Base):
    __tablename__ = "quiz_nudges"

    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # None: every day; 0-6 (Monday to Sunday): that day each week.
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at_time: Mapped[str] = mapped_column(String(5))
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class QuizNudgeSendRow(TenantScoped, Base):
    __tablename__ = "quiz_nudge_sends"

    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    occurrence_at: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(QuizNudgeRow, PersonalData(
    title="Quiz nudges you turned on for a group",
    why="so the group's learners who asked for them get their review nudges",
    mentions=(Anonymise("created_by"),), group=({"channel_id": CHANNEL},)))
declare(QuizNudgeSendRow, PersonalData(
    title="Quiz nudges sent to you",
    why="so no nudge is ever sent to you twice",
    owned=({"user_id": USER},),
    retention=Retention("claimed_at", keep={"status": PENDING})))


@dataclass(frozen=True)
class NudgeSetting:
    weekday: int | None
    at: time


@dataclass(frozen=True)
class Recipient:
    user_id: str
    timezone: str | None
    dm_channel: str | None


@dataclass(frozen=True)
class NudgeKey:
    tenant: TenantRef
    course_id: str
    user_id: str
    occurrence_at: datetime

    def row(self) -> dict[str, object]:
        return {"platform": self.tenant.platform.value, "tenant_id": self.tenant.id,
                "course_id": self.course_id, "user_id": self.user_id,
                "occurrence_at": self.occurrence_at}


class QuizNudgeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, group: StudyGroup) -> NudgeSetting | None:
        async with self.db.session() as session:
            row = await session.get(QuizNudgeRow, _group_key(group))
            return _setting(row) if row else None

    async def put(self, group: StudyGroup, setting: NudgeSetting | None, by: str, now: datetime) -> None:
        async with self.db.session() as session:
            row = await session.get(QuizNudgeRow, _group_key(group))
            if setting is None:
                if row is not None:
                    await session.delete(row)
                return
            if row is None:
                row = QuizNudgeRow(**_group_key(group), created_by=by)
                session.add(row)
            row.weekday, row.at_time, row.updated_at = setting.weekday, f"{setting.at:%H:%M}", now

    async def groups_on(self) -> list[tuple[NudgeSetting, StudyGroup]]:
        async with self.db.session() as session:
            rows = await session.execute(select(QuizNudgeRow, StudyGroupRow).join(
                StudyGroupRow, (StudyGroupRow.platform == QuizNudgeRow.platform)
                & (StudyGroupRow.tenant_id == QuizNudgeRow.tenant_id)
                & (StudyGroupRow.channel_id == QuizNudgeRow.channel_id)))
            return [(_setting(nudge), group_from_row(group)) for nudge, group in rows.all()]

    async def recipients(self, group: StudyGroup) -> list[Recipient]:
        """The group's members who asked for nudges in its course; nobody else, ever."""
        learner = QuizLearnerRow
        async with self.db.session() as session:
            rows = await session.execute(
                select(learner.user_id, learner.timezone, learner.dm_channel).join(
                    GroupMemberRow, (GroupMemberRow.platform == learner.platform)
                    & (GroupMemberRow.tenant_id == learner.tenant_id)
                    & (GroupMemberRow.user_id == learner.user_id))
                .where(*tenant_filter(learner, group.tenant), learner.course_id == group.course_id,
                       learner.remind.is_(True), GroupMemberRow.channel_id == group.channel_id)
                .order_by(learner.user_id))
            return [Recipient(user, zone, dm) for user, zone, dm in rows.all()]

    async def claim(self, keys: list[NudgeKey], now: datetime, lease_until: datetime) -> list[NudgeKey]:
        """Insert claims; returns those this call inserted (the nudges it now owns)."""
        if not keys:
            return []
        table = cast(Table, QuizNudgeSendRow.__table__)
        rows = [{**k.row(), "status": PENDING, "lease_until": lease_until, "reason": "",
                 "claimed_at": now} for k in keys]
        statement = self.db.insert(table).on_conflict_do_nothing().returning(
            table.c.user_id, table.c.occurrence_at)
        async with self.db.session() as session:
            won = {(user, at) for user, at in (await session.execute(statement, rows)).all()}
        return [k for k in keys if (k.user_id, k.occurrence_at) in won]

    async def retake(self, key: NudgeKey, now: datetime, lease_until: datetime) -> bool:
        """Take over a claim whose sender died before finishing (its lease ran out)."""
        async with self.db.session() as session:
            result = await session.execute(
                update(QuizNudgeSendRow).where(*_key_filter(key), QuizNudgeSendRow.status == PENDING,
                                               QuizNudgeSendRow.lease_until <= now)
                .values(lease_until=lease_until).execution_options(synchronize_session=False))
            return getattr(result, "rowcount", 0) == 1

    async def finish_many(self, outcomes: list[tuple[NudgeKey, tuple[str, str]]]) -> None:
        """Write what happened to each claimed nudge (status, reason), in one transaction."""
        if not outcomes:
            return
        table = cast(Table, QuizNudgeSendRow.__table__)
        statement = (update(table).where(
            table.c.platform == bindparam("k_platform"), table.c.tenant_id == bindparam("k_tenant"),
            table.c.course_id == bindparam("k_course"), table.c.user_id == bindparam("k_user"),
            table.c.occurrence_at == bindparam("k_at"))
            .values(status=bindparam("status"), reason=bindparam("reason"), lease_until=None))
        params = [{"k_platform": key.tenant.platform.value, "k_tenant": key.tenant.id,
                   "k_course": key.course_id, "k_user": key.user_id, "k_at": key.occurrence_at,
                   "status": status, "reason": reason[:500]} for key, (status, reason) in outcomes]
        async with self.db.session() as session:
            await session.execute(statement, params)

    async def sent_to(self, tenant: TenantRef, user_id: str) -> list[tuple[datetime, str]]:
        async with self.db.session() as session:
            rows = await session.execute(
                select(QuizNudgeSendRow.occurrence_at, QuizNudgeSendRow.status).where(
                    *tenant_filter(QuizNudgeSendRow, tenant), QuizNudgeSendRow.user_id == user_id)
                .order_by(QuizNudgeSendRow.occurrence_at))
            return [(at, status) for at, status in rows.all()]


def _group_key(group: StudyGroup) -> dict[str, str]:
    return {"platform": group.tenant.platform.value, "tenant_id": group.tenant.id,
            "channel_id": group.channel_id}


def _setting(row: QuizNudgeRow) -> NudgeSetting:
    return NudgeSetting(row.weekday, time.fromisoformat(row.at_time))


def _key_filter(key: NudgeKey) -> tuple[ColumnElement[bool], ...]:
    row = QuizNudgeSendRow
    return (*tenant_filter(row, key.tenant),
            row.course_id == key.course_id, row.user_id == key.user_id,
            row.occurrence_at == key.occurrence_at)
