"""The daily retention job: logs older than the retention period are deleted.

Which tables are logs, and which of their rows must stay (a delivery still being
posted), is declared by each table (bot.store.personal). Every replica may run the
job: deleting what is already gone deletes nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.ports import Clock
from bot.store.erasure import PersonalRows

log = logging.getLogger(__name__)

JOB_ID = "studybot-retention"
EVERY = timedelta(days=1)


class RetentionJob:
    def __init__(self, rows: PersonalRows, days: int, *, clock: Clock) -> None:
        self.rows = rows
        self.days = days
        self.clock = clock

    async def run(self) -> dict[str, int]:
        """Delete expired log rows now; rows deleted by table. Never raises."""
        before = self.clock() - timedelta(days=self.days)
        try:
            expired = await self.rows.expire(before)
        except Exception:  # the next day's run tries again; never take the scheduler down
            log.exception("log retention failed")
            return {}
        if expired:
            log.info("log retention deleted old rows", extra={"before": before.isoformat(),
                                                              "deleted": expired})
        return expired
