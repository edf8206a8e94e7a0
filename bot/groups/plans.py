"""What a group needs of its scheduled posts, without importing the capability that runs them.

A new start date, time zone or course re-plans every series the group has; the group card
shows its weekly reminder. bot.posts.reminders.ReminderService does both, and bot.wiring
hands it in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.schedule.schedules import Schedule
from bot.store.groups import StudyGroup


class GroupPlans(Protocol):
    async def reminder(self, group: StudyGroup) -> Schedule | None:
        """The group's weekly reminder, if it has one."""
        ...

    async def group_changed(self, group: StudyGroup, now: datetime) -> list[Schedule]:
        """Re-plan every series after the group moved; returns the group's active ones."""
        ...
