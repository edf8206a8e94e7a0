"""When a schedule fires: its trigger, and the occurrences that follow from it.

Occurrences are pure functions of (trigger, the group's calendar, a time window),
so the scheduler core can be driven by any clock. Windows are half-open,
(after, until]: an occurrence exactly at `after` was handled by the previous pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.schedule.clock import day_label, in_zone, instant_at, local_date, week_start_date

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Weekly:
    """Every week on `weekday` (0 = Monday) at a wall-clock time in the group's zone,
    on days from `first` to `last` (the group's local dates, both included) when set."""

    weekday: int
    at: time
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class Once:
    """One instant (UTC), e.g. a prompt for a given date and time, or `prompt now`."""

    at: datetime


@dataclass(frozen=True)
class WeekStart:
    """The first day of the group's week `week`, at a wall-clock time."""

    week: int
    at: time


Trigger = Weekly | Once | WeekStart


@dataclass(frozen=True)
class GroupTime:
    """What a trigger needs to know about its group: the zone and the start date."""

    zone: ZoneInfo
    start: date


def occurrences(trigger: Trigger, where: GroupTime, after: datetime, until: datetime) -> list[datetime]:
    """Every occurrence in (after, until], oldest first."""
    if isinstance(trigger, Weekly):
        return _weekly_between(trigger, where.zone, after, until)
    instant = single_instant(trigger, where)
    return [instant] if after < instant <= until else []


def next_after(trigger: Trigger, where: GroupTime, after: datetime) -> datetime | None:
    """The first occurrence strictly after `after`, or None when there is none."""
    if isinstance(trigger, Weekly):
        begin = after
        if trigger.first is not None:
            # Jump to the window: a series may start months after `after`.
            begin = max(after, instant_at(trigger.first, time.min, where.zone) - timedelta(days=1))
        found = _weekly_between(trigger, where.zone, begin, begin + timedelta(days=8))
        return found[0] if found else None
    instant = single_instant(trigger, where)
    return instant if instant > after else None


def upcoming(trigger: Trigger, where: GroupTime, after: datetime, count: int) -> list[datetime]:
    """The next `count` occurrences after `after`."""
    found: list[datetime] = []
    cursor = after
    while len(found) < count:
        following = next_after(trigger, where, cursor)
        if following is None:
            break
        found.append(following)
        cursor = following
    return found


def single_instant(trigger: Once | WeekStart, where: GroupTime) -> datetime:
    if isinstance(trigger, Once):
        return trigger.at.astimezone(UTC)
    return instant_at(week_start_date(where.start, trigger.week), trigger.at, where.zone)


def _weekly_between(trigger: Weekly, zone: ZoneInfo, after: datetime, until: datetime) -> list[datetime]:
    # Start a day early: a late-evening wall time may be the next day in UTC.
    day = local_date(after, zone) - timedelta(days=1)
    if trigger.first is not None:
        day = max(day, trigger.first)
    day += timedelta(days=(trigger.weekday - day.weekday()) % 7)
    last_day = local_date(until, zone) + timedelta(days=1)
    if trigger.last is not None:
        last_day = min(last_day, trigger.last)
    found = []
    while day <= last_day:
        instant = instant_at(day, trigger.at, zone)
        if after < instant <= until:
            found.append(instant)
        day += timedelta(days=7)
    return found


def describe(trigger: Trigger, zone: ZoneInfo) -> str:
    """Plain words for a trigger, e.g. 'every Monday at 09:00 (Europe/London)'."""
    if isinstance(trigger, Weekly):
        until = f" until {day_label(trigger.last)}" if trigger.last else ""
        return f"every {WEEKDAYS[trigger.weekday].title()} at {trigger.at:%H:%M} ({zone.key}){until}"
    if isinstance(trigger, WeekStart):
        return f"at the start of week {trigger.week}, {trigger.at:%H:%M} ({zone.key})"
    local = in_zone(trigger.at, zone)
    return f"on {local:%a} {local.day} {local:%b %Y at %H:%M} ({zone.key})"


def last_occurrence(trigger: Trigger, where: GroupTime) -> datetime | None:
    """The final occurrence of a weekly series that has an end (None when it has none)."""
    if not isinstance(trigger, Weekly) or trigger.last is None:
        return None
    end = instant_at(trigger.last + timedelta(days=1), time.min, where.zone)
    found = _weekly_between(trigger, where.zone, end - timedelta(days=8), end)
    return found[-1] if found else None
