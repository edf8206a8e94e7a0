"""The delivery outbox: claim each occurrence once, post it, retry it, record the result.

This is the scheduler's core, a function of (rows, now): `run_due(now)` finds the
schedules with occurrences in (watermark, now], claims them by inserting unique
delivery rows, and posts what it claimed; `retry_due(now)` re-attempts pending rows
whose backoff has passed or whose lease has run out. APScheduler only decides *when*
to call these (bot.schedule.scheduler); tests call them with a fake clock.

Exactly once, and where it is only at-least-once:
- Two processes can never both *claim* an occurrence (the unique delivery row).
- Missed occurrences: within the grace window the latest is sent once; older ones,
  and any superseded by a later one, are recorded as skipped with a reason.
- A process that dies after claiming but before posting loses nothing: its lease
  runs out and another scheduler (or the restarted one) posts it.
- The one window left: the platform accepted a post and the process died before
  writing "sent". Each outcome is written as soon as its post is done (not when its
  batch is), so the window holds only the posts in flight and those finished during
  the write under way. After the lease those rows are posted again, so a crash there
  can repeat a post rather than lose it. Each attempt carries a stable key
  (`delivery_key()`, same for every attempt of an occurrence) that a platform with
  idempotent sends (Discord's enforced nonce) can use to drop the repeat, and
  `delivery_may_repeat()` tells a Poster that an earlier attempt may have got through
  (Slack's SLACK_DEDUPE_POSTS then looks before posting again).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot.messages import ChannelRef, Platform, Reply
from bot.ports import Clock, Poster, PostResult
from bot.schedule.backlog import Backlog
from bot.schedule.deliveries import DeliveryRepository, DeliveryStatus, DueQuery, Lease, Outcome
from bot.schedule.planner import ClaimPlan, Job, plan_claims
from bot.schedule.policy import OutboxPolicy
from bot.schedule.recorder import OutcomeRecorder
from bot.schedule.schedules import Schedule, ScheduleRepository, Status
from bot.store.groups import StudyGroup
from bot.store.units import apart

log = logging.getLogger(__name__)
_DELIVERY_KEY: ContextVar[str | None] = ContextVar("studybot_delivery_key", default=None)
_REPEAT: ContextVar[bool] = ContextVar("studybot_delivery_repeat", default=False)
MAX_BATCHES_PER_PASS = 10_000
# A poster's reason may promise another try ("...; it will be tried again"). Once the
# outbox gives up that is no longer true, so the reason kept for facilitators drops it.
_RETRY_PROMISE = re.compile(r"[;,.]?\s*it will (?:be tried|try) again\W*$", re.IGNORECASE)


def delivery_key() -> str | None:
    """Inside a Poster: the occurrence being posted, stable across retries (or None)."""
    return _DELIVERY_KEY.get()


def delivery_may_repeat() -> bool:
    """Inside a Poster: True when an earlier attempt of this occurrence may have reached
    the platform (a retry, or a claim taken over from a process that died)."""
    return _REPEAT.get()


@dataclass(frozen=True)
class Skip:
    """A post that should not go out, and why (shown to facilitators)."""

    reason: str


@dataclass(frozen=True)
class Addressed:
    """A person's post that goes somewhere other than their DM (a reply in the thread
    where they asked); the claim is still theirs, so it is sent once."""

    reply: Reply
    where: ChannelRef


class Composer(Protocol):
    """Builds a scheduled post when it is sent, so it shows the group's week at that time."""

    def compose(self, schedule: Schedule, group: StudyGroup, occurrence: datetime) -> Reply | Skip: ...


class Audience(Protocol):
    """Schedules whose posts go to people by direct message (a live session's reminder to
    those who said they would come) rather than to the group's channel."""

    async def targets(self, due: Sequence[tuple[Schedule, StudyGroup]]) -> dict[str, tuple[str, ...]]:
        """For each due schedule that goes to people, their ids (possibly none)."""
        ...

    async def compose(self, schedule: Schedule, group: StudyGroup, occurrence: datetime,
                      person: str) -> Reply | Addressed | Skip: ...


@dataclass
class PassReport:
    claimed: int = 0
    skipped: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: DeliveryStatus) -> int:
        return sum(1 for o in self.outcomes if o.status is status)


# How long "post now" waits for a pass that claimed its post first to try it.
TAKEN_ELSEWHERE_WAIT = 10.0


