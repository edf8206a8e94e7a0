"""APScheduler 3 as the alarm clock; the outbox and the database decide what is posted.

At start-up the job set is rebuilt from the schedule rows: one job per active
schedule (a CronTrigger in the group's time zone for weekly ones, a DateTrigger for
one-off ones), plus a sweep every `sweep_every` that retries failed posts and picks
up whatever a job could not (rows added by another replica, a lapsed lease). Every
job only *kicks* a pass of `Outbox.run_due` + `retry_due`; kicks that arrive while a
pass runs are folded into one more pass, so 10,000 groups due in the same minute
make a few passes, not 10,000.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.ports import Clock
from bot.schedule.outbox import Outbox
from bot.schedule.schedules import Schedule, ScheduleRepository, Status
from bot.schedule.triggers import GroupTime, Weekly, single_instant
from bot.store.groups import StudyGroup
from bot.store.units import after_unit

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)
SWEEP_JOB = "studybot-sweep"
STOP_GRACE_SECONDS = 1.0
CHORE_DELAY = timedelta(minutes=5)


class Scheduler:
    def __init__(self, outbox: Outbox, schedules: ScheduleRepository, *, clock: Clock,
                 sweep_every: timedelta = timedelta(seconds=30)) -> None:
        self.outbox = outbox
        self.schedules = schedules
        self.clock = clock
        self.sweep_every = sweep_every
        self._aps: AsyncIOScheduler | None = None
        self._pass: asyncio.Task[None] | None = None
        self._again = False
        self._chores: list[tuple[str, timedelta, Callable[[], Awaitable[object]]]] = []

    @property
    def running(self) -> bool:
        return self._aps is not None

    async def start(self) -> None:
        """Build the jobs from the rows, start the clock, and catch up on what was missed."""
        if self._aps is not None:
            return
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        self._aps = AsyncIOScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "misfire_grace_time": None, "max_instances": 1})
        for schedule, group in await self.schedules.active_with_groups():
            self._put_job(schedule, group)
        self._aps.add_job(self._sweep, IntervalTrigger(seconds=self.sweep_every.total_seconds()),
                          id=SWEEP_JOB)
        for job_id, interval, chore in self._chores:
            # First run soon after start, so a process restarted daily still does it.
            self._aps.add_job(chore, IntervalTrigger(seconds=interval.total_seconds()), id=job_id,
                              next_run_time=datetime.now(UTC) + CHORE_DELAY)
        self._aps.start()
        self.kick()

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Stop promptly: a pass in flight gets `grace` seconds, then is cancelled (its
        claims stay pending and are retried after their lease by the next start)."""
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        task, self._pass = self._pass, None
        if task is not None and not task.done():
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(task), grace)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def every(self, job_id: str, interval: timedelta, chore: Callable[[], Awaitable[object]]) -> None:
        """Also run `chore` every `interval` while started: housekeeping such as log retention."""
        self._chores.append((job_id, interval, chore))

    async def schedules_changed(self, changed: Sequence[tuple[Schedule, StudyGroup]]) -> None:
        """Keep the jobs in step with rows that were just added, edited or turned off."""
        if self._aps is None:
            return
        for schedule, group in changed:
            self._put_job(schedule, group)
        self.kick()

    async def wait_idle(self) -> None:
        """Until the current pass (and any folded into it) has finished."""
        while self._pass is not None and not self._pass.done():
            await asyncio.shield(self._pass)

    def job_ids(self) -> set[str]:
        return {job.id for job in self._aps.get_jobs()} if self._aps else set()

    def kick(self) -> None:
        """Run a pass soon; if one is running, run one more after it. Asked while a
        message's unit of work is open, the pass waits for it to end: it would not see
        the unit's rows before then."""
        after_unit(self._kick)

    def _kick(self) -> None:
        if self._pass is not None and not self._pass.done():
            self._again = True
            return
        self._pass = asyncio.get_running_loop().create_task(self._passes())

    async def _passes(self) -> None:
        while True:
            self._again = False
            now = self.clock()
            try:
                await self.outbox.run_due(now)
                await self.outbox.retry_due(now)
            except Exception:  # the next kick or sweep tries again; never kill the loop
                log.exception("scheduler pass failed")
            if not self._again:
                return

    async def _fire(self) -> None:
        self.kick()

    async def _sweep(self) -> None:
        self.kick()

    def _put_job(self, schedule: Schedule, group: StudyGroup) -> None:
        assert self._aps is not None
        if self._aps.get_job(schedule.id) is not None:
            self._aps.remove_job(schedule.id)
        trigger = aps_trigger(schedule, group, self.clock())
        if schedule.status is Status.ACTIVE and trigger is not None:
            self._aps.add_job(self._fire, trigger, id=schedule.id)


def aps_trigger(schedule: Schedule, group: StudyGroup, now: datetime) -> Any | None:
    """The APScheduler trigger that wakes us for a schedule, or None if it has no future."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.date import DateTrigger

    if isinstance(schedule.trigger, Weekly):
        at = schedule.trigger.at
        return CronTrigger(day_of_week=schedule.trigger.weekday, hour=at.hour, minute=at.minute,
                           timezone=group.zone, start_date=now)
    instant = single_instant(schedule.trigger, GroupTime(group.zone, group.start_date))
    return DateTrigger(run_date=instant) if instant > now else None
