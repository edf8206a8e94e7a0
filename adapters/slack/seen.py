"""Slack re-sends an event it thinks we missed (no 200 within 3 seconds, a restart, a
load balancer that picked another replica). The event's id is written to the database
the first time, so the whole deployment answers it once, across replicas and restarts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.slack.tables import SlackSeenEventRow
from bot.store.base import utcnow
from bot.store.db import Database

log = logging.getLogger(__name__)

# Slack's last re-send comes about five minutes after the first attempt.
REMEMBER_FOR = timedelta(hours=1)
SWEEP_EVERY = timedelta(minutes=10)


async def insert_once(db: Database, session: AsyncSession, table: Table, row: dict[str, Any]) -> bool:
    """Insert `row` unless its key is there already; True when this call inserted it
    (one answer for every replica: the database decides who was first)."""
    inserted = await session.execute(db.insert(table).values(**row).on_conflict_do_nothing()
                                     .returning(*table.primary_key.columns))
    return inserted.first() is not None


class SeenEvents:
    def __init__(self, db: Database, *, lifetime: timedelta = REMEMBER_FOR) -> None:
        self.db = db
        self.lifetime = lifetime
        self._swept_at: datetime | None = None

    async def first_time(self, event_id: str | None, now: datetime | None = None) -> bool:
        """True for an event not answered before. If the database cannot say, answer: a
        rare second answer is better than none."""
        if not event_id:
            return True
        now = now or utcnow()
        table = cast(Table, SlackSeenEventRow.__table__)
        try:
            async with self.db.session() as session:
                if self._swept_at is None or now - self._swept_at >= SWEEP_EVERY:
                    self._swept_at = now
                    await session.execute(delete(table).where(table.c.expires_at < now))
                return await insert_once(self.db, session, table,
                                         {"event_id": event_id[:64], "expires_at": now + self.lifetime})
        except Exception as error:
            log.warning("slack: could not check whether event %s was answered already: %s",
                        event_id, error)
            return True