class Outbox:
    """`clock` says what is due; `lease_clock` (the database's, unless a test gives one)
    says when a claim's lease runs out. Replicas' own clocks drift apart, and one judging
    another's lease by its own clock would take over posts still being sent."""

    def __init__(self, schedules: ScheduleRepository, deliveries: DeliveryRepository, poster: Poster,
                 composer: Composer, *, clock: Clock, policy: OutboxPolicy | None = None,
                 worker_id: str | None = None,
                 platforms: Callable[[], Collection[Platform]] | None = None,
                 audience: Audience | None = None,
                 lease_clock: Callable[[], Awaitable[datetime]] | None = None) -> None:
        self.schedules = schedules
        self.deliveries = deliveries
        self.poster = poster
        self.composer = composer
        self.clock = clock
        self.lease_clock = lease_clock or deliveries.db.server_now
        self.policy = (policy or OutboxPolicy()).sized_for(deliveries.db.is_sqlite)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        # Only occurrences of platforms this process is connected to are claimed here, so
        # a replica without (say) Discord leaves Discord groups to one that has it.
        self.platforms = platforms
        self.audience = audience

    async def run_due(self, now: datetime, only: Collection[str] | None = None) -> PassReport:
        # Asked from a command ("prompt now"), the command's rows so far are committed
        # first, and every claim commits on its own (bot.store.units).
        async with apart():
            return await self._run_due(now, only)

    async def post_now(self, schedule_id: str, now: datetime) -> PassReport:
        """Post one schedule at once and report how it went. A pass running beside this
        one (a scheduler kick, another replica) may have claimed it first; then its
        outcome is read back once that pass has tried it."""
        report = await self.run_due(now, only=[schedule_id])
        if report.outcomes:
            return report
        loop = asyncio.get_running_loop()
        until = loop.time() + TAKEN_ELSEWHERE_WAIT
        while True:
            found = await self.deliveries.of_schedule(schedule_id)
            tried = [d for d in found if d.status is not DeliveryStatus.PENDING or d.attempts]
            if tried or not found or loop.time() >= until:
                break
            await asyncio.sleep(0.05)
        return PassReport(outcomes=[Outcome(d.key, d.status, d.attempts, d.reason) for d in tried])

    async def _run_due(self, now: datetime, only: Collection[str] | None = None) -> PassReport:
        """Claim and post every occurrence due at `now` (of the `only` schedules, if given).

        The next claim batch is claimed while the posts before it go out, so the posts
        never wait on the database: once at most one batch's posts are left to attempt
        (their outcomes may still be being written), another batch is claimed, which the
        lease is checked to outlast. A claim that wins nothing (another replica took those
        occurrences first) is followed at once by the next.
        """
        report = PassReport()
        gates = self._gates()
        backlog = Backlog()
        # One writer for the whole pass: outcomes of every batch in flight share its writes.
        recorder = OutcomeRecorder(self.deliveries, self.worker_id)
        ahead = self.policy.claim_ahead
        posting: list[asyncio.Task[None]] = []
        try:
            for _ in range(MAX_BATCHES_PER_PASS):
                await backlog.down_to(ahead)
                await _settle(posting)
                query = DueQuery(now, self.policy.batch, only, self._platforms())
                found, plan, won = await self.deliveries.claim_due(
                    self.schedules, query, lambda due: self._plan(due, now), await self._lease())
                if not found:
                    break
                report.claimed += len(won)
                report.skipped += plan.skipped
                if won:
                    backlog.add(len(won))
                    jobs = [plan.jobs[key] for key in won]
                    posting.append(asyncio.create_task(self._deliver(jobs, report, gates, backlog,
                                                                 recorder)))
                if found < self.policy.batch and len(plan.advances) == found:
                    break  # all that was due is claimed (a plan may leave some for the next)
            while posting:
                await posting.pop(0)
        except asyncio.CancelledError:
            # Stopping: the posts under way stop too (their claims stay pending, to be
            # taken again once their lease runs out), rather than holding up the stop.
            for task in posting:
                task.cancel()
            raise
        finally:
            # A claim that failed: the batches already claimed still post (their outcomes
            # are written as usual); nothing is left running behind the pass.
            if posting:
                await asyncio.gather(*posting, return_exceptions=True)
        return report

    async def retry_due(self, now: datetime) -> PassReport:
        async with apart():
            return await self._retry_due(now)

    async def _retry_due(self, now: datetime) -> PassReport:
        """Attempt again what failed earlier or was left behind by a process that died."""
        report = PassReport()
        taken = await self.deliveries.take_lapsed(await self._lease(), now, self.policy.batch,
                                                  self._platforms())
        if not taken:
            return report
        contexts = await self.schedules.by_ids([(k.tenant, k.schedule_id) for k, _ in taken])
        jobs = [Job(key, *contexts[key.schedule_id], attempts)
                for key, attempts in taken if key.schedule_id in contexts]
        repeat = _REPEAT.set(True)
        try:
            await self._deliver(jobs, report)
        finally:
            _REPEAT.reset(repeat)
        return report

    async def _plan(self, due: list[tuple[Schedule, StudyGroup]], now: datetime) -> ClaimPlan:
        """The claims for what is due; an occurrence with an audience goes to each person in it."""
        targets = await self.audience.targets(due) if self.audience else None
        return plan_claims(due, now, self.policy.grace, self.policy.max_skipped_recorded, targets,
                           most_posts=self.policy.batch)

    async def _lease(self) -> Lease:
        started = await self.lease_clock()
        return Lease(started, started + self.policy.lease, self.worker_id)

    def _platforms(self) -> list[str] | None:
        if self.platforms is None:
            return None
        return sorted(p.value for p in self.platforms())

    def _gates(self) -> defaultdict[Platform, asyncio.Semaphore]:
        """At most `concurrency` posts in flight per platform, whatever batch they are in."""
        return defaultdict(lambda: asyncio.Semaphore(self.policy.concurrency))

    async def _deliver(self, jobs: Sequence[Job], report: PassReport,
                       gates: defaultdict[Platform, asyncio.Semaphore] | None = None,
                       backlog: Backlog | None = None,
                       recorder: OutcomeRecorder | None = None) -> None:
        gates = gates if gates is not None else self._gates()
        backlog = backlog or Backlog()
        recorder = recorder or OutcomeRecorder(self.deliveries, self.worker_id)
        # A post starts as soon as one before it ends (not chunk by chunk), and each outcome
        # is written when its post is done (see bot.schedule.recorder).
        outcomes = await asyncio.gather(*(recorder.after(self._gated(gates, job, backlog))
                                          for job in jobs))
        report.outcomes.extend(outcomes)

    async def _gated(self, gates: defaultdict[Platform, asyncio.Semaphore], job: Job,
                     backlog: Backlog) -> Outcome:
        try:
            async with gates[job.group.tenant.platform]:
                return await self._attempt(job)
        finally:
            backlog.attempted()

    async def _attempt(self, job: Job) -> Outcome:
        now = self.clock()
        if job.schedule.status is not Status.ACTIVE:
            return _finished(job, DeliveryStatus.SKIPPED, now, "turned off before it was sent")
        content = await self._compose(job)
        if isinstance(content, Skip):
            return _finished(job, DeliveryStatus.SKIPPED, now, content.reason)
        result = await self._post(job, content)
        return self._outcome(job, result, self.clock())

    async def _compose(self, job: Job) -> Reply | Addressed | Skip:
        if not _to_person(job):
            return self.composer.compose(job.schedule, job.group, job.key.occurrence_at)
        if self.audience is None:
            return Skip("direct messages are not set up in this process")
        return await self.audience.compose(job.schedule, job.group, job.key.occurrence_at,
                                           job.key.target)

    async def _post(self, job: Job, content: Reply | Addressed) -> PostResult:
        token = _DELIVERY_KEY.set(job.key.as_text())
        where = (content.where if isinstance(content, Addressed)
                 else ChannelRef(job.group.tenant, job.key.target, is_direct=True, to_person=True)
                 if _to_person(job)
                 else job.group.channel)
        content = content.reply if isinstance(content, Addressed) else content
        try:
            async with asyncio.timeout(self.policy.post_timeout):
                return await self.poster.post(where, content)
        except TimeoutError:
            return PostResult.failed(f"the platform did not answer within {self.policy.post_timeout:g} s")
        except Exception as error:  # a Poster bug must not stop every other group's post
            log.exception("poster raised", extra={"schedule": job.schedule.id})
            return PostResult.failed(f"{type(error).__name__}: {error}")
        finally:
            _DELIVERY_KEY.reset(token)

    def _outcome(self, job: Job, result: PostResult, now: datetime) -> Outcome:
        attempts = job.attempts + 1
        if result.ok:
            return Outcome(job.key, DeliveryStatus.SENT, attempts, message_id=result.message_id,
                           reason=result.note or "", finished_at=now)
        error = result.error or "the platform refused the post"
        if not result.retryable or attempts >= self.policy.max_attempts:
            tries = f" (after {attempts} attempts)" if attempts > 1 else ""
            return Outcome(job.key, DeliveryStatus.FAILED, attempts,
                           reason=_RETRY_PROMISE.sub("", error) + tries, finished_at=now)
        backoff = self.policy.backoff[min(attempts, len(self.policy.backoff)) - 1]
        wait = max(backoff, timedelta(seconds=result.retry_after or 0))
        return Outcome(job.key, DeliveryStatus.PENDING, attempts, reason=error,
                       next_attempt_at=now + wait)


async def _settle(posting: list[asyncio.Task[None]]) -> None:
    """Take the batches that are done off the list, raising what one of them raised."""
    for task in [t for t in posting if t.done()]:
        posting.remove(task)
        await task


def _to_person(job: Job) -> bool:
    return job.key.target != job.group.channel_id


def _finished(job: Job, status: DeliveryStatus, now: datetime, reason: str) -> Outcome:
    return Outcome(job.key, status, job.attempts, reason=reason, finished_at=now)


__all__ = ["Audience", "Composer", "Outbox", "OutboxPolicy", "PassReport", "Skip", "delivery_key",
           "delivery_may_repeat"]
