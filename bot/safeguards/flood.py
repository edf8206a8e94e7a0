"""Flood control: how fast a person or a channel may send commands, and how many prompts
a facilitator may post in a channel a day.

Command counts live in this process's memory: they stop a burst, not a budget, so a
restart forgetting them does no harm (with several replicas, each counts its own).
Someone over a limit is told to slow down once; until they are let in again, further
messages get a quiet reply (`Reply()`, no parts), which adapters do not send.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.audit.service import PROMPT_POSTS
from bot.audit.store import AuditRepository
from bot.command import UsageError
from bot.messages import Incoming, Reply, Text
from bot.store.groups import StudyGroup

PRUNE_ABOVE = 10_000  # tracked keys before idle ones are forgotten
Key = tuple[str, str, str]


@dataclass(frozen=True)
class FloodLimits:
    per_user: int = 60
    per_channel: int = 120
    window: timedelta = timedelta(minutes=1)


@dataclass
class _Window:
    """When the admitted messages of one user or channel arrived, within the window."""

    times: deque[datetime] = field(default_factory=deque)
    # Who was told to slow down since this key last let a message in.
    warned: set[str] = field(default_factory=set)

    def forget_before(self, start: datetime) -> None:
        while self.times and self.times[0] <= start:
            self.times.popleft()


class FloodGate:
    def __init__(self, limits: FloodLimits | None = None) -> None:
        self.limits = limits or FloodLimits()
        self._users: dict[Key, _Window] = {}
        self._channels: dict[Key, _Window] = {}

    def admit(self, message: Incoming, now: datetime) -> Reply | None:
        """None to let the message through; otherwise the reply to send instead."""
        tenant = message.user.tenant
        user = _window(self._users, (tenant.platform.value, tenant.id, message.user.id))
        channel = _window(self._channels, (tenant.platform.value, tenant.id, message.channel.id))
        start = now - self.limits.window
        user.forget_before(start)
        channel.forget_before(start)
        if len(user.times) >= self.limits.per_user:
            return _refuse(user, message.user.id, slow_down())
        if len(channel.times) >= self.limits.per_channel:
            return _refuse(channel, message.user.id, channel_busy())
        for admitted in (user, channel):
            admitted.times.append(now)
            admitted.warned.discard(message.user.id)
        self._prune(start)
        return None

    def _prune(self, start: datetime) -> None:
        for windows in (self._users, self._channels):
            if len(windows) > PRUNE_ABOVE:
                idle = [k for k, w in windows.items() if not w.times or w.times[-1] <= start]
                for key in idle:
                    del windows[key]


def _window(windows: dict[Key, _Window], key: Key) -> _Window:
    window = windows.get(key)
    if window is None:
        window = windows[key] = _Window()
    return window


def _refuse(window: _Window, user_id: str, warning: Reply) -> Reply:
    if user_id in window.warned:
        return Reply()
    window.warned.add(user_id)
    return warning


def slow_down() -> Reply:
    return Reply.of(Text("You're sending me messages faster than I can keep up with. Give me a "
                         "minute, then try again."), private=True, summary="Please slow down")


def channel_busy() -> Reply:
    return Reply.of(Text("This channel is sending me a lot of messages at once. Give it a minute, "
                         "then try again."), private=True, summary="Please slow down")


class PromptCapReached(UsageError):
    """A channel has had its day's worth of a facilitator's own prompts."""


class PromptCap:
    """At most `per_day` prompts in a facilitator's own words per channel in any 24 hours,
    counted from the audit log, so a compromised facilitator account cannot spam a group."""

    def __init__(self, audit: AuditRepository, per_day: int) -> None:
        self.audit = audit
        self.per_day = per_day

    async def check(self, group: StudyGroup, now: datetime) -> None:
        used = await self.audit.count(group.tenant, group.channel_id, PROMPT_POSTS,
                                      now - timedelta(days=1))
        if used >= self.per_day:
            raise PromptCapReached(prompt_cap_reached(self.per_day))


def prompt_cap_reached(per_day: int) -> str:
    return (f"This group has had {per_day} new prompts in the last 24 hours, the most I post in a "
            "day. Try again tomorrow, or edit one that's already scheduled with `prompt edit`.")
