"""Several Audiences as one: each kind of schedule that goes to people has its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.messages import Reply
from bot.schedule.outbox import Addressed, Audience, Skip
from bot.schedule.schedules import Kind, Schedule
from bot.store.groups import StudyGroup


class Audiences:
    def __init__(self, by_kind: Mapping[Kind, Audience]) -> None:
        self.by_kind = dict(by_kind)

    async def targets(self, due: Sequence[tuple[Schedule, StudyGroup]]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for kind, audience in self.by_kind.items():
            mine = [(s, g) for s, g in due if s.kind is kind]
            if mine:
                found.update(await audience.targets(mine))
        return found

    async def compose(self, schedule: Schedule, group: StudyGroup, occurrence: datetime,
                      person: str) -> Reply | Addressed | Skip:
        audience = self.by_kind.get(schedule.kind)
        if audience is None:
            return Skip(f"nobody here sends {schedule.kind} messages")
        return await audience.compose(schedule, group, occurrence, person)
