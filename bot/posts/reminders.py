"""The weekly reminder: when it fires, what it says (built when sent), and its history."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time

from bot.course.catalog import Catalog
from bot.course.models import Course, Week
from bot.messages import Actions, Bullets, Button, Heading, Reply, Text
from bot.posts.prompts import prompt_post
from bot.schedule.clock import days_since_end, group_week, local_date, week_start_date
from bot.schedule.course_window import WRAP_UP_DAYS, reminder_trigger, replan
from bot.schedule.deliveries import Delivery, DeliveryRepository
from bot.schedule.outbox import Skip
from bot.schedule.planner import with_next_due
from bot.schedule.schedules import CHANNEL_KINDS, Kind, Schedule, ScheduleRepository, Status, new_schedule
from bot.schedule.triggers import GroupTime, upcoming
from bot.store.groups import StudyGroup

# Told whenever schedules change, so the scheduler's jobs follow the rows.
ScheduleListener = Callable[[Sequence[tuple[Schedule, StudyGroup]]], Awaitable[None]]


async def ignore_changes(changed: Sequence[tuple[Schedule, StudyGroup]]) -> None:
    return None


@dataclass(frozen=True)
class Upcoming:
    at: datetime
    schedule: Schedule


class ReminderService:
    def __init__(self, schedules: ScheduleRepository, deliveries: DeliveryRepository,
                 changed: ScheduleListener = ignore_changes, catalog: Catalog | None = None) -> None:
        self.schedules = schedules
        self.deliveries = deliveries
        self.changed = changed
        self.catalog = catalog

    def course_of(self, group: StudyGroup) -> Course | None:
        return self.catalog.get(group.course_id) if self.catalog else None

    async def set_weekly(self, group: StudyGroup, weekday: int, at: time, by: str,
                         now: datetime) -> Schedule:
        trigger = reminder_trigger(weekday, at, group, self.course_of(group))
        fresh = new_schedule(group, Kind.REMINDER, trigger, now)
        current = await self.schedules.reminder(group)
        if current is None:
            stored = await self.schedules.add(with_next_due(fresh, group), by, now)
        else:
            stored = with_next_due(replace(current, trigger=trigger, status=Status.ACTIVE,
                                           watermark=fresh.watermark), group)
            await self.schedules.update(stored, now)
        await self.changed([(stored, group)])
        return stored

    async def set_status(self, group: StudyGroup, status: Status, now: datetime) -> Schedule | None:
        """Pause, resume or turn off; resuming never sends what fell due while paused."""
        current = await self.schedules.reminder(group)
        if current is None:
            return None
        updated = replace(current, status=status)
        if status is Status.ACTIVE and current.status is not Status.ACTIVE:
            updated = with_next_due(replace(updated, watermark=now), group)
        await self.schedules.update(updated, now)
        await self.changed([(updated, group)])
        return updated

    async def reminder(self, group: StudyGroup) -> Schedule | None:
        return await self.schedules.reminder(group)

    async def all(self, group: StudyGroup) -> list[Schedule]:
        """The group's reminder and prompts: what is posted in its channel."""
        return await self.schedules.of_group(group, kinds=CHANNEL_KINDS)

    async def recent(self, group: StudyGroup, limit: int = 5) -> list[Delivery]:
        return await self.deliveries.recent(group.tenant, group.channel_id, limit)

    async def preview(self, group: StudyGroup, now: datetime, count: int) -> list[Upcoming]:
        """The group's next `count` scheduled posts (reminder and prompts), soonest first."""
        where = GroupTime(group.zone, group.start_date)
        found = [Upcoming(at, schedule)
                 for schedule in await self.all(group)
                 if schedule.status is Status.ACTIVE
                 for at in upcoming(schedule.trigger, where, max(now, schedule.watermark), count)]
        return sorted(found, key=lambda u: (u.at, u.schedule.number))[:count]

    async def group_changed(self, group: StudyGroup, now: datetime) -> list[Schedule]:
        """After a new start date, time zone or course: every series is re-planned, and
        every schedule's next time moves with it. Returns the group's active ones."""
        changed = []
        course = self.course_of(group)
        for schedule in await self.schedules.of_group(group):
            updated = with_next_due(replan(schedule, group, course), group)
            await self.schedules.update(updated, now)
            changed.append((updated, group))
        await self.changed(changed)
        return [s for s, _ in changed if s.status is Status.ACTIVE and s.kind in CHANNEL_KINDS]


