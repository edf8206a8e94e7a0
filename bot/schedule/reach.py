"""Before a post is scheduled into a channel: will the platform take it there?"""

from __future__ import annotations

from bot.messages import ChannelRef, Reply, Text
from bot.ports import ChannelReach


async def unreachable(reach: ChannelReach | None, channel: ChannelRef) -> Reply | None:
    """A refusal saying why nothing was set up, or None when posts can go there."""
    why = None if reach is None else await reach.cannot_post(channel)
    return None if why is None else Reply.of(Text(f"{why} I've set nothing up yet."))
