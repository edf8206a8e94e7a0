"""Answers waiting behind a "Share in channel" button.

A slash command's answer is shown only to the asker. Slack does not send an
ephemeral message's content back with a button click, so the answer is kept here
for a day; a click takes it (once) and posts it for everyone. Kept in the database,
not memory, so the click may reach any replica.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.slack.tables import SlackSharedReplyRow
from bot.messages import TenantRef
from bot.store.base import utcnow
from bot.store.db import Database

SHARE_LIFETIME = timedelta(days=1)
SWEEP_EVERY = timedelta(minutes=10)


class ShareStore:
    def __init__(self, db: Database, *, lifetime: timedelta = SHARE_LIFETIME) -> None:
        self.db = db
        self.lifetime = lifetime
        self._swept_at: datetime | None = None
        self._waiting: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def keep(self, tenant: TenantRef, message: dict[str, Any], now: datetime | None = None) -> str:
        """Kept before the button is shown. Every slash command answer comes here, so
        answers finishing together share one INSERT and one commit."""
        now = now or utcnow()
        share_id = secrets.token_urlsafe(12)
        written = asyncio.get_running_loop().create_future()
        self._waiting.append(({**_key(tenant, share_id), "message": json.dumps(message),
                               "expires_at": now + self.lifetime}, written))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting(now))
        await written
        return share_id

    async def _write_waiting(self, now: datetime) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                async with self.db.writing() as session:
                    await self._sweep(session, now)
                    await session.execute(insert(SlackSharedReplyRow), [row for row, _ in batch])
            except Exception as error:
                for _, written in batch:
                    if not written.done():  # its asker may have gone
                        written.set_exception(error)
            except BaseException:
                for _, written in (*batch, *self._waiting):
                    written.cancel()
                raise
            else:
                for _, written in batch:
                    if not written.done():
                        written.set_result(None)

    async def _sweep(self, session: AsyncSession, now: datetime) -> None:
        """Expired answers go, at most every few minutes."""
        if self._swept_at is None or now - self._swept_at >= SWEEP_EVERY:
            self._swept_at = now
            await session.execute(delete(SlackSharedReplyRow).where(SlackSharedReplyRow.expires_at < now)
                                  .execution_options(synchronize_session=False))

    async def take(self, tenant: TenantRef, share_id: str,
                   now: datetime | None = None) -> dict[str, Any] | None:
        """The kept message, removed so a double click cannot post it twice."""
        key = _key(tenant, share_id[:64])
        async with self.db.session() as session:
            row = await session.get(SlackSharedReplyRow, key)
            if row is None:
                return None
            gone = await session.execute(delete(SlackSharedReplyRow).where(
                *(getattr(SlackSharedReplyRow, column) == value for column, value in key.items())))
            # Two clicks at once: only the one whose DELETE removed the row may post.
            if getattr(gone, "rowcount", 0) != 1 or row.expires_at <= (now or utcnow()):
                return None
            message: dict[str, Any] = json.loads(row.message)
            return message


    async def put_back(self, tenant: TenantRef, share_id: str, message: dict[str, Any],
                       now: datetime | None = None) -> None:
        """A taken answer that Slack did not post, kept again for another click."""
        async with self.db.session() as session:
            await session.execute(insert(SlackSharedReplyRow).values(
                **_key(tenant, share_id[:64]), message=json.dumps(message),
                expires_at=(now or utcnow()) + self.lifetime))


def _key(tenant: TenantRef, share_id: str) -> dict[str, str]:
    return {"platform": tenant.platform.value, "tenant_id": tenant.id, "share_id": share_id}
