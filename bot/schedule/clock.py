"""A study group's calendar: which week it is in, and wall-clock times in its time zone.

Every wall-clock time is turned into an instant in one place, `instant_at`, so the
rule for daylight-saving changes is the same for reminders, prompts and previews:

- a wall time that does not exist (inside the spring-forward gap, e.g. 01:30 in
  London on the last Sunday of March) is read with the offset in force *before*
  the change, so it happens once, one hour later on the new wall clock (02:30 BST).
  APScheduler 3's CronTrigger lands on the same instant;
- a wall time that happens twice (inside the fall-back hour) means the first of
  the two (01:30 BST, not 01:30 GMT). APScheduler 3 would wake up at both; only the
  first is an occurrence, so the second wake-up finds nothing to post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.bounds import zone_name_or_none
from bot.messages import moment

DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class GroupWeek:
    """Where a study group is on its calendar at a moment."""

    group_name: str
    week: int | None
    # Before the start: whole days to go; after the end: finished is True.
    starts_in_days: int | None = None
    finished: bool = False


def instant_at(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant a wall-clock time on `day` stands for in `zone` (see module doc)."""
    return datetime.combine(day, wall, tzinfo=zone).replace(fold=0).astimezone(UTC)


def in_zone(instant: datetime, zone: ZoneInfo) -> datetime:
    """The instant on `zone`'s wall clock. At the very end of the calendar (31 Dec 9999
    in UTC is already year 10000 in Tokyo) there is no such wall time, so it stays in UTC."""
    try:
        return instant.astimezone(zone)
    except OverflowError:
        return instant.astimezone(UTC)


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    return in_zone(instant, zone).date()


def week_start_date(start: date, week: int) -> date:
    return start + timedelta(days=DAYS_PER_WEEK * (week - 1))


def group_week(name: str, start: date, zone: ZoneInfo, week_count: int, now: datetime) -> GroupWeek:
    """Where a group starting on `start` is at `now`: counting down, in a week, or finished."""
    days = (local_date(now, zone) - start).days
    if days < 0:
        return GroupWeek(group_name=name, week=None, starts_in_days=-days)
    week = days // DAYS_PER_WEEK + 1
    if week > week_count:
        return GroupWeek(group_name=name, week=None, finished=True)
    return GroupWeek(group_name=name, week=week)


def days_since_end(start: date, zone: ZoneInfo, week_count: int, now: datetime) -> int:
    """Whole days since the course's last week ended (negative while it runs)."""
    end = week_start_date(start, week_count + 1)
    return (local_date(now, zone) - end).days


def last_course_day(start: date, week_count: int) -> date:
    """The last day of the course's last week."""
    return week_start_date(start, week_count + 1) - timedelta(days=1)


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone called `name` (case as written, or fixed up), or None if unknown."""
    if zone_name_or_none(name) is None:
        return None
    for candidate in (name, _title_case_zone(name)):
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return None


def _title_case_zone(name: str) -> str:
    if name.upper() in {"UTC", "GMT"}:
        return name.upper()
    return "/".join("_".join(w.capitalize() for w in part.split("_")) for part in name.split("/"))


def wall_label(instant: datetime, zone: ZoneInfo) -> str:
    """'Mon 7 Dec 2026, 09:00 GMT': what a facilitator's clock on the wall will show."""
    local = in_zone(instant, zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"


def shown_time(instant: datetime, zone: ZoneInfo, *, countdown: bool = False) -> str:
    """The instant for a reader: on platforms that can, in their own time zone (see
    `bot.messages.moment`); elsewhere on the group's clock, as `wall_label` says it."""
    return moment(instant, wall_label(instant, zone), countdown=countdown)


def day_label(day: date) -> str:
    """'Sun 11 Apr 2027'."""
    return f"{day:%a} {day.day} {day:%b %Y}"
