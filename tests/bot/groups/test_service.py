"""The group calendar that `week` consults: a channel's group, or a DM member's group."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.groups.service import GroupService, GroupSettings, GroupSetupError
from bot.store.db import Database
from bot.store.groups import GroupRepository
from bot.weeks.service import WeekService
from bot.weeks.store import ProgressRepository
from tests.people import OTHER_TENANT, FakeClock, say


async def test_a_learners_dm_follows_the_group_they_last_spoke_in(
        db: Database, course: Course, clock: FakeClock) -> None:
    groups = GroupService(GroupRepository(db), single_course_catalog(course))
    weeks = WeekService(course, ProgressRepository(db), groups)
    for channel, start in (("early", date(2026, 11, 16)), ("late", date(2026, 11, 30))):
        await groups.setup(say("", user="fay", channel=channel), GroupSettings(start, "UTC"), clock())
    await weeks.position(say("week", user="lee", channel="early"), clock())
    assert (await weeks.position(say("week", user="lee"), clock())).week == 3
    await weeks.position(say("week", user="lee", channel="late"), clock())
    assert (await weeks.position(say("week", user="lee"), clock())).week == 1
    # Another workspace's learner with the same id is on their own.
    assert (await weeks.position(say("week", user="lee", tenant=OTHER_TENANT), clock())).own_pace


async def test_an_ordinary_channel_is_no_group(db: Database, course: Course, clock: FakeClock) -> None:
    groups = GroupService(GroupRepository(db), single_course_catalog(course))
    assert await groups.group_week(say("week", channel="lobby"), clock(), course) is None


async def test_setting_up_again_changes_the_calendar(db: Database, course: Course) -> None:
    groups = GroupService(GroupRepository(db), single_course_catalog(course))
    now = datetime(2026, 12, 20, tzinfo=UTC)
    message = say("", user="fay", channel="cafe")
    await groups.setup(message, GroupSettings(date(2026, 12, 7), "Europe/London"), now)
    assert (await groups.group_week(message, now, course)).week == 2  # type: ignore[union-attr]
    await groups.setup(message, GroupSettings(date(2026, 12, 14), "europe/london"), now)
    group = await groups.group_for(message, now)
    assert group is not None and group.timezone == "Europe/London"
    assert (await groups.group_week(message, now, course)).week == 1  # type: ignore[union-attr]


async def test_unknown_zones_are_refused(db: Database, course: Course, clock: FakeClock) -> None:
    groups = GroupService(GroupRepository(db), single_course_catalog(course))
    with pytest.raises(GroupSetupError, match="Europe/London"):
        await groups.setup(say("", channel="cafe"), GroupSettings(date(2026, 12, 7), "Nowhere/Town"), clock())
