"""Facilitators' actions, kept with who did what and when, for `group audit`.

Commands record an action once it has been done (a refused or failed one is not an
action). Learners' own requests, such as `privacy delete`, are not audited: keeping
their id in a log would undo what they asked for.
"""

from __future__ import annotations

from datetime import datetime

from bot.audit.store import AuditEntry, AuditRepository
from bot.messages import Incoming, TenantRef

GROUP_SETUP = "group setup"
GROUP_COURSE = "group course"
GROUP_PING = "group ping"
ROLE_GRANT = "role grant"
ROLE_REVOKE = "role revoke"
REMINDER_SET = "reminder set"
REMINDER_STATUS = "reminder status"
PROMPT_ADD = "prompt add"
PROMPT_NOW = "prompt now"
PROMPT_EDIT = "prompt edit"
PROMPT_CANCEL = "prompt cancel"
PROMPT_QUEUE = "prompt queue-course"
GROUP_DATA_REMOVED = "group data removed"
# What a facilitator posts in their own words: the daily prompt cap counts these.
PROMPT_POSTS = (PROMPT_ADD, PROMPT_NOW)


class AuditLog:
    """Records facilitator actions; `AuditLog(None)` records nothing (for tests of one command)."""

    def __init__(self, entries: AuditRepository | None) -> None:
        self.entries = entries

    async def record(self, message: Incoming, action: str, now: datetime, *, channel_id: str | None = None,
                     detail: str = "", subject: str | None = None) -> None:
        """`channel_id` is the group acted on when it is not where the message was sent."""
        if self.entries is None:
            return
        user = message.user
        await self.entries.record(user.tenant, AuditEntry(
            channel_id=channel_id or message.channel.id, actor_id=user.id, actor_name=user.label,
            action=action, at=now, detail=" ".join(detail.split()), subject_id=subject))

    async def recent(self, tenant: TenantRef, limit: int) -> list[AuditEntry]:
        if self.entries is None:
            return []
        return await self.entries.recent(tenant, limit)
