"""Before anything is scheduled into a channel, the platform is asked whether it will take posts there."""

from __future__ import annotations

from bot.messages import ChannelRef, Platform, Reply, TenantRef
from bot.ports import Posters, PostResult
from bot.schedule.reach import unreachable

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
