"""Which week a group is in, on its own calendar and in its own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.schedule.clock import group_week, instant_at, wall_label, zone_named

START = date(2026, 12, 7)  # a Monday
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize("now, week, countdown, finished", [
    (datetime(2026, 12, 4, 12, tzinfo=UTC), None, 3, False),
    (datetime(2026, 12, 6, 23, 59, tzinfo=UTC), None, 1, False),
    (datetime(2026, 12, 7, 0, 0, tzinfo=UTC), 1, None, False),
    (datetime(2026, 12, 13, 23, 59, tzinfo=UTC), 1, None, False),
    (datetime(2026, 12, 14, 9, tzinfo=UTC), 2, None, False),
    (datetime(2027, 1, 17, 23, 0, tzinfo=UTC), 6, None, False),
    (datetime(2027, 1, 18, 0, 0, tzinfo=UTC), None, None, True),
])
def test_countdown_then_weeks_then_finished(now: datetime, week: int | None, countdown: int | None,
                                            finished: bool) -> None:
    where = group_week("Cafe", START, LONDON, 6, now)
    assert (where.week, where.starts_in_days, where.finished) == (week, countdown, finished)


def test_the_week_turns_at_midnight_on_the_groups_clock_not_utcs() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    sunday_evening_utc = datetime(2026, 12, 13, 20, tzinfo=UTC)  # Monday 05:00 in Tokyo
    assert group_week("Cafe", START, tokyo, 6, sunday_evening_utc).week == 2
    assert group_week("Cafe", START, LONDON, 6, sunday_evening_utc).week == 1


def test_zone_names_are_forgiving_about_case_and_strict_about_existence() -> None:
    assert zone_named("europe/london") == LONDON
    assert zone_named("America/New_York") == ZoneInfo("America/New_York")
    assert zone_named("utc") == ZoneInfo("UTC")
    assert zone_named("Mars/Olympus_Mons") is None
    assert zone_named("../../etc/passwd") is None


def test_wall_labels_say_which_side_of_a_clock_change_a_time_is() -> None:
    before = instant_at(date(2027, 3, 22), time(9), LONDON)
    after = instant_at(date(2027, 3, 29), time(9), LONDON)
    assert wall_label(before, LONDON) == "Mon 22 Mar 2027, 09:00 GMT"
    assert wall_label(after, LONDON) == "Mon 29 Mar 2027, 09:00 BST"
