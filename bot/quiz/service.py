"""Retrieval practice in one course: which questions to ask, and what an answer changes.

A round is a few items: those due for the learner (by FSRS, on their calendar day),
else the week they are in; `quiz week N` asks that week's, due and new ones first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.course.models import Course
from bot.course.quiz import QuizItem
from bot.groups.service import GroupService
from bot.messages import Incoming
from bot.quiz.learners import QuizLearnerRepository
from bot.quiz.spacing import Review, Spacing, days_until, due_cutoff
from bot.quiz.store import Answer, Learner, Missed, ReviewRepository, ReviewState
from bot.schedule.clock import zone_named
from bot.weeks.service import WeekService

ROUND_SIZE = 5


@dataclass(frozen=True)
class Where:
    """What a learner's quiz day depends on: their zone, and the group they study in."""

    zone: ZoneInfo
    group_id: str = ""


@dataclass(frozen=True)
class WeekStats:
    week: int
    items: int
    seen: int
    right_last_time: int
    # The model's average chance of recall now, over the items seen (None: none seen).
    recall: float | None
    due_today: int


class QuizService:
    def __init__(self, course: Course, reviews: ReviewRepository, prefs: QuizLearnerRepository,
                 weeks: WeekService, groups: GroupService | None = None,
                 spacing: Spacing | None = None) -> None:
        self.course = course
        self.reviews = reviews
        self.prefs = prefs
        self.weeks = weeks
        self.groups = groups
        self.spacing = spacing or Spacing()
        self.by_id = {item.id: item for item in course.quiz}

    def learner(self, message: Incoming) -> Learner:
        return Learner.of(message.user, self.course.id)

    def item(self, item_id: str) -> QuizItem | None:
        return self.by_id.get(item_id)

    def week_items(self, week: int) -> list[QuizItem]:
        return [item for item in self.course.quiz if item.week == week]

    async def where(self, message: Incoming, now: datetime) -> Where:
        """The learner's own zone if they set one, else their group's, else UTC."""
        own = (await self.prefs.get(self.learner(message))).timezone
        group = await self.groups.group_for(message, now) if self.groups else None
        group_id = group.channel_id if group is not None and group.course_id == self.course.id else ""
        zone = (zone_named(own) if own else None) or (group.zone if group else None)
        return Where(zone or ZoneInfo("UTC"), group_id)

    async def due_round(self, message: Incoming, now: datetime, zone: ZoneInfo) -> list[QuizItem]:
        """Up to a round of items due today, the most overdue first (known items only)."""
        due = await self.reviews.due(self.learner(message), due_cutoff(now, zone), ROUND_SIZE * 4)
        return [self.by_id[i] for i in due if i in self.by_id][:ROUND_SIZE]

    async def week_round(self, message: Incoming, week: int, now: datetime,
                         zone: ZoneInfo) -> list[QuizItem]:
        """A week's items: due ones, then new ones, then the rest by when they are due."""
        items = self.week_items(week)
        states = await self.reviews.states(self.learner(message), [i.id for i in items])
        cutoff = due_cutoff(now, zone)

        def order(item: QuizItem) -> tuple[int, datetime]:
            state = states.get(item.id)
            if state is None:
                return (1, datetime.min.replace(tzinfo=UTC))
            return (0 if state.due_at < cutoff else 2, state.due_at)

        return sorted(items, key=order)[:ROUND_SIZE]

    async def current_week(self, message: Incoming, now: datetime) -> int:
        return (await self.weeks.position(message, now)).week

    async def answer(self, message: Incoming, item: QuizItem, right: bool, seconds: float | None,
                     now: datetime, group_id: str = "") -> Review:
        learner = self.learner(message)
        before = (await self.reviews.states(learner, [item.id])).get(item.id)
        review = self.spacing.review(before.card if before else None, right, seconds, now)
        await self.reviews.record(learner, Answer(item.id, item.week, right, review.card,
                                                  review.due_at, group_id), now)
        return review

    async def stats(self, message: Incoming, now: datetime, zone: ZoneInfo) -> list[WeekStats]:
        states = await self.reviews.states(self.learner(message), self.by_id)
        return [self._week_stats(week.number, states, now, zone) for week in self.course.weeks
                if self.week_items(week.number)]

    def _week_stats(self, week: int, states: dict[str, ReviewState], now: datetime,
                    zone: ZoneInfo) -> WeekStats:
        seen = [states[i.id] for i in self.week_items(week) if i.id in states]
        recall = [self.spacing.recall(s.card, now) for s in seen]
        return WeekStats(week=week, items=len(self.week_items(week)), seen=len(seen),
                         right_last_time=sum(1 for s in seen if s.last_right),
                         recall=sum(recall) / len(recall) if recall else None,
                         due_today=sum(1 for s in seen if days_until(s.due_at, now, zone) == 0))

    async def report(self, message: Incoming, group_id: str, week: int) -> tuple[int, list[Missed]]:
        tenant = message.channel.tenant
        return await self.reviews.group_week(tenant.platform.value, tenant.id, self.course.id,
                                             group_id, week)
