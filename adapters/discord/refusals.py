"""Channels where Discord refused to let studybot post, remembered for a while.

Every refused request counts toward Discord's invalid-request limit (10,000 401/403/429
responses in 10 minutes gets the bot's IP banned for a while), so once a channel says
Missing Access (50001) or Missing Permissions (50013), studybot stops trying there for
`hold` seconds and answers by other means (a DM, a private interaction answer), saying
which permissions to give.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import discord

MISSING_ACCESS, MISSING_PERMISSIONS = 50001, 50013
HOLD_SECONDS = 600.0


def is_channel_refusal(error: discord.HTTPException) -> bool:
    return isinstance(error, discord.Forbidden) and error.code in (MISSING_ACCESS, MISSING_PERMISSIONS)


def what_to_give(reason: str) -> str:
    return (f"I can't post in this channel ({reason}). A server admin can give studybot View Channel, "
            "Send Messages, Embed Links and Read Message History here.")


class ChannelRefusals:
    def __init__(self, clock: Callable[[], float] = time.monotonic, hold: float = HOLD_SECONDS) -> None:
        self.clock = clock
        self.hold = hold
        self._refused: dict[int, tuple[float, str]] = {}

    def reason(self, channel_id: int) -> str | None:
        """Why studybot may not post there, if Discord said so within the last `hold` seconds."""
        found = self._refused.get(channel_id)
        if found is None or self.clock() - found[0] > self.hold:
            self._refused.pop(channel_id, None)
            return None
        return found[1]

    def remember(self, channel_id: int, error: discord.HTTPException) -> str:
        reason = f"Discord said {error.text or 'Forbidden'}"
        self._refused[channel_id] = (self.clock(), reason)
        return reason
