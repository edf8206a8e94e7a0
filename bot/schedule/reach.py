"""Before a post is scheduled into a channel: will the platform take it there?"""

from __future__ import annotations

from bot.messages import ChannelRef, Reply, Text
from bot.ports import ChannelReach
from bot.store.units import apart


async def unreachable(reach: ChannelReach | None, channel: ChannelRef) -> Reply | None:
    """A refusal saying why nothing was set up, or None when posts can go there."""
    if reach is None:
        return None
    # The platform may make us wait (a rate limit's Retry-After); a message's unit of
    # work must not hold SQLite's write lock, or PostgreSQL's row locks, meanwhile.
    async with apart():
        why = await reach.cannot_post(channel)
    return None if why is None else Reply.of(Text(f"{why} I've set nothing up yet."))
