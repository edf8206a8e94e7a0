"""The audit log: what facilitators did (group settings, roles, prompts, data removal), who, when."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Index, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import TenantRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_filter
from bot.store.db import Database
from bot.store.personal import Anonymise, PersonalData, Retention, declare

MAX_DETAIL_CHARS = 500


class AuditRow(TenantScoped, Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_recent", "platform", "tenant_id", "at"),
        Index("ix_audit_log_channel", "platform", "tenant_id", "channel_id", "action", "at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    # The person an action was about (a role granted to them), kept apart from the
    # free-text detail so that their erasure can find it.
    subject_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(AuditRow, PersonalData(
    title="Facilitator actions you took, or that gave or took your role",
    why="so facilitators can see who changed a group's settings, roles and prompts, and when",
    mentions=(Anonymise("actor_id", "actor_name"), Anonymise("subject_id")),
    retention=Retention("at")))


@dataclass(frozen=True)
class AuditEntry:
    channel_id: str
    actor_id: str
    actor_name: str
    action: str
    at: datetime
    detail: str = ""
    subject_id: str | None = None


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, tenant: TenantRef, entry: AuditEntry) -> None:
        async with self.db.session() as session:
            session.add(AuditRow(
                platform=tenant.platform.value, tenant_id=tenant.id, id=uuid.uuid4().hex,
                channel_id=entry.channel_id[:64], actor_id=entry.actor_id[:64],
                actor_name=entry.actor_name[:200], action=entry.action[:32],
                subject_id=entry.subject_id[:64] if entry.subject_id else None,
                detail=entry.detail[:MAX_DETAIL_CHARS], at=entry.at))

    async def recent(self, tenant: TenantRef, limit: int) -> list[AuditEntry]:
        """The tenant's latest entries, newest first."""
        query = (select(AuditRow).where(*tenant_filter(AuditRow, tenant))
                 .order_by(AuditRow.at.desc(), AuditRow.id).limit(limit))
        async with self.db.session() as session:
            return [_entry(row) for row in await session.scalars(query)]

    async def count(self, tenant: TenantRef, channel_id: str, actions: Collection[str],
                    since: datetime) -> int:
        query = select(func.count()).select_from(AuditRow).where(
            *tenant_filter(AuditRow, tenant),
            AuditRow.channel_id == channel_id, AuditRow.action.in_(list(actions)),
            AuditRow.at >= since)
        async with self.db.session() as session:
            return int(await session.scalar(query) or 0)


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(channel_id=row.channel_id, actor_id=row.actor_id, actor_name=row.actor_name,
                      action=row.action, at=row.at, detail=row.detail, subject_id=row.subject_id)
