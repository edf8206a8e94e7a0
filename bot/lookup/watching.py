"""The video each learner says they are watching, for a few hours: lookup favours it.

Said outright (`watching 2`, a week view's button) it holds for WATCH_HOURS; inferred from
a `moment` or `more` they just read it holds for GLANCE_MINUTES and never replaces one
they said outright.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Boolean, String, delete
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime, tenant_key
from bot.store.db import Database, retry_on_conflict
from bot.store.personal import USER, PersonalData, declare

WATCH_HOURS = 3
GLANCE_MINUTES = 45


class WatchingRow(TenantScoped, Base):
    __tablename__ = "watching"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    video: Mapped[str] = mapped_column(String(64))  # the video's group, as lookup names it
    title: Mapped[str] = mapped_column(String(300))
    said: Mapped[bool] = mapped_column(Boolean)  # said outright, not inferred
    until: Mapped[datetime] = mapped_column(UtcDateTime())


declare(WatchingRow, PersonalData(
    title="The video you said you are watching",
    why="so lookup favours that video for a few hours",
    owned=({"user_id": USER},)))


@dataclass(frozen=True)
class Watching:
    video: str
    title: str
    said: bool
    until: datetime


class WatchingRepository:
    def __init__(self, db: Database, course_id: str) -> None:
        self.db = db
        self.course_id = course_id

    async def get(self, user: UserRef, now: datetime) -> Watching | None:
        """The video `user` is watching now; None once it has expired."""
        async with self.db.session() as session:
            row = await session.get(WatchingRow, self._key(user))
            if row is None or row.until <= now:
                return None
            return Watching(row.video, row.title, row.said, row.until)

    async def watch(self, user: UserRef, video: str, title: str, now: datetime, *, said: bool) -> None:
        """`user` watches `video` from `now`; an inferred video does not replace a said one."""
        until = now + (timedelta(hours=WATCH_HOURS) if said else timedelta(minutes=GLANCE_MINUTES))
        await retry_on_conflict(lambda: self._watch(user, video, title, now, until, said))

    async def _watch(self, user: UserRef, video: str, title: str, now: datetime, until: datetime,
                     said: bool) -> None:
        async with self.db.session() as session:
            row = await session.get(WatchingRow, self._key(user))
            if row is None:
                session.add(WatchingRow(**self._key(user), video=video, title=title, said=said, until=until))
                return
            if not said and row.said and row.until > now and row.video != video:
                return
            row.video, row.title, row.said, row.until = video, title, said, until

    async def clear(self, user: UserRef) -> None:
        key = self._key(user)
        async with self.db.session() as session:
            await session.execute(delete(WatchingRow).where(
                *(getattr(WatchingRow, column) == value for column, value in key.items())))

    def _key(self, user: UserRef) -> dict[str, str]:
        return tenant_key(user.tenant, user_id=user.id, course_id=self.course_id)
