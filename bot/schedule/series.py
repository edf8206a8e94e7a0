"""How a weekly series is told: its day and time, its heads-up, wrap-up and end."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.schedule.clock import day_label, local_date, shown_time
from bot.schedule.schedules import Kind, Schedule, Status
from bot.schedule.triggers import GroupTime, Weekly, describe, last_occurrence
from bot.store.groups import StudyGroup


def weekly_words(reminder: Schedule, group: StudyGroup) -> str:
    """The reminder's day and time; its bounds are told as the heads-up and the wrap-up."""
    trigger = reminder.trigger
    if isinstance(trigger, Weekly):
        trigger = replace(trigger, first=None, last=None)
    return describe(trigger, group.zone)


def reminder_end(schedule: Schedule, group: StudyGroup) -> datetime | None:
    return last_occurrence(schedule.trigger, GroupTime(group.zone, group.start_date))


def replanned_text(schedules: list[Schedule], group: StudyGroup, now: datetime) -> str | None:
    """What a new start date did to the group's posts, or None when it has none."""
    if not schedules:
        return None
    bits = []
    for schedule in schedules:
        end = reminder_end(schedule, group)
        if schedule.kind is Kind.REMINDER and schedule.next_due_at is not None:
            first = schedule.next_due_at
            start = "heads-up" if local_date(first, group.zone) < group.start_date else "next"
            wrap = f", wrap-up {day_label(local_date(end, group.zone))}" if end else ""
            bits.append(f"weekly reminder: {start} {day_label(local_date(first, group.zone))}{wrap}")
        elif end is not None:
            bits.append(f"prompt #{schedule.number}: last post {day_label(local_date(end, group.zone))}")
    moved = "; ".join(bits) if bits else "every prompt follows the new weeks"
    return f"I re-planned the group's posts for these dates ({moved}). `reminders preview` lists them."


def series_ends(schedules: list[Schedule], group: StudyGroup, now: datetime) -> list[str]:
    """When each active series ends, so a preview says where the posts stop."""
    lines = []
    for schedule in schedules:
        end = reminder_end(schedule, group)
        if schedule.status is not Status.ACTIVE or end is None or end <= now:
            continue
        if schedule.kind is Kind.REMINDER:
            lines.append(f"The weekly reminder ends with the wrap-up on {shown_time(end, group.zone)}; "
                         "nothing is posted after that.")
        else:
            lines.append(f"Prompt #{schedule.number}'s last post is {shown_time(end, group.zone)}.")
    return lines

