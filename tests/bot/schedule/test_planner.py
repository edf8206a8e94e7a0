"""Which occurrences a claim takes: a claim of people's reminders stops at its size in posts."""

from __future__ import annotations

from datetime import date, time, timedelta

from bot.schedule.planner import plan_claims, with_next_due
from bot.schedule.schedules import Kind, Schedule, new_schedule
from bot.schedule.triggers import Weekly
from bot.store.groups import StudyGroup
from tests.bot.schedule.fakes import utc
from tests.people import TENANT

MONDAY_0900 = utc(2026, 12, 7, 9)


def due_reminders(count: int) -> list[tuple[Schedule, StudyGroup]]:
    due = []
    for n in range(count):
        group = StudyGroup(TENANT, f"group-{n}", f"Group {n}", "smart-cities", date(2026, 11, 30),
                           "Europe/London")
        schedule = new_schedule(group, Kind.REMINDER, Weekly(0, time(9)), MONDAY_0900 - timedelta(days=3))
        due.append((with_next_due(schedule, group), group))
    return due


def test_a_claim_takes_schedules_only_while_their_posts_fit() -> None:
    due = due_reminders(3)
    people = {due[0][0].id: ("ada", "bo"), due[1][0].id: ("cy", "di", "ed"), due[2][0].id: ("fi",)}
    plan = plan_claims(due, MONDAY_0900, timedelta(hours=6), 20, people, most_posts=4)
    assert sorted(job.key.target for job in plan.jobs.values()) == ["ada", "bo"]
    assert [a["k_id"] for a in plan.advances] == [due[0][0].id], "the others stay due for the next claim"


def test_a_schedule_with_more_people_than_a_claim_holds_is_still_claimed_whole() -> None:
    due = due_reminders(2)
    people = {due[0][0].id: tuple(f"p{n}" for n in range(7)), due[1][0].id: ("q",)}
    plan = plan_claims(due, MONDAY_0900, timedelta(hours=6), 20, people, most_posts=4)
    assert len(plan.jobs) == 7 and len(plan.advances) == 1


def test_channel_posts_fill_a_claim_one_per_schedule() -> None:
    plan = plan_claims(due_reminders(5), MONDAY_0900, timedelta(hours=6), 20, most_posts=3)
    assert len(plan.jobs) == len(plan.advances) == 3
