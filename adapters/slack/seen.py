"""Slack re-sends an event it thinks we missed (no 200 within 3 seconds, a restart, a
load balancer that picked another replica). The event's id is written to the database
the first time, so the whole deployment answers it once, across replicas and restarts."""

from __future__ import annotations

import asyncio
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
# Rows in one insert: well under SQLite's limit of variables in one statement.
MOST_AT_ONCE = 500


async def insert_once(db: Database, session: AsyncSession, table: Table, row: dict[str, Any]) -> bool:
    """Insert `row` unless its key is there already; True when this call inserted it
    (one answer for every replica: the database decides who was first)."""
    inserted = await session.execute(db.insert(table).values(**row).on_conflict_do_nothing()
                                     .returning(*table.primary_key.columns))
    return inserted.first() is not None


class SeenEvents:
    """Event ids are written in batches: every request waits on this before Slack gets
    its acknowledgement, and one insert per request, each waiting its turn for SQLite's
    lock, made the acknowledgements queue behind each other under load."""

    def __init__(self, db: Database, *, lifetime: timedelta = REMEMBER_FOR) -> None:
        self.db = db
        self.lifetime = lifetime
        self._swept_at: datetime | None = None
        self._waiting: list[tuple[str, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def first_time(self, event_id: str | None, now: datetime | None = None) -> bool:
        """True for an event not answered before. If the database cannot say, answer: a
        rare second answer is better than none."""
        if not event_id:
            return True
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((event_id[:64], answer))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting(now))
        try:
            return await answer
        except Exception as error:
            log.warning("slack: could not check whether event %s was answered already: %s",
                        event_id, error)
            return True

    async def _write_waiting(self, now: datetime | None) -> None:
        # A waiter may have gone (its request was cancelled): it is skipped, never allowed
        # to stop the writer and leave the rest of its batch waiting.
        while self._waiting:
            batch, self._waiting = self._waiting[:MOST_AT_ONCE], self._waiting[MOST_AT_ONCE:]
            try:
                new = await self._insert({event_id for event_id, _ in batch}, now or utcnow())
            except Exception as error:
                for _, answer in batch:
                    if not answer.done():
                        answer.set_exception(error)
                continue
            except BaseException:
                for _, answer in (*batch, *self._waiting):
                    answer.cancel()
                raise
            for event_id, answer in batch:
                # The same id twice in one batch (a re-send racing the first): one answers.
                if not answer.done():
                    answer.set_result(event_id in new)
                new.discard(event_id)

    async def _insert(self, event_ids: set[str], now: datetime) -> set[str]:
        """The ids of `event_ids` that were not there yet (now they are)."""
        table = cast(Table, SlackSeenEventRow.__table__)
        rows = [{"event_id": event_id, "expires_at": now + self.lifetime} for event_id in sorted(event_ids)]
        async with self.db.writing() as session:
            if self._swept_at is None or now - self._swept_at >= SWEEP_EVERY:
                self._swept_at = now
                await session.execute(delete(table).where(table.c.expires_at < now))
            inserted = await session.execute(self.db.insert(table).values(rows).on_conflict_do_nothing()
                                             .returning(table.c.event_id))
            return {str(event_id) for event_id in inserted.scalars()}
