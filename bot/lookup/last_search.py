"""Each person's last lookup in a channel, so `more` can show the next results, and the
moments already shown in that conversation, so `more` never shows one twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Incoming
from bot.store.base import Base, TenantScoped, UtcDateTime, conversation_key
from bot.store.db import Database, retry_on_conflict
from bot.store.personal import CHANNEL, USER, PersonalData, Retention, declare

# A conversation's memory of quoted sentences: enough for a long session of `more`.
KEPT_MOMENTS = 400


class LastSearchRow(TenantScoped, Base):
    __tablename__ = "last_searches"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    query: Mapped[str] = mapped_column(Text)
    shown: Mapped[int] = mapped_column(Integer)  # results already shown
    # Space-separated keys of the sentences quoted in this conversation (bot.search.moments).
    moments: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(LastSearchRow, PersonalData(
    title="Your last search in each channel",
    why="so `more` can show the next results, and none twice",
    owned=({"user_id": USER},), group=({"channel_id": CHANNEL},), retention=Retention("updated_at")))


@dataclass(frozen=True)
class LastSearch:
    query: str
    shown: int
    moments: frozenset[str] = field(default_factory=frozenset)


class LastSearchRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, message: Incoming) -> LastSearch | None:
        async with self.db.session() as session:
            row = await session.get(LastSearchRow, conversation_key(message))
            if row is None:
                return None
            return LastSearch(row.query, row.shown, frozenset((row.moments or "").split()))

    async def remember(self, message: Incoming, query: str, shown: int, now: datetime,
                       moments: Sequence[str] = ()) -> None:
        """The search and how far it got; `moments` join those shown before (the latest
        KEPT_MOMENTS of them)."""
        # Two answers to one person can finish together (a click on "more" while their
        # last search is still being answered): the one that finds the row taken updates it.
        await retry_on_conflict(lambda: self._remember(message, query, shown, now, moments))

    async def _remember(self, message: Incoming, query: str, shown: int, now: datetime,
                        moments: Sequence[str]) -> None:
        async with self.db.session() as session:
            row = await session.get(LastSearchRow, conversation_key(message))
            if row is None:
                row = LastSearchRow(**conversation_key(message), query=query, shown=shown, moments="",
                                    updated_at=now)
                session.add(row)
            kept = list(dict.fromkeys([*(row.moments or "").split(), *moments]))[-KEPT_MOMENTS:]
            row.query, row.shown, row.moments, row.updated_at = query, shown, " ".join(kept), now
