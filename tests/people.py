"""Test twins for people and time: messages from named users, a clock we move by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.messages import ChannelRef, Incoming, Platform, TenantRef, UserRef

TENANT = TenantRef(Platform.CONSOLE, "test-workspace")
OTHER_TENANT = TenantRef(Platform.SLACK, "T-OTHER")


def say(text: str, *, user: str = "ada", channel: str | None = None,
        tenant: TenantRef = TENANT, admin: bool = False, sees: tuple[str, ...] = ()) -> Incoming:
    """A message from `user`: in `channel`, or in a DM when channel is None. `sees`: the
    channels the platform confirms `user` can see."""
    direct = channel is None
    return Incoming(
        user=UserRef(tenant, user, user.title()),
        channel=ChannelRef(tenant, channel or f"dm-{user}", is_direct=direct),
        text=text,
        user_is_platform_admin=admin,
        visible_channels=frozenset(sees),
    )


@dataclass
class FakeClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
