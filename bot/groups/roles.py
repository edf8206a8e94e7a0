"""Facilitators and learners: platform admins are facilitators of every group, others
by a grant for one group or (given by an admin) for every group."""

from __future__ import annotations

import re
from datetime import datetime

from bot.messages import Incoming, TenantRef
from bot.store.groups import EVERY_GROUP, Grant, GroupRepository

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


def is_picked_mention(text: str) -> bool:
    """`<@ID>`: a person picked from the platform's @ menu, so the id is exact."""
    return text.strip().startswith("<@")


class RoleService:
    def __init__(self, groups: GroupRepository) -> None:
        self.groups = groups

    async def is_facilitator(self, message: Incoming) -> bool:
        """The router's check: the platform's admins, or anyone granted the role for the
        group the message is about (its channel's; in a DM, the learner's own group)."""
        if message.user_is_platform_admin:
            return True
        tenant = message.user.tenant
        channel_id = (message.channel.id if not message.channel.is_direct
                      else await self.groups.membership(tenant, message.user.id))
        return await self.groups.is_granted(tenant, message.user.id, channel_id or EVERY_GROUP)

    async def grant(self, tenant: TenantRef, user_id: str, by: str, now: datetime,
                    channel_id: str = EVERY_GROUP) -> bool:
        return await self.groups.grant(tenant, user_id, by, now, channel_id)

    async def known(self, tenant: TenantRef, user_id: str) -> bool:
        """Whether `user_id` is someone seen here: a group's member, or already granted a role."""
        if await self.groups.membership(tenant, user_id) is not None:
            return True
        return any(grant.user_id == user_id for grant in await self.groups.granted(tenant))

    async def revoke(self, tenant: TenantRef, user_id: str, channel_id: str = EVERY_GROUP) -> bool:
        return await self.groups.revoke(tenant, user_id, channel_id)

    async def granted(self, tenant: TenantRef, channel_id: str | None = None) -> list[Grant]:
        return await self.groups.granted(tenant, channel_id)
