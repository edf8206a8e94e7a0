"""Occurrences on the group's wall clock, through both daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.schedule.triggers import (
    GroupTime,
    Once,
    Weekly,
    WeekStart,
    last_occurrence,
    next_after,
    occurrences,
    upcoming,
)
from tests.bot.schedule.fakes import utc

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
SUNDAY, MONDAY = 6, 0


def where(zone: ZoneInfo, start: date = date(2026, 1, 5)) -> GroupTime:
    return GroupTime(zone, start)


@pytest.mark.parametrize("zone, before, after", [
    # London springs forward on 28 March 2027: 09:00 GMT is 09:00 UTC, 09:00 BST is 08:00 UTC.
    (LONDON, utc(2027, 3, 22, 9), utc(2027, 3, 29, 8)),
    # ...and falls back on 25 October 2026.
    (LONDON, utc(2026, 10, 19, 8), utc(2026, 10, 26, 9)),
    # New York springs forward on 14 March 2027 (EST -5 -> EDT -4)...
    (NEW_YORK, utc(2027, 3, 8, 14), utc(2027, 3, 15, 13)),
    # ...and falls back on 1 November 2026.
    (NEW_YORK, utc(2026, 10, 26, 13), utc(2026, 11, 2, 14)),
])
def test_monday_nine_stays_nine_on_the_wall_across_clock_changes(
        zone: ZoneInfo, before: datetime, after: datetime) -> None:
    trigger = Weekly(MONDAY, time(9, 0))
    found = occurrences(trigger, where(zone), before - timedelta(days=1), after + timedelta(days=1))
    assert found == [before, after]
    assert [f.astimezone(zone).strftime("%a %H:%M") for f in found] == ["Mon 09:00", "Mon 09:00"]


@pytest.mark.parametrize("zone, night, instant, wall", [
    # 01:30 does not exist in London on 28 March 2027; it happens once, at 02:30 BST.
    (LONDON, date(2027, 3, 28), utc(2027, 3, 28, 1, 30), "02:30 BST"),
    # 02:30 does not exist in New York on 14 March 2027; once, at 03:30 EDT.
    (NEW_YORK, date(2027, 3, 14), utc(2027, 3, 14, 7, 30), "03:30 EDT"),
])
def test_a_time_in_the_skipped_hour_happens_once_an_hour_later(
        zone: ZoneInfo, night: date, instant: datetime, wall: str) -> None:
    trigger = Weekly(SUNDAY, time(1, 30) if zone is LONDON else time(2, 30))
    found = occurrences(trigger, where(zone), instant - timedelta(hours=12), instant + timedelta(hours=12))
    assert found == [instant]
    assert found[0].astimezone(zone).strftime("%H:%M %Z") == wall


@pytest.mark.parametrize("zone, instant, wall", [
    # 01:30 happens twice in London on 25 October 2026: the first (BST) is the one.
    (LONDON, utc(2026, 10, 25, 0, 30), "01:30 BST"),
    (NEW_YORK, utc(2026, 11, 1, 5, 30), "01:30 EDT"),
])
def test_a_time_in_the_repeated_hour_happens_once_the_first_time(
        zone: ZoneInfo, instant: datetime, wall: str) -> None:
    trigger = Weekly(SUNDAY, time(1, 30))
    found = occurrences(trigger, where(zone), instant - timedelta(hours=12), instant + timedelta(hours=12))
    assert found == [instant]
    assert found[0].astimezone(zone).strftime("%H:%M %Z") == wall


@pytest.mark.parametrize("zone, wall, start", [
    (LONDON, time(9, 0), utc(2027, 3, 20)), (LONDON, time(1, 30), utc(2027, 3, 25)),
    (NEW_YORK, time(2, 30), utc(2027, 3, 10)), (NEW_YORK, time(23, 45), utc(2026, 10, 29)),
])
def test_apschedulers_cron_trigger_wakes_us_at_the_same_instants(
        zone: ZoneInfo, wall: time, start: datetime) -> None:
    ours = upcoming(Weekly(SUNDAY, wall), where(zone), start, 3)
    cron = CronTrigger(day_of_week=SUNDAY, hour=wall.hour, minute=wall.minute, timezone=zone)
    theirs, previous = [], None
    for _ in range(3):
        previous = cron.get_next_fire_time(previous, previous or start)
        theirs.append(previous.astimezone(UTC))
        previous = previous + timedelta(microseconds=1)
    assert ours == theirs


def test_windows_are_half_open_so_a_pass_never_counts_an_occurrence_twice() -> None:
    trigger = Weekly(MONDAY, time(9, 0))
    monday = utc(2026, 12, 7, 9)
    assert occurrences(trigger, where(LONDON), monday - timedelta(hours=1), monday) == [monday]
    assert occurrences(trigger, where(LONDON), monday, monday + timedelta(hours=1)) == []
    assert next_after(trigger, where(LONDON), monday) == monday + timedelta(days=7)


def test_week_start_follows_the_groups_start_date_and_zone() -> None:
    group = GroupTime(NEW_YORK, date(2026, 11, 30))
    trigger = WeekStart(3, time(9, 0))
    assert next_after(trigger, group, utc(2026, 12, 1)) == utc(2026, 12, 14, 14)
    assert next_after(trigger, group, utc(2026, 12, 14, 14)) is None


def test_a_one_off_is_due_once() -> None:
    at = utc(2026, 12, 10, 17)
    assert occurrences(Once(at), where(LONDON), at - timedelta(minutes=1), at) == [at]
    assert upcoming(Once(at), where(LONDON), at - timedelta(days=1), 5) == [at]
    assert next_after(Once(at), where(LONDON), at) is None


def test_a_bounded_series_starts_on_its_first_day_however_far_ahead_and_stops_on_its_last() -> None:
    series = Weekly(MONDAY, time(9), first=date(2027, 2, 22), last=date(2027, 3, 14))
    assert next_after(series, where(LONDON), utc(2026, 12, 1)) == utc(2027, 2, 22, 9)
    assert upcoming(series, where(LONDON), utc(2026, 12, 1), 10) == [
        utc(2027, 2, 22, 9), utc(2027, 3, 1, 9), utc(2027, 3, 8, 9)]
    assert occurrences(series, where(LONDON), utc(2026, 1, 1), utc(2028, 1, 1)) == [
        utc(2027, 2, 22, 9), utc(2027, 3, 1, 9), utc(2027, 3, 8, 9)]
    assert next_after(series, where(LONDON), utc(2027, 3, 8, 9)) is None
    assert last_occurrence(series, where(LONDON)) == utc(2027, 3, 8, 9)


def test_a_series_ending_on_its_weekday_includes_that_day() -> None:
    # New York springs forward on 14 March 2027; a late wall time is the next day in UTC.
    series = Weekly(MONDAY, time(23, 30), first=date(2027, 3, 8), last=date(2027, 3, 15))
    assert occurrences(series, where(NEW_YORK), utc(2027, 1, 1), utc(2027, 6, 1)) == [
        utc(2027, 3, 9, 4, 30), utc(2027, 3, 16, 3, 30)]
