"""Which occurrences a pass claims, skips or leaves alone: pure, so it is easy to test.

For each due schedule, the occurrences in (watermark, now] are split:
- the latest one within the grace window is claimed to be posted;
- every other one is recorded as skipped (too late, or superseded by a later one),
  so a long outage never makes a burst of stale posts;
and the schedule's watermark moves to `now`, its next_due_at to the next occurrence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from bot.schedule.deliveries import DeliveryKey, DeliveryStatus, NewDelivery
from bot.schedule.schedules import Schedule
from bot.schedule.triggers import GroupTime, next_after, occurrences
from bot.store.groups import StudyGroup


@dataclass(frozen=True)
class Job:
    """One occurrence to attempt, with what is needed to build and route the post."""

    key: DeliveryKey
    schedule: Schedule
    group: StudyGroup
    attempts: int = 0


@dataclass
class ClaimPlan:
    rows: list[NewDelivery] = field(default_factory=list)
    advances: list[dict[str, Any]] = field(default_factory=list)
    jobs: dict[DeliveryKey, Job] = field(default_factory=dict)
    skipped: int = 0


def plan_claims(due: list[tuple[Schedule, StudyGroup]], now: datetime, grace: timedelta,
                max_skipped: int, targets: Mapping[str, Sequence[str]] | None = None,
                most_posts: int | None = None) -> ClaimPlan:
    """`targets` fans a schedule out to people (by id) instead of the group's channel.

    With `most_posts`, schedules are taken in order only while their posts fit (the
    first always is): a session's reminder goes to everyone who said they would come,
    and a claim of a few hundred such schedules would be tens of thousands of posts,
    more than its lease covers and all of them one replica's. The schedules left out
    stay due, untouched, for the next claim.
    """
    plan = ClaimPlan()
    for schedule, group in due:
        people = (targets or {}).get(schedule.id, (schedule.channel_id,))
        if most_posts is not None and plan.jobs and len(plan.jobs) + len(people) > most_posts:
            break
        where = GroupTime(group.zone, group.start_date)
        found = occurrences(schedule.trigger, where, schedule.watermark, now)
        on_time = [o for o in found if o >= now - grace]
        send = on_time[-1:]
        for target in people:
            for occurrence in [o for o in found if o not in send][-max_skipped:]:
                key = _key(schedule, occurrence, target)
                plan.rows.append(NewDelivery(key, DeliveryStatus.SKIPPED, _why_skipped(occurrence, send)))
                plan.skipped += 1
            for occurrence in send:
                key = _key(schedule, occurrence, target)
                plan.rows.append(NewDelivery(key, DeliveryStatus.PENDING))
                plan.jobs[key] = Job(key, schedule, group)
        plan.advances.append(_advance(schedule, next_after(schedule.trigger, where, now), now))
    return plan


def _key(schedule: Schedule, occurrence: datetime, target: str) -> DeliveryKey:
    return DeliveryKey(schedule.tenant, schedule.id, occurrence, target)


def _why_skipped(occurrence: datetime, send: list[datetime]) -> str:
    if send:
        return "missed while I was offline; a later one was sent instead"
    return "missed while I was offline, too late to send"


def _advance(schedule: Schedule, next_due: datetime | None, now: datetime) -> dict[str, Any]:
    return {"k_platform": schedule.tenant.platform.value, "k_tenant_id": schedule.tenant.id,
            "k_id": schedule.id, "watermark": now, "next_due_at": next_due}


def with_next_due(schedule: Schedule, group: StudyGroup) -> Schedule:
    """The schedule with next_due_at recomputed from its trigger, group and watermark."""
    where = GroupTime(group.zone, group.start_date)
    return replace(schedule, next_due_at=next_after(schedule.trigger, where, schedule.watermark))
