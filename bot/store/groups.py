"""Study groups (a channel bound to a course), who belongs to which, and who facilitates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Date, String, delete, false, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import ChannelRef, Platform, TenantRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_filter, tenant_key
from bot.store.db import Database
from bot.store.personal import CHANNEL, USER, Anonymise, PersonalData, declare
from bot.store.units import fetch


class StudyGroupRow(TenantScoped, Base):
    __tablename__ = "study_groups"

    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    course_id: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class GroupMemberRow(TenantScoped, Base):
    """The one group a learner belongs to in a tenant; their DMs follow its calendar."""

    __tablename__ = "group_members"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())


# The channel id of a grant that reaches every group of the tenant.
EVERY_GROUP = "*"


class FacilitatorRow(TenantScoped, Base):
    """A facilitator role granted for one group (its channel) or every group (platform
    admins need no row)."""

    __tablename__ = "facilitators"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True, server_default=EVERY_GROUP)
    granted_by: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Granted before roles were per group: kept for every group, and said so in `group audit`.
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


declare(StudyGroupRow, PersonalData(
    title="Study groups you set up", why="a group remembers who set it up",
    mentions=(Anonymise("created_by"),), group=({"channel_id": CHANNEL},)))
declare(GroupMemberRow, PersonalData(
    title="The study group you belong to",
    why="so `week` in a direct message follows your group's calendar",
    owned=({"user_id": USER},), group=({"channel_id": CHANNEL},)))
declare(FacilitatorRow, PersonalData(
    title="Facilitator roles you hold, or gave to others",
    why="so facilitators can run their groups, and others can see who granted a role",
    owned=({"user_id": USER},), mentions=(Anonymise("granted_by"),), group=({"channel_id": CHANNEL},)))


@dataclass(frozen=True)
class StudyGroup:
    tenant: TenantRef
    channel_id: str
    name: str
    course_id: str
    start_date: date
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def channel(self) -> ChannelRef:
        """Where the group's scheduled posts go: its channel, never a thread."""
        return ChannelRef(self.tenant, self.channel_id)


def group_from_row(row: StudyGroupRow) -> StudyGroup:
    return StudyGroup(tenant=TenantRef(Platform(row.platform), row.tenant_id),
                      channel_id=row.channel_id, name=row.name, course_id=row.course_id,
                      start_date=row.start_date, timezone=row.timezone)


class GroupRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, tenant: TenantRef, channel_id: str) -> StudyGroup | None:
        async with self.db.session() as session:
            row = await fetch(session, StudyGroupRow, tenant_key(tenant, channel_id=channel_id))
            return group_from_row(row) if row else None

    async def save(self, group: StudyGroup, by: str, now: datetime) -> None:
        key = tenant_key(group.tenant, channel_id=group.channel_id)
        async with self.db.session() as session:
            row = await session.get(StudyGroupRow, key)
            if row is None:
                row = StudyGroupRow(**key, created_by=by)
                session.add(row)
            row.name, row.course_id = group.name, group.course_id
            row.start_date, row.timezone, row.updated_at = group.start_date, group.timezone, now

    async def course_ids(self) -> dict[str, int]:
        """How many groups follow each course id, across every tenant (for operators)."""
        async with self.db.session() as session:
            rows = await session.execute(select(StudyGroupRow.course_id, func.count())
                                         .group_by(StudyGroupRow.course_id))
            return {course_id: count for course_id, count in rows.all()}

    async def membership(self, tenant: TenantRef, user_id: str) -> str | None:
        """The channel id of the group `user_id` belongs to, if any."""
        async with self.db.session() as session:
            row = await fetch(session, GroupMemberRow, tenant_key(tenant, user_id=user_id))
            return row.channel_id if row else None

    async def join(self, tenant: TenantRef, user_id: str, channel_id: str, now: datetime) -> None:
        key = tenant_key(tenant, user_id=user_id)
        async with self.db.session() as session:
            row = await fetch(session, GroupMemberRow, key)
            if row is None:
                session.add(GroupMemberRow(**key, channel_id=channel_id, joined_at=now))
            elif row.channel_id != channel_id:
                row.channel_id, row.joined_at = channel_id, now

    async def leave(self, tenant: TenantRef, user_id: str) -> bool:
        async with self.db.session() as session:
            result = await session.execute(delete(GroupMemberRow).where(
                *tenant_filter(GroupMemberRow, tenant), GroupMemberRow.user_id == user_id))
            return bool(getattr(result, "rowcount", 0))

    async def is_granted(self, tenant: TenantRef, user_id: str, channel_id: str = EVERY_GROUP) -> bool:
        """Whether `user_id` facilitates the group in `channel_id` (by its grant or one for every group)."""
        async with self.db.session() as session:
            found = await session.scalar(select(FacilitatorRow.user_id).where(
                *tenant_filter(FacilitatorRow, tenant), FacilitatorRow.user_id == user_id,
                FacilitatorRow.channel_id.in_({channel_id, EVERY_GROUP})).limit(1))
            return found is not None

    async def grant(self, tenant: TenantRef, user_id: str, by: str, now: datetime,
                    channel_id: str = EVERY_GROUP) -> bool:
        """Give the role for one group (or every group); False when the user already had it."""
        key = tenant_key(tenant, user_id=user_id, channel_id=channel_id)
        async with self.db.session() as session:
            if await session.get(FacilitatorRow, key) is not None:
                return False
            session.add(FacilitatorRow(**key, granted_by=by, granted_at=now))
            return True

    async def revoke(self, tenant: TenantRef, user_id: str, channel_id: str = EVERY_GROUP) -> bool:
        async with self.db.session() as session:
            result = await session.execute(delete(FacilitatorRow).where(
                *tenant_filter(FacilitatorRow, tenant), FacilitatorRow.user_id == user_id,
                FacilitatorRow.channel_id == channel_id))
            return bool(getattr(result, "rowcount", 0))

    async def granted(self, tenant: TenantRef, channel_id: str | None = None) -> list[Grant]:
        """The grants of one group's channel and those for every group; all of them if None."""
        scope = () if channel_id is None else (
            or_(FacilitatorRow.channel_id == channel_id, FacilitatorRow.channel_id == EVERY_GROUP),)
        async with self.db.session() as session:
            rows = await session.scalars(select(FacilitatorRow).where(
                *tenant_filter(FacilitatorRow, tenant), *scope).order_by(
                    FacilitatorRow.user_id, FacilitatorRow.channel_id))
            return [Grant(r.user_id, r.channel_id, r.granted_by, r.carried_over) for r in rows]


@dataclass(frozen=True)
class Grant:
    """One facilitator role: whose, for which group's channel (EVERY_GROUP: all), by whom."""

    user_id: str
    channel_id: str
    granted_by: str
    carried_over: bool = False

    @property
    def every_group(self) -> bool:
        return self.channel_id == EVERY_GROUP
