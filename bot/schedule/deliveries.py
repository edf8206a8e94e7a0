"""Deliveries: one row per (schedule, occurrence, target), inserted *before* posting.

The row's key is the claim. Whoever inserts it first owns the occurrence; every
other process's INSERT ... ON CONFLICT DO NOTHING inserts nothing, so a restart, a
catch-up or a second replica never posts the same occurrence twice.

Life of a row: pending (claimed, with a lease while someone posts it) -> sent, or
failed with a reason, or skipped with a reason. A pending row whose lease ran out
(its process died) is taken again by any scheduler; see bot.schedule.outbox.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import (
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.dml import Update

from bot.messages import Platform, TenantRef
from bot.schedule.schedules import Schedule, ScheduleRepository, advance_statement
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_filter
from bot.store.db import Database
from bot.store.groups import StudyGroup
from bot.store.personal import CHANNEL, USER, PersonalData, Retention, declare


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class DeliveryRow(TenantScoped, Base):
    __tablename__ = "deliveries"
    __table_args__ = (
        # The claim. Schedule ids are globally unique, so this is the primary key's
        # uniqueness too; it is spelled out because it is what makes posts happen once.
        UniqueConstraint("schedule_id", "occurrence_at", "target", name="uq_deliveries_claim"),
        Index("ix_deliveries_retry", "status", "next_attempt_at"),
        Index("ix_deliveries_target", "platform", "tenant_id", "target", "occurrence_at"),
    )

    schedule_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    occurrence_at: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    target: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


# A log of posts to groups' channels, and of session reminders sent to a person by
# direct message (their id is the target). A row still being posted is never expired:
# its claim is what stops a second post.
declare(DeliveryRow, PersonalData(
    title="Session reminders sent to you by direct message",
    why="a record of each scheduled post, so none is ever sent twice",
    owned=({"target": USER},), group=({"target": CHANNEL},),
    retention=Retention("claimed_at", keep={"status": DeliveryStatus.PENDING.value})))


@dataclass(frozen=True)
class DeliveryKey:
    tenant: TenantRef
    schedule_id: str
    occurrence_at: datetime
    target: str

    def as_text(self) -> str:
        """A stable id for the occurrence, e.g. for a platform's idempotency nonce."""
        return f"{self.schedule_id}:{self.occurrence_at:%Y%m%dT%H%M%S%fZ}:{self.target}"


@dataclass(frozen=True)
class Delivery:
    key: DeliveryKey
    status: DeliveryStatus
    attempts: int
    reason: str
    finished_at: datetime | None
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class NewDelivery:
    """A row to insert: pending (to post now) or skipped (too late, with a reason)."""

    key: DeliveryKey
    status: DeliveryStatus
    reason: str = ""


@dataclass(frozen=True)
class Outcome:
    """What to write after one post attempt (see bot.schedule.outbox)."""

    key: DeliveryKey
    status: DeliveryStatus
    attempts: int
    reason: str = ""
    message_id: str | None = None
    next_attempt_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True)
class Lease:
    """Who holds claimed rows (`worker`), from `now` until `until`."""

    now: datetime
    until: datetime
    worker: str


@dataclass(frozen=True)
class DueQuery:
    """Which due schedules to look for (see ScheduleRepository.due)."""

    now: datetime
    limit: int
    only: Collection[str] | None = None
    platforms: Collection[str] | None = None


Due = list[tuple[Schedule, StudyGroup]]


class ClaimPlan(Protocol):
    """What to insert and which watermarks to move (bot.schedule.planner makes these)."""

    @property
    def rows(self) -> Sequence[NewDelivery]: ...

    @property
    def advances(self) -> Sequence[dict[str, Any]]: ...


P = TypeVar("P", bound=ClaimPlan)


class DeliveryRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._record_statements: dict[str, Update] = {}

    async def claim(self, rows: Sequence[NewDelivery], advances: Sequence[dict[str, Any]],
                    now: datetime, lease_until: datetime, worker: str) -> list[DeliveryKey]:
        """Insert claims and move schedules' watermarks in one transaction.

        Returns the keys of the pending rows this call inserted: the posts it now owns.
        """
        async with self.db.writing() as session:
            return await self._claim(session, rows, advances, now, lease_until, worker)

    async def claim_due(self, schedules: ScheduleRepository, due: DueQuery,
                        plan: Callable[[Due], Awaitable[P]],
                        lease: Lease) -> tuple[int, P, list[DeliveryKey]]:
        """Find due schedules, plan and claim their occurrences in one transaction.

        The due rows stay locked until the claims are in, and rows another replica holds
        are passed over, so replicas share the work instead of racing for the same rows.
        Returns how many schedules were due here, the plan and the keys this call won.
        """
        async with self.db.writing() as session:
            await self._write_first(session)
            found = await schedules.due(due.now, due.limit, due.only, due.platforms, session=session)
            made = await plan(found)
            won = await self._claim(session, made.rows, made.advances, lease.now, lease.until,
                                    lease.worker)
            return len(found), made, won

    async def _write_first(self, session: AsyncSession) -> None:
        """On SQLite, take the file's write lock before reading what is due. Otherwise two
        replicas read the same due rows, and one of them plans and inserts for nothing."""
        if self.db.is_sqlite:
            await session.execute(_TAKE_WRITE_LOCK)

    async def _claim(self, session: AsyncSession, rows: Sequence[NewDelivery],
                     advances: Sequence[dict[str, Any]], now: datetime, lease_until: datetime,
                     worker: str) -> list[DeliveryKey]:
        won: list[DeliveryKey] = []
        if rows:
            table = cast(Table, DeliveryRow.__table__)
            insert = self.db.insert(table).on_conflict_do_nothing().returning(
                table.c.platform, table.c.tenant_id, table.c.schedule_id,
                table.c.occurrence_at, table.c.target, table.c.status)
            result = await session.execute(
                insert, [_insert_params(row, now, lease_until, worker) for row in rows])
            won = [_key(r) for r in result.all() if r.status == DeliveryStatus.PENDING.value]
        if advances:
            await session.execute(advance_statement(), list(advances))
        return won

    async def lapsed(self, now: datetime, limit: int, platforms: Collection[str] | None = None, *,
                     session: AsyncSession | None = None,
                     lease_now: datetime | None = None) -> list[tuple[DeliveryKey, int]]:
        """Pending rows due for an attempt at `now` whose lease (if any) has run out by
        `lease_now` (the lease clock's time; `now` if not given), with attempts so far.

        Given the caller's `session`, the rows stay locked and rows another transaction
        holds are passed over (as in ScheduleRepository.due).
        """
        query = (select(DeliveryRow).where(
            DeliveryRow.status == DeliveryStatus.PENDING.value,
            DeliveryRow.next_attempt_at <= now,
            or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until <= (lease_now or now)))
            .order_by(DeliveryRow.next_attempt_at).limit(limit))
        if platforms is not None:
            query = query.where(DeliveryRow.platform.in_(list(platforms)))
        if session is not None:
            rows = await session.scalars(query.with_for_update(skip_locked=True))
            return [(_key(row), row.attempts) for row in rows]
        async with self.db.session() as own:
            return [(_key(row), row.attempts) for row in await own.scalars(query)]

    async def take_lapsed(self, lease: Lease, now: datetime, limit: int,
                          platforms: Collection[str] | None = None) -> list[tuple[DeliveryKey, int]]:
        """Lease rows due at `now` whose lease lapsed by `lease.now`, in one transaction;
        returns them with attempts so far."""
        async with self.db.writing() as session:
            lapsed = await self.lapsed(now, limit, platforms, session=session, lease_now=lease.now)
            taken = set(await self._take(session, [key for key, _ in lapsed], lease, now))
            return [(key, attempts) for key, attempts in lapsed if key in taken]

    async def take(self, keys: Sequence[DeliveryKey], now: datetime, lease_until: datetime,
                   worker: str) -> list[DeliveryKey]:
        """Lease rows for an attempt; a row another process took first is left out."""
        async with self.db.writing() as session:
            return await self._take(session, keys, Lease(now, lease_until, worker), now)

    async def _take(self, session: AsyncSession, keys: Sequence[DeliveryKey],
                    lease: Lease, now: datetime) -> list[DeliveryKey]:
        taken = []
        for key in keys:
            result = await session.execute(
                update(DeliveryRow).where(
                    *_key_filter(key), DeliveryRow.status == DeliveryStatus.PENDING.value,
                    DeliveryRow.next_attempt_at <= now,
                    or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until <= lease.now))
                .values(lease_until=lease.until, claimed_by=lease.worker)
                .execution_options(synchronize_session=False))
            if getattr(result, "rowcount", 0) == 1:
                taken.append(key)
        return taken

    async def record(self, outcomes: Sequence[Outcome], worker: str) -> None:
        """Write attempts' results; rows another process has since taken are not touched.

        Each outcome is its own UPDATE by the row's key, and no transaction is opened
        around them: the outbox writes outcomes many times a second, and each write
        stands alone (a crash part-way leaves the rest pending, as if not yet written).
        On PostgreSQL the batch is one all-or-nothing round trip, where BEGIN and COMMIT
        would each add one. On SQLite each row takes the file's write lock and lets go
        of it within one call to the driver; in a transaction the lock stayed held
        until the event loop came back to send COMMIT, while every replica waited.
        """
        if not outcomes:
            return
        statement = self._record_statements.get(worker)
        if statement is None:
            statement = self._record_statements[worker] = record_statement(worker)
        params = [outcome_params(o) for o in outcomes]
        async with self.db.turn(), self.db.engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(statement, params)

    async def of_schedule(self, schedule_id: str) -> list[Delivery]:
        query = select(DeliveryRow).where(DeliveryRow.schedule_id == schedule_id)
        async with self.db.session() as session:
            return [_delivery(row) for row in await session.scalars(query)]

    async def recent(self, tenant: TenantRef, target: str, limit: int) -> list[Delivery]:
        query = (select(DeliveryRow).where(
            *tenant_filter(DeliveryRow, tenant),
            DeliveryRow.target == target)
            .order_by(DeliveryRow.occurrence_at.desc()).limit(limit))
        async with self.db.session() as session:
            return [_delivery(row) for row in await session.scalars(query)]


