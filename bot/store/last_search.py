"""Each person's last lookup in a channel, so `more` can show the next results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Incoming
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.db import Database, retry_on_conflict
from bot.store.personal import CHANNEL, USER, PersonalData, Retention, declare


class LastSearchRow(TenantScoped, Base):
    __tablename__ = "last_searches"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    query: Mapped[str] = mapped_column(Text)
    shown: Mapped[int] = mapped_column(Integer)  # results already shown
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(LastSearchRow, PersonalData(
    title="Your last search in each channel",
    why="so `more` can show the next results",
    owned=({"user_id": USER},), group=({"channel_id": CHANNEL},), retention=Retention("updated_at")))


@dataclass(frozen=True)
class LastSearch:
    query: str
    shown: int


class LastSearchRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, message: Incoming) -> LastSearch | None:
        async with self.db.session() as session:
            row = await session.get(LastSearchRow, _key(message))
            return LastSearch(row.query, row.shown) if row else None

    async def remember(self, message: Incoming, query: str, shown: int, now: datetime) -> None:
        # Two answers to one person can finish together (a click on "more" while their
        # last search is still being answered): the one that finds the row taken updates it.
        await retry_on_conflict(lambda: self._remember(message, query, shown, now))

    async def _remember(self, message: Incoming, query: str, shown: int, now: datetime) -> None:
        async with self.db.session() as session:
            row = await session.get(LastSearchRow, _key(message))
            if row is None:
                session.add(LastSearchRow(**_key(message), query=query, shown=shown, updated_at=now))
            else:
                row.query, row.shown, row.updated_at = query, shown, now


def _key(message: Incoming) -> dict[str, str]:
    user = message.user
    return {"platform": user.tenant.platform.value, "tenant_id": user.tenant.id,
            "user_id": user.id, "channel_id": message.channel.id}
