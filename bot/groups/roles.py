"""Facilitators and learners: platform admins are facilitators, others by grant."""

from __future__ import annotations

import re
from datetime import datetime

from bot.messages import Incoming, TenantRef
from bot.store.groups import GroupRepository

# "<@U123>" (Slack, Discord), "<@!123>" (Discord nickname mention), "@ada", or "ada".
MENTION = re.compile(r"^<@!?([A-Za-z0-9._-]+)(?:\|[^>]*)?>$|^@?([A-Za-z0-9._-]+)$")


def user_id_from_mention(text: str) -> str | None:
    """The user id in `@user`: a raw id, a `<@U123>` mention, or `@name` (the id `name`).

    On Slack and Discord, picking a person from the @ menu sends `<@ID>`, which is
    exact. A typed `@name` is taken as the id `name` as it is, which is what the
    console uses; display names are not looked up.
    """
    match = MENTION.match(text.strip())
    if match is None:
        return None
    return match.group(1) or match.group(2)


class RoleService:
    def __init__(self, groups: GroupRepository) -> None:
        self.groups = groups

    async def is_facilitator(self, message: Incoming) -> bool:
        """The router's check: the platform's admins, or anyone granted the role here."""
        if message.user_is_platform_admin:
            return True
        return await self.groups.is_granted(message.user.tenant, message.user.id)

    async def grant(self, tenant: TenantRef, user_id: str, by: str, now: datetime) -> bool:
        return await self.groups.grant(tenant, user_id, by, now)

    async def revoke(self, tenant: TenantRef, user_id: str) -> bool:
        return await self.groups.revoke(tenant, user_id)

    async def granted(self, tenant: TenantRef) -> list[str]:
        return await self.groups.granted(tenant)
