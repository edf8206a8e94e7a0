"""APScheduler's jobs are rebuilt from the rows, and only ever kick the outbox."""

from __future__ import annotations

import asyncio
from datetime import datetime, time

from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.posts.prompts import PromptService
from bot.posts.reminders import ReminderService
from bot.schedule.deliveries import DeliveryRepository
from bot.schedule.scheduler import SWEEP_JOB, Scheduler
from bot.schedule.schedules import ScheduleRepository, Status
from bot.schedule.triggers import Once
from bot.store.db import Database
from tests.bot.schedule.fakes import FakePoster, make_group, make_outbox, utc
from tests.people import FakeClock

MONDAY = 0


def scheduler_for(db: Database, course: Course, poster: FakePoster, clock: FakeClock) -> Scheduler:
    return Scheduler(make_outbox(db, course, poster, clock), ScheduleRepository(db), clock=clock)


async def test_the_job_set_is_rebuilt_from_the_rows_at_start_up(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 1, 12)
    schedules, deliveries = ScheduleRepository(db), DeliveryRepository(db)
    reminders = ReminderService(schedules, deliveries)
    prompts = PromptService(schedules, deliveries, single_course_catalog(course),
                            make_outbox(db, course, poster, clock))
    cafe = await make_group(db, now=clock.now)
    library = await make_group(db, channel="library", now=clock.now)
    weekly = await reminders.set_weekly(cafe, MONDAY, time(9), "fay", clock.now)
    await reminders.set_weekly(library, MONDAY, time(10), "fay", clock.now)
    await reminders.set_status(library, Status.PAUSED, clock.now)
    later = await prompts.add(cafe, Once(utc(2026, 12, 10, 17)), "Hello", "fay", clock.now)
    cancelled = await prompts.add(cafe, Once(utc(2026, 12, 11, 17)), "Bye", "fay", clock.now)
    await prompts.cancel(cafe, cancelled, clock.now)

    first = scheduler_for(db, course, poster, clock)
    await first.start()
    jobs = first.job_ids()
    await first.stop(grace=0)
    restarted = scheduler_for(db, course, poster, clock)
    await restarted.start()
    try:
        assert jobs == restarted.job_ids() == {weekly.id, later.id, SWEEP_JOB}
        job = restarted._aps.get_job(weekly.id) if restarted._aps else None
        assert job is not None and job.next_run_time == utc(2026, 12, 7, 9)
        await prompts.cancel(cafe, later, clock.now)
        await restarted.schedules_changed([(await schedules.get(cafe.tenant, later.id), cafe)])  # type: ignore[list-item]
        assert restarted.job_ids() == {weekly.id, SWEEP_JOB}
    finally:
        await restarted.stop(grace=0)


async def test_start_up_catches_up_on_what_fell_due_while_stopped(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await ReminderService(ScheduleRepository(db), DeliveryRepository(db)).set_weekly(
        group, MONDAY, time(9), "fay", clock.now)
    clock.now = utc(2026, 12, 7, 11)  # two hours late
    scheduler = scheduler_for(db, course, poster, clock)
    await scheduler.start()
    await scheduler.wait_idle()
    await scheduler.stop(grace=0)
    assert [p.channel.id for p in poster.posts] == ["cafe"]


async def test_kicks_while_a_pass_runs_fold_into_one_more_pass(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    scheduler = scheduler_for(db, course, poster, clock)
    passes = 0
    original = scheduler.outbox.run_due

    async def counting(now: datetime, only: object = None) -> object:
        nonlocal passes
        passes += 1
        if passes == 1:  # 100 jobs fire while the first pass runs
            for _ in range(100):
                scheduler.kick()
        return await original(now)

    scheduler.outbox.run_due = counting  # type: ignore[assignment, method-assign]
    await scheduler.start()
    await scheduler.wait_idle()
    await scheduler.stop(grace=0)
    assert passes == 2


async def test_stop_is_prompt_even_with_a_post_hanging(
        db: Database, course: Course, clock: FakeClock) -> None:
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await ReminderService(ScheduleRepository(db), DeliveryRepository(db)).set_weekly(
        group, MONDAY, time(9), "fay", clock.now)
    clock.now = utc(2026, 12, 7, 9)
    hanging = FakePoster(hang=True)
    scheduler = scheduler_for(db, course, hanging, clock)
    await scheduler.start()
    while not hanging.attempts:
        await asyncio.sleep(0)
    await scheduler.stop(grace=0)
    assert not scheduler.running and scheduler.job_ids() == set()
    # The claim stays pending; after its lease anyone posts it (see test_outbox).
    rows = await DeliveryRepository(db).recent(group.tenant, "cafe", 5)
    assert [r.status.value for r in rows] == ["pending"]
    assert rows[0].key.occurrence_at == clock.now