# Writes nothing, but opens the write transaction (SQLite starts one at the first write).
_TAKE_WRITE_LOCK = text("UPDATE deliveries SET attempts = attempts WHERE 0")


def _insert_params(row: NewDelivery, now: datetime, lease_until: datetime, worker: str) -> dict[str, Any]:
    pending = row.status is DeliveryStatus.PENDING
    return {"platform": row.key.tenant.platform.value, "tenant_id": row.key.tenant.id,
            "schedule_id": row.key.schedule_id, "occurrence_at": row.key.occurrence_at,
            "target": row.key.target, "status": row.status.value, "attempts": 0,
            "next_attempt_at": now if pending else None,
            "lease_until": lease_until if pending else None,
            "claimed_by": worker, "reason": row.reason, "message_id": None,
            "claimed_at": now, "finished_at": None if pending else now}


def record_statement(worker: str) -> Update:
    """The UPDATE that writes one outcome, by the row's key, if `worker` still holds the row."""
    table = cast(Table, DeliveryRow.__table__)
    return (update(table).where(
        table.c.platform == bindparam("k_platform"), table.c.tenant_id == bindparam("k_tenant"),
        table.c.schedule_id == bindparam("k_schedule"),
        table.c.occurrence_at == bindparam("k_occurrence"), table.c.target == bindparam("k_target"),
        table.c.status == DeliveryStatus.PENDING.value, table.c.claimed_by == worker)
        .values(status=bindparam("status"), attempts=bindparam("attempts"),
                reason=bindparam("reason"), message_id=bindparam("message_id"),
                next_attempt_at=bindparam("next_attempt_at"),
                finished_at=bindparam("finished_at"), lease_until=None))


def outcome_params(outcome: Outcome) -> dict[str, Any]:
    key = outcome.key
    return {"k_platform": key.tenant.platform.value, "k_tenant": key.tenant.id,
            "k_schedule": key.schedule_id, "k_occurrence": key.occurrence_at, "k_target": key.target,
            "status": outcome.status.value, "attempts": outcome.attempts, "reason": outcome.reason,
            "message_id": outcome.message_id, "next_attempt_at": outcome.next_attempt_at,
            "finished_at": outcome.finished_at}


def _key(row: Any) -> DeliveryKey:
    occurrence = row.occurrence_at
    return DeliveryKey(TenantRef(Platform(row.platform), row.tenant_id), row.schedule_id,
                       occurrence, row.target)


def _key_filter(key: DeliveryKey) -> tuple[Any, ...]:
    return (*tenant_filter(DeliveryRow, key.tenant),
            DeliveryRow.schedule_id == key.schedule_id, DeliveryRow.occurrence_at == key.occurrence_at,
            DeliveryRow.target == key.target)


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(key=_key(row), status=DeliveryStatus(row.status), attempts=row.attempts,
                    reason=row.reason, finished_at=row.finished_at, next_attempt_at=row.next_attempt_at)
