"""Before anything is scheduled into a channel, the platform is asked whether it will take posts there."""

from __future__ import annotations

import asyncio

from bot.app import open_companion
from bot.config import Settings
from bot.messages import ChannelRef, Platform, Reply, TenantRef
from bot.ports import Posters, PostResult
from bot.schedule.reach import unreachable
from tests.people import say

TENANT = TenantRef(Platform.CONSOLE, "local")


class ClosedDoor:
    def __init__(self) -> None:
        self.asked: list[str] = []

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        return PostResult.sent()

    async def cannot_post(self, channel: ChannelRef) -> str | None:
        self.asked.append(channel.id)
        return "Invite me to this channel first."


async def test_a_channel_the_platform_will_not_post_in_is_refused_with_its_reason() -> None:
    posters, door = Posters(), ClosedDoor()
    posters.register(Platform.CONSOLE, door, reach=door)
    refused = await unreachable(posters, ChannelRef(TENANT, "cafe"))
    assert refused is not None and "Invite me to this channel first. I've set nothing up yet." in str(refused)
    assert door.asked == ["cafe"]


async def test_a_direct_message_or_a_platform_that_cannot_tell_is_not_refused() -> None:
    posters, door = Posters(), ClosedDoor()
    posters.register(Platform.CONSOLE, door, reach=door)
    assert await unreachable(posters, ChannelRef(TENANT, "me", is_direct=True)) is None
    quiet = Posters()
    quiet.register(Platform.CONSOLE, door)
    assert await unreachable(quiet, ChannelRef(TENANT, "cafe")) is None
    assert await unreachable(None, ChannelRef(TENANT, "cafe")) is None


class SlowDoor:
    """A platform that makes the reach check wait (a rate limit), until released."""

    def __init__(self) -> None:
        self.slow = False
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        return PostResult.sent()

    async def cannot_post(self, channel: ChannelRef) -> str | None:
        if self.slow:
            self.entered.set()
            await self.release.wait()
        return None


async def test_others_are_answered_while_the_platform_makes_a_setup_wait(settings: Settings) -> None:
    """The facilitator's message has already written (they joined the group by speaking in
    it) when the platform makes the reach check wait; meanwhile a learner's note is saved.
    Holding the message's transaction open across that wait kept SQLite's write lock."""
    door = SlowDoor()
    async with open_companion(settings) as companion:
        companion.posters.register(Platform.CONSOLE, door, reach=door)
        await companion.handle(say("group setup start:2026-01-05 tz:UTC course:smart-cities",
                                   channel="cafe", admin=True))
        door.slow = True
        reminder = asyncio.create_task(companion.handle(
            say("remind monday 09:00", user="fay", channel="cafe", admin=True)))
        await asyncio.wait_for(door.entered.wait(), 10)
        note = await asyncio.wait_for(companion.handle(say("ideas add sensors on the bridge",
                                                           user="bob")), 5)
        assert "as note #1" in note.plain_text()
        door.release.set()
        assert "went wrong" not in (await reminder).plain_text()
        assert "monday" in (await companion.handle(say("reminders", channel="cafe"))).plain_text().lower()
