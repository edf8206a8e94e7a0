"""Conversations in progress: a question the bot asked and is waiting to hear back on.

Kept in the database, not in memory, so the answer may reach another replica or
arrive after a restart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import Incoming
from bot.store.base import Base, TenantScoped, UtcDateTime, conversation_key, utcnow
from bot.store.db import Database
from bot.store.personal import CHANNEL, USER, PersonalData, Retention, declare
from bot.store.units import fetch

DIALOG_LIFETIME = timedelta(minutes=30)


class DialogRow(TenantScoped, Base):
    __tablename__ = "dialogs"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(Text, default="{}")
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


declare(DialogRow, PersonalData(
    title="A question I asked you and am waiting for your answer to",
    why="so your answer reaches me even after a restart; it lapses after 30 minutes",
    owned=({"user_id": USER},), group=({"channel_id": CHANNEL},), retention=Retention("expires_at")))


@dataclass(frozen=True)
class Dialog:
    """`kind` names the command that continues it; `state` is that command's own."""

    kind: str
    state: dict[str, Any]


class DialogRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, message: Incoming, now: datetime | None = None) -> Dialog | None:
        async with self.db.session() as session:
            row = await fetch(session, DialogRow, conversation_key(message))
            if row is None:
                return None
            if row.expires_at <= (now or utcnow()):
                await session.delete(row)
                return None
            return Dialog(kind=row.kind, state=json.loads(row.state))

    async def start(self, message: Incoming, dialog: Dialog, now: datetime | None = None) -> None:
        expires = (now or utcnow()) + DIALOG_LIFETIME
        async with self.db.session() as session:
            row = await session.get(DialogRow, conversation_key(message))
            if row is None:
                session.add(DialogRow(**conversation_key(message), kind=dialog.kind,
                                      state=json.dumps(dialog.state), expires_at=expires))
            else:
                row.kind = dialog.kind
                row.state = json.dumps(dialog.state)
                row.expires_at = expires

    async def end(self, message: Incoming) -> None:
        async with self.db.session() as session:
            row = await session.get(DialogRow, conversation_key(message))
            if row is not None:
                await session.delete(row)
