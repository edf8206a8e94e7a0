"""What the core needs from outside, as Protocols: posting to a platform, and the time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.messages import ChannelRef, Platform, Reply

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PostResult:
    """What happened to one post. `retry_after` is set when the platform asked us to wait."""

    ok: bool
    message_id: str | None = None
    error: str | None = None
    # False for errors that will not heal by retrying (channel gone, bot removed).
    retryable: bool = True
    retry_after: float | None = None
    # Something a facilitator should know about a post that did go out (no thread for answers).
    note: str | None = None

    @staticmethod
    def sent(message_id: str | None = None, *, note: str | None = None) -> PostResult:
        return PostResult(ok=True, message_id=message_id, note=note)

    @staticmethod
    def failed(error: str, *, retryable: bool = True, retry_after: float | None = None) -> PostResult:
        return PostResult(ok=False, error=error, retryable=retryable, retry_after=retry_after)


class Poster(Protocol):
    """An adapter's outbound half: post a reply into a channel, unprompted."""

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult: ...


class ChannelReach(Protocol):
    """Whether the platform will take our posts in a channel, asked before anything is
    scheduled there: None when it will, else what to do about it, in a sentence."""

    async def cannot_post(self, channel: ChannelRef) -> str | None: ...


class Posters:
    """The posters of the platforms this process is connected to, by platform."""

    def __init__(self) -> None:
        self._by_platform: dict[Platform, Poster] = {}
        self._reach: dict[Platform, ChannelReach] = {}

    def register(self, platform: Platform, poster: Poster, reach: ChannelReach | None = None) -> None:
        self._by_platform[platform] = poster
        if reach is not None:
            self._reach[platform] = reach

    async def cannot_post(self, channel: ChannelRef) -> str | None:
        """A platform that cannot tell is taken at its word: posts there are tried."""
        reach = self._reach.get(channel.tenant.platform)
        return None if reach is None or channel.is_direct else await reach.cannot_post(channel)

    def platforms(self) -> set[Platform]:
        return set(self._by_platform)

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        poster = self._by_platform.get(channel.tenant.platform)
        if poster is None:
            return PostResult.failed(f"{channel.tenant.platform.value} is not connected in this process")
        return await poster.post(channel, reply)