class PostComposer:
    """Builds scheduled posts at the moment they are sent (see bot.schedule.outbox)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def compose(self, schedule: Schedule, group: StudyGroup, occurrence: datetime) -> Reply | Skip:
        if schedule.kind is Kind.PROMPT:
            return prompt_post(schedule)
        course = self.catalog.get(group.course_id)
        if course is None:
            return Skip(f"the group's course `{group.course_id}` is not installed here; "
                        "`group course ID` moves the group to one that is")
        return digest(course, group, occurrence)


def digest(course: Course, group: StudyGroup, at: datetime) -> Reply | Skip:
    """The weekly reminder: the group's week at `at`, a countdown, or a wrap-up. Each
    calls the group: it carries the mention a facilitator chose (`group ping`), if any."""
    post = _digest(course, group, at)
    return post if isinstance(post, Skip) else replace(post, calls_group=True)


def _digest(course: Course, group: StudyGroup, at: datetime) -> Reply | Skip:
    where = group_week(group.name, group.start_date, group.zone, course.week_count, at)
    if where.starts_in_days is not None:
        return _countdown(course, where.starts_in_days)
    if where.week is None:
        if days_since_end(group.start_date, group.zone, course.week_count, at) >= WRAP_UP_DAYS:
            return Skip("the course has finished; `remind off` stops these reminders")
        return _wrap_up(course)
    week = course.week(where.week)
    assert week is not None  # group_week keeps the week inside the course
    starts_today = local_date(at, group.zone) == week_start_date(group.start_date, week.number)
    return _week_digest(course, week, starts_today)


def _week_digest(course: Course, week: Week, starts_today: bool) -> Reply:
    when = "starts today" if starts_today else "is under way"
    parts: list[Heading | Text | Bullets | Actions] = [
        Heading(f"Week {week.number} of {course.week_count} {when}: {week.title}"),
        Text(week.summary)]
    if week.activities:
        parts += [Text("**What to do**"), Bullets(tuple(_activity(a.title, a.minutes)
                                                         for a in week.activities))]
    if week.prompts:
        parts += [Text("**This week's question**"), Text(f"_{week.prompts[0]}_")]
    if week.project_step:
        parts += [Text("**Your project this week**"), Text(week.project_step)]
    parts.append(Actions((Button(f"Open week {week.number}", f"week {week.number}"),)))
    return Reply(parts=tuple(parts), summary=f"Week {week.number} {when}: {week.title}")


def _countdown(course: Course, days: int) -> Reply:
    first = course.weeks[0]
    when = "tomorrow" if days == 1 else f"in {days} days"
    return Reply.of(
        Heading(f"{course.title} starts {when}"),
        Text(f"Week 1 is _{first.title}_. {first.summary}"),
        Actions((Button("Open week 1", "week 1"),)),
        summary=f"{course.title} starts {when}")


def _wrap_up(course: Course) -> Reply:
    return Reply.of(
        Heading(f"That's a wrap: {course.title} is finished"),
        Text("Well done, everyone. Look back over the weeks, share what you'd do next with "
             "your project, and thank the people who helped you along the way."),
        Actions((Button("All weeks", "weeks"),)),
        summary=f"{course.title} is finished")


def _activity(title: str, minutes: int | None) -> str:
    return f"{title} (about {minutes} min)" if minutes else title
