"""Posts stay inside the course: what a group is sent runs from the week before its
start to its last week, plus one wrap-up.

The weekly reminder's series covers the 7 days before the start (one heads-up), each
week of the course, and the 7 days after the last week (one wrap-up). A facilitator's
weekly prompt runs from the start to the last day of the last week, unless they chose
another end (`until:DATE`, or `until:never`). The bounds are stored on the rows, so the
outbox, the preview and the calendar feed all read the same series; a new start date
re-plans them (`replan`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.course.models import Course
from bot.schedule.clock import group_week, last_course_day
from bot.schedule.schedules import Kind, Schedule
from bot.schedule.triggers import Trigger, Weekly
from bot.schedule.when import Until, WhenError
from bot.store.groups import StudyGroup

HEADS_UP_DAYS = 7
WRAP_UP_DAYS = 7


def reminder_trigger(weekday: int, at: time, group: StudyGroup, course: Course | None) -> Weekly:
    """The weekly reminder's series: one heads-up, the course's weeks, one wrap-up."""
    first = group.start_date - timedelta(days=HEADS_UP_DAYS)
    if course is None:
        return Weekly(weekday, at, first)
    last = last_course_day(group.start_date, course.week_count) + timedelta(days=WRAP_UP_DAYS)
    return Weekly(weekday, at, first, last)


def prompt_trigger(trigger: Trigger, group: StudyGroup, course: Course | None,
                   until: Until | None) -> Trigger:
    """A weekly prompt runs inside the course's weeks, or to the facilitator's `until`."""
    if not isinstance(trigger, Weekly):
        if until is not None:
            raise WhenError("`until:` goes with a weekly prompt (`every friday 17:00 until:...`); "
                            "a one-off prompt ends by itself.")
        return trigger
    if until is not None:
        if until.day is not None and until.day < group.start_date:
            raise WhenError(f"`until:{until.day}` is before the group starts ({group.start_date}). "
                            "Pick a later day.")
        return replace(trigger, first=group.start_date, last=until.day)
    last = last_course_day(group.start_date, course.week_count) if course else None
    return replace(trigger, first=group.start_date, last=last)


def replan(schedule: Schedule, group: StudyGroup, course: Course | None) -> Schedule:
    """The schedule's series moved to the group's (new) start date."""
    trigger = schedule.trigger
    if not isinstance(trigger, Weekly):
        return schedule
    if schedule.kind is Kind.REMINDER:
        return replace(schedule, trigger=reminder_trigger(trigger.weekday, trigger.at, group, course))
    if schedule.kind is Kind.PROMPT:
        until = Until(trigger.last) if schedule.until_set else None
        return replace(schedule, trigger=prompt_trigger(trigger, group, course, until))
    return schedule


def occasion(course: Course | None, group: StudyGroup, at: datetime) -> str:
    """What the weekly reminder at `at` will be: the heads-up, a week, or the wrap-up."""
    if course is None:
        return "skipped: the group's course is not installed"
    where = group_week(group.name, group.start_date, group.zone, course.week_count, at)
    if where.starts_in_days is not None:
        days = "1 day" if where.starts_in_days == 1 else f"{where.starts_in_days} days"
        return f"heads-up: the course starts in {days}"
    if where.week is None:
        return "wrap-up"
    return f"week {where.week}"


def occasion_title(schedule: Schedule, course: Course | None, group: StudyGroup, at: datetime) -> str:
    """A scheduled post's name in a calendar: 'Weekly reminder (week 3)', 'Prompt #2'."""
    if schedule.kind is Kind.REMINDER:
        return f"Weekly reminder ({occasion(course, group, at)})"
    return f"Prompt #{schedule.number}"
