"""Which week of the course a learner is in: their group's calendar, or their own pace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.course.models import Course
from bot.messages import Incoming
from bot.schedule.clock import GroupWeek
from bot.weeks.store import ProgressRepository


class GroupCalendar(Protocol):
    async def group_week(self, message: Incoming, now: datetime, course: Course) -> GroupWeek | None:
        """The group this message belongs to (its channel, or the DM author's group), if it
        follows `course`."""
        ...


@dataclass(frozen=True)
class Position:
    week: int
    group: GroupWeek | None = None

    @property
    def own_pace(self) -> bool:
        return self.group is None


class WeekService:
    def __init__(
        self, course: Course, progress: ProgressRepository, groups: GroupCalendar | None = None
    ) -> None:
        self.course = course
        self.progress = progress
        self.groups = groups

    async def position(self, message: Incoming, now: datetime) -> Position:
        group = await self.groups.group_week(message, now, self.course) if self.groups else None
        if group is not None:
            return Position(week=self._group_display_week(group), group=group)
        stored = await self.progress.current_week(message.user, self.course.id)
        return Position(week=self.clamp(stored or 1))

    async def move_to(self, message: Incoming, now: datetime, week: int) -> Position:
        """Show `week`; a learner on their own pace also keeps it as their place."""
        week = self.clamp(week)
        position = await self.position(message, now)
        if position.own_pace:
            await self.progress.set_week(message.user, self.course.id, week)
        return Position(week=week, group=position.group)

    def clamp(self, week: int) -> int:
        return min(max(week, 1), self.course.week_count)

    def _group_display_week(self, group: GroupWeek) -> int:
        if group.week is not None:
            return self.clamp(group.week)
        return self.course.week_count if group.finished else 1
