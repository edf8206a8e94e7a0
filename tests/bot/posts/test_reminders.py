"""The weekly digest, built for the moment it is sent."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.messages import Actions
from bot.posts.reminders import PostComposer, digest
from bot.schedule.outbox import Skip
from bot.schedule.schedules import Kind, new_schedule
from bot.schedule.triggers import Weekly
from bot.store.groups import StudyGroup
from tests.people import TENANT

GROUP = StudyGroup(TENANT, "cafe", "Cafe", "smart-cities", date(2026, 12, 7), "Europe/London")


def test_the_digest_has_the_weeks_title_tasks_question_and_project_step(course: Course) -> None:
    reply = digest(course, GROUP, datetime(2026, 12, 21, 9, tzinfo=UTC))
    assert not isinstance(reply, Skip)
    week = course.week(3)
    assert week is not None
    text = reply.plain_text()
    assert text.startswith(f"Week 3 of 6 starts today: {week.title}")
    assert all(activity.title in text for activity in week.activities)
    assert week.prompts[0] in text and week.project_step in text
    assert [b.command for p in reply.parts if isinstance(p, Actions) for b in p.buttons] == ["week 3"]


def test_mid_week_it_says_the_week_is_under_way(course: Course) -> None:
    reply = digest(course, GROUP, datetime(2026, 12, 24, 9, tzinfo=UTC))
    assert not isinstance(reply, Skip)
    assert reply.summary.startswith("Week 3 is under way")


def test_before_the_start_a_countdown_and_after_the_end_a_wrap_up_then_silence(course: Course) -> None:
    countdown = digest(course, GROUP, datetime(2026, 12, 4, 9, tzinfo=UTC))
    assert not isinstance(countdown, Skip) and countdown.summary == "Smart cities starts in 3 days"
    wrap_up = digest(course, GROUP, datetime(2027, 1, 18, 9, tzinfo=UTC))
    assert not isinstance(wrap_up, Skip) and wrap_up.summary == "Smart cities is finished"
    assert isinstance(digest(course, GROUP, datetime(2027, 1, 25, 9, tzinfo=UTC)), Skip)


def test_a_group_whose_course_is_not_installed_is_skipped_with_a_reason(course: Course) -> None:
    other = StudyGroup(TENANT, "cafe", "Cafe", "other-course", date(2026, 12, 7), "UTC")
    reminder = new_schedule(other, Kind.REMINDER, Weekly(0, time(9)), datetime(2026, 12, 1, tzinfo=UTC))
    skipped = PostComposer(single_course_catalog(course)).compose(reminder, other,
                                                                  datetime(2026, 12, 21, 9, tzinfo=UTC))
    assert isinstance(skipped, Skip) and "other-course" in skipped.reason
    assert "not installed" in skipped.reason and "group course" in skipped.reason
