"""Facilitator prompts: posts for a date, a week's start, or every week; and `prompt now`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Protocol

from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.messages import Heading, Reply, Text
from bot.schedule.course_window import prompt_trigger
from bot.schedule.deliveries import Delivery, DeliveryRepository
from bot.schedule.outbox import Outbox, PassReport
from bot.schedule.planner import with_next_due
from bot.schedule.schedules import Kind, Schedule, ScheduleRepository, Status, new_schedule
from bot.schedule.triggers import Once, Trigger, WeekStart
from bot.schedule.when import Until
from bot.store.groups import StudyGroup

COURSE_SOURCE = "course"
ScheduleListener = Callable[[Sequence[tuple[Schedule, StudyGroup]]], Awaitable[None]]


async def _no_listener(changed: Sequence[tuple[Schedule, StudyGroup]]) -> None:
    return None


class DailyCap(Protocol):
    """Refuses (raises) a facilitator's prompt past the channel's daily allowance."""

    async def check(self, group: StudyGroup, now: datetime) -> None: ...


class AlreadyPast(ValueError):
    """The prompt's only time has gone by."""


@dataclass(frozen=True)
class Queued:
    added: tuple[int, ...]
    already: tuple[int, ...]
    past: tuple[int, ...] = ()


class PromptService:
    def __init__(self, schedules: ScheduleRepository, deliveries: DeliveryRepository,
                 catalog: Catalog, outbox: Outbox, *, changed: ScheduleListener = _no_listener,
                 cap: DailyCap | None = None) -> None:
        self.schedules = schedules
        self.deliveries = deliveries
        self.catalog = catalog
        self.outbox = outbox
        self.changed = changed
        self.cap = cap

    async def add(self, group: StudyGroup, trigger: Trigger, text: str, by: str, now: datetime,
                  source: str = "", *, notify: bool = True, until: Until | None = None) -> Schedule:
        """Schedule a prompt; a weekly one runs inside the course's weeks unless `until` says."""
        bounded = prompt_trigger(trigger, group, self.course_of(group), until)
        fresh = replace(new_schedule(group, Kind.PROMPT, bounded, now, text, source),
                        until_set=until is not None)
        fresh = with_next_due(fresh, group)
        if fresh.next_due_at is None:
            raise AlreadyPast(trigger)
        if self.cap is not None and source != COURSE_SOURCE:
            await self.cap.check(group, now)
        stored = await self.schedules.add(fresh, by, now)
        if notify:
            await self.changed([(stored, group)])
        return stored

    async def all(self, group: StudyGroup) -> list[Schedule]:
        return await self.schedules.of_group(group, Kind.PROMPT)

    async def get(self, group: StudyGroup, number: int) -> Schedule | None:
        return await self.schedules.prompt(group, number)

    async def edit(self, group: StudyGroup, prompt: Schedule, text: str, now: datetime) -> Schedule:
        updated = replace(prompt, text=text, source="")
        await self.schedules.update(updated, now)
        return updated

    async def cancel(self, group: StudyGroup, prompt: Schedule, now: datetime) -> Schedule:
        updated = replace(prompt, status=Status.OFF)
        await self.schedules.update(updated, now)
        await self.changed([(updated, group)])
        return updated

    async def last_deliveries(self, group: StudyGroup) -> dict[str, Delivery]:
        """The latest delivery of each of the group's schedules (from recent history)."""
        latest: dict[str, Delivery] = {}
        for delivery in await self.deliveries.recent(group.tenant, group.channel_id, 200):
            latest.setdefault(delivery.key.schedule_id, delivery)
        return latest

    def course_of(self, group: StudyGroup) -> Course | None:
        return self.catalog.get(group.course_id)

    async def queue_course(self, group: StudyGroup, course: Course, at: time, by: str,
                           now: datetime) -> Queued:
        """One post per week at the week's start with its discussion prompts; never twice."""
        queued = {s.trigger.week for s in await self.all(group)
                  if s.source == COURSE_SOURCE and s.status is Status.ACTIVE
                  and isinstance(s.trigger, WeekStart)}
        added, already, past = [], [], []
        for week in course.weeks:
            if not week.prompts:
                continue
            if week.number in queued:
                already.append(week.number)
                continue
            text = course_prompt_text(week.number, week.prompts)
            try:
                await self.add(group, WeekStart(week.number, at), text, by, now, COURSE_SOURCE)
            except AlreadyPast:
                past.append(week.number)
                continue
            added.append(week.number)
        return Queued(tuple(added), tuple(already), tuple(past))

    async def post_now(self, group: StudyGroup, text: str, by: str,
                       now: datetime) -> tuple[Schedule, PassReport]:
        """Post at once, through the same claim and retry path as every scheduled post."""
        # Not announced to the scheduler: this call posts it, and answers with the result.
        prompt = await self.add(group, Once(now), text, by, now, notify=False)
        return prompt, await self.outbox.post_now(prompt.id, now)


def course_prompt_text(week: int, prompts: Sequence[str]) -> str:
    lines = "\n".join(f"• {p}" for p in prompts)
    return f"Week {week} questions to discuss:\n{lines}"


def prompt_post(schedule: Schedule) -> Reply:
    """A prompt as posted: a facilitator's words are user text, escaped by every renderer."""
    heading = "Discussion prompt" if schedule.from_course else "From your facilitator"
    return Reply.of(Heading(heading), Text(schedule.text, from_user=not schedule.from_course),
                    Text("Reply here to join in."),
                    summary=f"{heading}: {schedule.text[:80]}", open_thread=True)
