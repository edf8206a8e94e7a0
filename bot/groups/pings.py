"""Opt-in pings: the one role or user group a group's posts may mention.

A facilitator chooses it (`group ping @role`); the weekly reminder and session
announcements carry it as `Reply.ping`, which each renderer turns into its platform's
mention and the only one that message may make. Nothing else the bot sends pings.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.groups.store import GroupSettingsRepository
from bot.messages import ChannelRef, Ping, Reply
from bot.ports import Poster, PostResult
from bot.store.groups import StudyGroup


class PingService:
    def __init__(self, settings: GroupSettingsRepository) -> None:
        self.settings = settings

    async def current(self, group: StudyGroup) -> Ping | None:
        return (await self.settings.get(group)).ping

    async def choose(self, group: StudyGroup, ping: Ping | None, now: datetime) -> None:
        current = await self.settings.get(group)
        await self.settings.save(group, replace(current, ping=ping), now)

    async def calling(self, group: StudyGroup, reply: Reply) -> Reply:
        """`reply` with the group's chosen mention, if there is one."""
        ping = await self.current(group)
        return replace(reply, ping=ping) if ping else reply


class GroupPings:
    """A Poster in front of the platforms' posters: a scheduled post that calls the group
    (`Reply.calls_group`, the weekly reminder) gets the group's chosen mention, read when
    it is sent, so a change of `group ping` applies to the very next post."""

    def __init__(self, inner: Poster, settings: GroupSettingsRepository) -> None:
        self.inner = inner
        self.settings = settings

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        if reply.calls_group and reply.ping is None and not (channel.is_direct or channel.to_person):
            ping = await self.settings.ping_of(channel.tenant, channel.id)
            if ping is not None:
                reply = replace(reply, ping=ping)
        return await self.inner.post(channel, reply)
