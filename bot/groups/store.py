"""A group's calendar settings: how early session reminders go, its feed token, its ping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Ping, Platform, TenantRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_key
from bot.store.db import Database
from bot.store.groups import StudyGroup
from bot.store.personal import CHANNEL, PersonalData, declare

DEFAULT_LEAD_MINUTES = 30


class GroupSettingsRow(TenantScoped, Base):
    __tablename__ = "group_settings"

    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_lead_minutes: Mapped[int] = mapped_column(Integer, default=DEFAULT_LEAD_MINUTES)
    # Whoever holds it can read the group's calendar feed; a facilitator can reset it.
    feed_token: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    # The one mention the bot may make in the group's posts: a role or user group id.
    ping: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # How people know it ("@tutors"), so settings can name it without pinging it.
    ping_label: Mapped[str] = mapped_column(String(120), default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(GroupSettingsRow, PersonalData(
    title="", why="how a group's calendar is shared and how early its session reminders go",
    group=({"channel_id": CHANNEL},), secret=("feed_token",)))


@dataclass(frozen=True)
class GroupSettings:
    session_lead_minutes: int = DEFAULT_LEAD_MINUTES
    feed_token: str | None = None
    ping: Ping | None = None


class GroupSettingsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, group: StudyGroup) -> GroupSettings:
        async with self.db.session() as session:
            row = await session.get(GroupSettingsRow, tenant_key(group.tenant, channel_id=group.channel_id))
            if row is None:
                return GroupSettings()
            return _settings(row)

    async def save(self, group: StudyGroup, settings: GroupSettings, now: datetime) -> None:
        key = tenant_key(group.tenant, channel_id=group.channel_id)
        async with self.db.session() as session:
            row = await session.get(GroupSettingsRow, key)
            if row is None:
                row = GroupSettingsRow(**key)
                session.add(row)
            row.session_lead_minutes, row.feed_token = settings.session_lead_minutes, settings.feed_token
            row.ping = settings.ping.id if settings.ping else None
            row.ping_label = settings.ping.label[:120] if settings.ping else ""
            row.updated_at = now

    async def ping_of(self, tenant: TenantRef, channel_id: str) -> Ping | None:
        """The mention a group's posts in `channel_id` carry, if a facilitator chose one."""
        async with self.db.session() as session:
            row = await session.get(GroupSettingsRow, tenant_key(tenant, channel_id=channel_id))
            return _settings(row).ping if row is not None else None

    async def by_token(self, token: str) -> tuple[TenantRef, str] | None:
        """The group (tenant, channel id) whose feed `token` opens, or None."""
        async with self.db.session() as session:
            row = await session.scalar(select(GroupSettingsRow).where(GroupSettingsRow.feed_token == token))
            return (TenantRef(Platform(row.platform), row.tenant_id), row.channel_id) if row else None


def _settings(row: GroupSettingsRow) -> GroupSettings:
    ping = Ping(row.ping, row.ping_label or "") if row.ping else None
    return GroupSettings(row.session_lead_minutes, row.feed_token, ping)
