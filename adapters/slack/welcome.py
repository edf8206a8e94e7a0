"""The first time someone opens studybot (its Home or its Messages tab), it says hello
in their DM, once: the welcome is recorded in the database, so every replica knows."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from sqlalchemy import Table

from adapters.slack.seen import insert_once
from adapters.slack.tables import SlackWelcomeRow
from bot.messages import TenantRef
from bot.store.base import utcnow
from bot.store.db import Database

log = logging.getLogger(__name__)


class Welcomes:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def first_time(self, tenant: TenantRef, user_id: str, now: datetime | None = None) -> bool:
        """True once per person. If the database cannot say, no welcome: better none than many."""
        if not user_id:
            return False
        table = cast(Table, SlackWelcomeRow.__table__)
        row = {"platform": tenant.platform.value, "tenant_id": tenant.id, "user_id": user_id[:64],
               "welcomed_at": now or utcnow()}
        try:
            async with self.db.session() as session:
                return await insert_once(self.db, session, table, row)
        except Exception as error:
            log.warning("slack: could not check whether %s was welcomed: %s", user_id, error)
            return False
