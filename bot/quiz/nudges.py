"""Review nudges: at a group's nudge time, a DM to each learner who asked for one and has
questions due that day; exactly once per learner and occurrence, across replicas.

A pass (`run`) is cheap when nothing is due and safe to repeat: it finds each group's
latest nudge time, skips it once the grace window has passed (no late burst after an
outage), and claims a row per learner before sending. A claim left by a process that
died is taken over once its lease has run out.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.course.catalog import Catalog
from bot.messages import Actions, Button, ChannelRef, Reply, Text
from bot.ports import Clock, Poster
from bot.quiz.nudge_store import (
    FAILED,
    SENT,
    NudgeKey,
    NudgeSetting,
    QuizNudgeRepository,
    Recipient,
)
from bot.quiz.spacing import due_cutoff
from bot.quiz.store import ReviewRepository
from bot.schedule.clock import instant_at, local_date, zone_named
from bot.store.groups import StudyGroup

log = logging.getLogger(__name__)
JOB_ID = "studybot-quiz-nudges"
EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class NudgePolicy:
    grace: timedelta = timedelta(hours=6)
    lease: timedelta = timedelta(minutes=5)
    concurrency: int = 50
    post_timeout: float = 30.0


def latest_occurrence(setting: NudgeSetting, zone: ZoneInfo, now: datetime) -> datetime:
    """The most recent nudge time at or before `now`, on the group's wall clock."""
    day = local_date(now, zone)
    for back in range(8):
        candidate_day = day - timedelta(days=back)
        if setting.weekday is not None and candidate_day.weekday() != setting.weekday:
            continue
        at = instant_at(candidate_day, setting.at, zone)
        if at <= now:
            return at
    raise AssertionError("a daily or weekly time always has an occurrence within 8 days")


class QuizNudges:
    def __init__(self, nudges: QuizNudgeRepository, reviews: ReviewRepository, catalog: Catalog,
                 poster: Poster, *, clock: Clock, policy: NudgePolicy | None = None) -> None:
        self.nudges = nudges
        self.reviews = reviews
        self.catalog = catalog
        self.poster = poster
        self.clock = clock
        self.policy = policy or NudgePolicy()

    async def run(self) -> int:
        """One pass over every group with nudges on; returns how many nudges were sent."""
        now = self.clock()
        sent = 0
        for setting, group in await self.nudges.groups_on():
            occurrence = latest_occurrence(setting, group.zone, now)
            if now - occurrence > self.policy.grace or self.catalog.get(group.course_id) is None:
                continue
            sent += await self._nudge_group(group, occurrence, now)
        return sent

    async def _nudge_group(self, group: StudyGroup, occurrence: datetime, now: datetime) -> int:
        due = await self._due(group, await self.nudges.recipients(group), now)
        keys = [NudgeKey(group.tenant, group.course_id, user, occurrence) for user in due]
        lease_until = now + self.policy.lease
        mine = await self.nudges.claim(keys, now, lease_until)
        won = set(mine)
        for key in (k for k in keys if k not in won):
            if await self.nudges.retake(key, now, lease_until):
                mine.append(key)
        for start in range(0, len(mine), self.policy.concurrency):
            chunk = mine[start:start + self.policy.concurrency]
            outcomes = await asyncio.gather(*(self._send(group, key, *due[key.user_id])
                                              for key in chunk))
            await self.nudges.finish_many(list(zip(chunk, outcomes, strict=True)))
        return len(mine)

    async def _due(self, group: StudyGroup, people: list[Recipient],
                   now: datetime) -> dict[str, tuple[Recipient, int]]:
        """Who has questions due today, on their own calendar day: one query per time zone."""
        by_zone: dict[ZoneInfo, list[Recipient]] = {}
        for person in people:
            zone = (zone_named(person.timezone) if person.timezone else None) or group.zone
            by_zone.setdefault(zone, []).append(person)
        due: dict[str, tuple[Recipient, int]] = {}
        for zone, members in by_zone.items():
            counts = await self.reviews.due_counts(
                group.tenant.platform.value, group.tenant.id, group.course_id,
                [p.user_id for p in members], due_cutoff(now, zone))
            due.update({p.user_id: (p, counts[p.user_id]) for p in members if counts.get(p.user_id)})
        return due

    async def _send(self, group: StudyGroup, key: NudgeKey, person: Recipient,
                    count: int) -> tuple[str, str]:
        where = ChannelRef(group.tenant, person.dm_channel or person.user_id, is_direct=True)
        reply = nudge_reply(count, group.course_id, self.catalog)
        try:
            result = await asyncio.wait_for(self.poster.post(where, reply), self.policy.post_timeout)
        except TimeoutError:
            return FAILED, "the platform did not answer in time"
        except Exception as error:  # one learner's failure must not stop the others' nudges
            log.exception("quiz nudge failed", extra={"group": group.channel_id})
            return FAILED, f"{type(error).__name__}: {error}"
        # A nudge is not worth repeating late: a failure is recorded, not retried.
        return (SENT, "") if result.ok else (FAILED, result.error or "the platform refused it")


def nudge_reply(count: int, course_id: str, catalog: Catalog) -> Reply:
    course = catalog.get(course_id)
    title = f" in {course.title}" if course is not None and catalog.several else ""
    what = "1 question is" if count == 1 else f"{count} questions are"
    return Reply.of(
        Text(f"{what} ready for review{title}: a few minutes now keeps them fresh. "
             "Type `quiz` to start, or `quiz remind off` to stop these nudges."),
        Actions((Button("Start the quiz", "quiz"),)), private=True,
        summary=f"{what} ready for review")
