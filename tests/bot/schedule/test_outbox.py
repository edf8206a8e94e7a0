"""The scheduler's core on a fake clock: right time, once, after restarts, and retries."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from bot.course.models import Course
from bot.messages import ChannelRef, Platform, Reply, Text
from bot.ports import PostResult
from bot.schedule.deliveries import DeliveryRepository, DeliveryStatus
from bot.schedule.outbox import OutboxPolicy
from bot.schedule.schedules import ScheduleRepository
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import StudyGroup
from tests.bot.schedule.fakes import FakePoster, drive, make_group, make_outbox, utc, weekly_reminder
from tests.people import TENANT, FakeClock

MONDAY, SUNDAY = 0, 6


async def deliveries(db: Database, group: StudyGroup) -> list[tuple[datetime, DeliveryStatus, str]]:
    rows = await DeliveryRepository(db).recent(TENANT, group.channel_id, 100)
    return sorted((d.key.occurrence_at, d.status, d.reason) for d in rows)


@pytest.mark.parametrize("zone, start_at, expected", [
    ("Europe/London", utc(2027, 3, 21, 10), [utc(2027, 3, 22, 9), utc(2027, 3, 29, 8)]),
    ("Europe/London", utc(2026, 10, 18, 10), [utc(2026, 10, 19, 8), utc(2026, 10, 26, 9)]),
    ("America/New_York", utc(2027, 3, 7, 20), [utc(2027, 3, 8, 14), utc(2027, 3, 15, 13)]),
    ("America/New_York", utc(2026, 10, 25, 20), [utc(2026, 10, 26, 13), utc(2026, 11, 2, 14)]),
])
async def test_monday_0900_is_posted_at_0900_on_the_groups_clock_either_side_of_a_change(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster,
        zone: str, start_at: datetime, expected: list[datetime]) -> None:
    clock.now = start_at
    group = await make_group(db, zone=zone, start=(start_at - timedelta(days=14)).date(), now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9, 0), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    await drive(outbox, clock, timedelta(hours=1), expected[-1] + timedelta(hours=2))
    assert [p.at for p in poster.posts] == expected
    assert [p.at.astimezone(group.zone).strftime("%a %H:%M") for p in poster.posts if p.at] == \
        ["Mon 09:00", "Mon 09:00"]


@pytest.mark.parametrize("zone, wall, night_start, posted_at", [
    ("Europe/London", time(1, 30), utc(2027, 3, 27, 22), utc(2027, 3, 28, 1, 30)),
    ("America/New_York", time(2, 30), utc(2027, 3, 14, 3), utc(2027, 3, 14, 7, 30)),
])
async def test_a_reminder_inside_the_skipped_hour_is_posted_once_an_hour_later(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster,
        zone: str, wall: time, night_start: datetime, posted_at: datetime) -> None:
    clock.now = night_start
    group = await make_group(db, zone=zone, start=date(2027, 3, 1), now=clock.now)
    await weekly_reminder(db, group, SUNDAY, wall, clock.now)
    await drive(make_outbox(db, course, poster, clock), clock, timedelta(minutes=15),
                night_start + timedelta(hours=10))
    assert [p.at for p in poster.posts] == [posted_at]


@pytest.mark.parametrize("zone, night_start, first, second", [
    ("Europe/London", utc(2026, 10, 24, 22), utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)),
    ("America/New_York", utc(2026, 11, 1, 2), utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6, 30)),
])
async def test_a_reminder_inside_the_repeated_hour_is_posted_once_the_first_time(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster,
        zone: str, night_start: datetime, first: datetime, second: datetime) -> None:
    clock.now = night_start
    group = await make_group(db, zone=zone, start=date(2026, 10, 5), now=clock.now)
    await weekly_reminder(db, group, SUNDAY, time(1, 30), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    await drive(outbox, clock, timedelta(minutes=15), night_start + timedelta(hours=10))
    # APScheduler's CronTrigger wakes us at both 01:30s; a pass at the second finds nothing.
    await outbox.run_due(second)
    assert [p.at for p in poster.posts] == [first]


async def test_a_restart_mid_week_neither_repeats_nor_forgets(
        database_url: str, course: Course, clock: FakeClock) -> None:
    first_db = Database(database_url)
    await migrate.upgrade(first_db)
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(first_db, now=clock.now)
    await weekly_reminder(first_db, group, MONDAY, time(9), clock.now)
    before = FakePoster(clock=clock)
    await drive(make_outbox(first_db, course, before, clock), clock, timedelta(hours=1),
                utc(2026, 12, 9, 12))
    await first_db.close()

    restarted_db, after = Database(database_url), FakePoster(clock=clock)
    restarted = make_outbox(restarted_db, course, after, clock)
    await restarted.run_due(clock.now)
    await drive(restarted, clock, timedelta(hours=1), utc(2026, 12, 14, 12))
    await restarted_db.close()
    assert [p.at for p in before.posts] == [utc(2026, 12, 7, 9)]
    assert [p.at for p in after.posts] == [utc(2026, 12, 14, 9)]
    assert "Week 2 of 6 starts today" in after.posts[0].reply.plain_text()


async def test_catch_up_within_the_grace_window_sends_once_with_that_weeks_digest(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 10, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    # Down from Sunday to Monday 13:00: four hours late, inside the default six.
    clock.now = utc(2026, 12, 14, 13)
    await outbox.run_due(clock.now)
    await outbox.run_due(clock.now + timedelta(minutes=1))
    assert len(poster.posts) == 1
    assert "Week 2 of 6 starts today" in poster.posts[0].reply.plain_text()
    assert await deliveries(db, group) == [(utc(2026, 12, 14, 9), DeliveryStatus.SENT, "")]


async def test_beyond_the_grace_window_occurrences_are_skipped_never_burst(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 1, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    # Down for three Mondays; back at 16:00 on the third, seven hours late.
    await outbox.run_due(utc(2026, 12, 21, 16))
    assert poster.posts == []
    rows = await deliveries(db, group)
    assert [(at, status) for at, status, _ in rows] == [
        (utc(2026, 12, 7, 9), DeliveryStatus.SKIPPED), (utc(2026, 12, 14, 9), DeliveryStatus.SKIPPED),
        (utc(2026, 12, 21, 9), DeliveryStatus.SKIPPED)]
    assert all("offline" in reason for _, _, reason in rows)


async def test_after_a_long_outage_only_the_latest_in_grace_is_sent(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 1, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    await make_outbox(db, course, poster, clock).run_due(utc(2026, 12, 21, 10))
    assert [p.reply.summary for p in poster.posts] == [
        "Week 3 starts today: Technology, data and urban analytics"]
    statuses = [status for _, status, _ in await deliveries(db, group)]
    assert statuses == [DeliveryStatus.SKIPPED, DeliveryStatus.SKIPPED, DeliveryStatus.SENT]


async def test_the_grace_window_is_configurable(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 1, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    strict = make_outbox(db, course, poster, clock, grace=timedelta(hours=1))
    await strict.run_due(utc(2026, 12, 7, 11))
    assert poster.posts == []


async def groups_with_monday_reminders(database_url: str, clock: FakeClock, count: int) -> None:
    """`count` groups, each with a 09:00 Monday reminder, written before any replica starts."""
    setup = Database(database_url)
    await migrate.upgrade(setup)
    clock.now = utc(2026, 12, 6, 12)
    for n in range(count):
        group = await make_group(setup, channel=f"group-{n}", now=clock.now)
        await weekly_reminder(setup, group, MONDAY, time(9), clock.now)
    await setup.close()


async def test_two_schedulers_on_one_database_post_each_occurrence_once(
        database_url: str, course: Course, clock: FakeClock) -> None:
    await groups_with_monday_reminders(database_url, clock, 40)
    first_db, second_db = Database(database_url), Database(database_url)
    shared = FakePoster(clock=clock)
    first = make_outbox(first_db, course, shared, clock, claim_batch=7, concurrency=3)
    second = make_outbox(second_db, course, shared, clock, claim_batch=5, concurrency=2)
    try:
        for minute in range(3):
            now = clock.now = utc(2026, 12, 7, 9, minute)
            await asyncio.gather(first.run_due(now), second.run_due(now),
                                 first.retry_due(now), second.retry_due(now))
    finally:
        await first_db.close()
        await second_db.close()
    channels = shared.channels()
    assert sorted(channels) == sorted(f"group-{n}" for n in range(40))
    assert len(set(channels)) == len(channels) == 40


async def test_a_poster_that_fails_twice_then_succeeds_posts_once_after_backing_off(
        db: Database, course: Course, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock, failures=2)
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    clock.now = utc(2026, 12, 7, 9)
    await outbox.run_due(clock.now)
    await outbox.retry_due(clock.now + timedelta(seconds=10))  # still backing off
    assert len(poster.attempts) == 1
    await drive(outbox, clock, timedelta(seconds=15), utc(2026, 12, 7, 9, 10))
    assert [p.at for p in poster.posts] == [utc(2026, 12, 7, 9, 2, 30)]
    assert len(poster.attempts) == 3
    assert len(set(poster.attempts)) == 1, "every attempt carries the occurrence's key"
    assert await deliveries(db, group) == [(utc(2026, 12, 7, 9), DeliveryStatus.SENT, "")]


async def test_a_poster_that_always_fails_ends_failed_with_its_reason(
        db: Database, course: Course, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock, always_fail=True)
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    await drive(outbox, clock, timedelta(minutes=5), utc(2026, 12, 7, 11))
    assert poster.posts == []
    assert len(poster.attempts) == OutboxPolicy().max_attempts
    assert await deliveries(db, group) == [
        (utc(2026, 12, 7, 9), DeliveryStatus.FAILED, "channel_not_reachable (after 5 attempts)")]


async def test_a_reason_that_promised_another_try_stops_promising_once_given_up(
        db: Database, course: Course, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock, always_fail=True,
                        error="Slack was unavailable; it will be tried again")
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock)
    await drive(outbox, clock, timedelta(minutes=5), utc(2026, 12, 7, 9, 30))
    assert await deliveries(db, group) == [(utc(2026, 12, 7, 9), DeliveryStatus.PENDING,
                                            "Slack was unavailable; it will be tried again")]
    await drive(outbox, clock, timedelta(minutes=5), utc(2026, 12, 7, 11))
    assert await deliveries(db, group) == [
        (utc(2026, 12, 7, 9), DeliveryStatus.FAILED, "Slack was unavailable (after 5 attempts)")]


async def test_errors_that_will_not_heal_fail_at_once_and_retry_after_is_honoured(
        db: Database, course: Course, clock: FakeClock) -> None:
    clock.now = utc(2026, 12, 6, 12)
    gone = await make_group(db, channel="gone", now=clock.now)
    busy = await make_group(db, channel="busy", now=clock.now)
    for group in (gone, busy):
        await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    clock.now = utc(2026, 12, 7, 9)
    refusing = FakePoster(always_fail=True, retryable=False)
    await make_outbox(db, course, refusing, clock).run_due(clock.now, only=await _ids(db, gone))
    assert (await deliveries(db, gone))[0][1] is DeliveryStatus.FAILED
    slow = FakePoster(clock=clock, failures=1, retry_after=600)
    outbox = make_outbox(db, course, slow, clock)
    await outbox.run_due(clock.now)
    await outbox.retry_due(clock.now + timedelta(minutes=9))
    assert slow.posts == []
    await outbox.retry_due(clock.now + timedelta(minutes=10))
    assert slow.channels() == ["busy"]


async def _ids(db: Database, group: StudyGroup) -> list[str]:
    return [s.id for s in await ScheduleRepository(db).of_group(group)]


async def test_a_claim_left_by_a_process_that_died_is_posted_after_its_lease(
        db: Database, course: Course, clock: FakeClock) -> None:
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    clock.now = utc(2026, 12, 7, 9)
    dying = make_outbox(db, course, FakePoster(hang=True), clock)
    task = asyncio.create_task(dying.run_due(clock.now))
    while not dying.poster.attempts:  # type: ignore[attr-defined]
        await asyncio.sleep(0)
    task.cancel()  # the process "dies" mid-post
    survivor_poster = FakePoster(clock=clock)
    survivor = make_outbox(db, course, survivor_poster, clock)
    await survivor.run_due(clock.now + timedelta(minutes=1))
    await survivor.retry_due(clock.now + timedelta(minutes=4))
    assert survivor_poster.posts == [], "the lease still holds"
    clock.now += OutboxPolicy().lease
    await survivor.retry_due(clock.now)
    assert survivor_poster.channels() == ["cafe"]
    await survivor.retry_due(clock.now + timedelta(hours=1))
    assert len(survivor_poster.posts) == 1


async def test_a_poster_that_raises_is_a_failed_attempt_not_a_crash(
        db: Database, course: Course, clock: FakeClock) -> None:
    class Broken(FakePoster):
        async def post(self, channel: object, reply: object) -> object:  # type: ignore[override]
            raise RuntimeError("socket closed")

    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    report = await make_outbox(db, course, Broken(), clock).run_due(utc(2026, 12, 7, 9))
    assert report.count(DeliveryStatus.PENDING) == 1
    assert (await deliveries(db, group))[0][2] == "RuntimeError: socket closed"


async def test_a_replica_claims_only_groups_of_platforms_it_is_connected_to(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 6, 12)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    slack_only = make_outbox(db, course, poster, clock)
    slack_only.platforms = lambda: {Platform.SLACK}
    await slack_only.run_due(utc(2026, 12, 7, 9))
    assert poster.posts == [] and await deliveries(db, group) == []
    slack_only.platforms = lambda: {Platform.SLACK, Platform.CONSOLE}
    await slack_only.run_due(utc(2026, 12, 7, 9, 1))
    assert poster.channels() == ["cafe"]


async def test_after_the_course_ends_reminders_wrap_up_once_then_are_skipped(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2027, 1, 10, 12)
    group = await make_group(db, start=date(2026, 11, 30), now=clock.now)  # ends 10 Jan 2027
    await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    await drive(make_outbox(db, course, poster, clock), clock, timedelta(hours=1), utc(2027, 1, 19))
    assert [p.reply.summary for p in poster.posts] == ["Smart cities is finished"]
    assert (await deliveries(db, group))[-1][1:] == (
        DeliveryStatus.SKIPPED, "the course has finished; `remind off` stops these reminders")


def test_a_lease_shorter_than_a_claim_batch_takes_to_post_is_refused() -> None:
    with pytest.raises(ValueError, match="lease"):
        OutboxPolicy(lease=timedelta(seconds=30), post_timeout=60)


async def test_what_the_platform_says_about_a_sent_post_is_kept_on_its_delivery(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 14, 8)
    group = await make_group(db, now=clock.now)
    await weekly_reminder(db, group, MONDAY, time(9, 0), clock.now)
    poster.note = "no thread for the answers, Discord said Missing Permissions"
    await drive(make_outbox(db, course, poster, clock), clock, timedelta(minutes=30), utc(2026, 12, 14, 10))
    assert await deliveries(db, group) == [(utc(2026, 12, 14, 9), DeliveryStatus.SENT, poster.note)]


class HeldPoster(FakePoster):
    """Holds every post until released, counting how many are in flight at once."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock=clock)
        self.release = asyncio.Event()
        self.in_flight = self.most_in_flight = 0

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await self.release.wait()
            return await super().post(channel, reply)
        finally:
            self.in_flight -= 1


async def test_the_next_batch_is_claimed_while_one_posts_within_the_concurrency_limit(
        db: Database, course: Course, clock: FakeClock) -> None:
    clock.now = utc(2026, 12, 6, 12)
    for n in range(12):
        group = await make_group(db, channel=f"group-{n}", now=clock.now)
        await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    poster = HeldPoster(clock)
    outbox = make_outbox(db, course, poster, clock, claim_batch=4, concurrency=3)
    claims = 0
    claim_due = outbox.deliveries.claim_due

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal claims
        claims += 1
        return await claim_due(*args, **kwargs)

    outbox.deliveries.claim_due = counted  # type: ignore[method-assign]
    clock.now = utc(2026, 12, 7, 9)
    passing = asyncio.create_task(outbox.run_due(clock.now))
    for _ in range(200):
        await asyncio.sleep(0.01)
        if poster.in_flight == 3 and claims == 3:
            break
    # The first batch is posting and two more were claimed meanwhile, not a fourth: the
    # third's lease covers the 8 posts waiting ahead of it (4 rounds of 3), no more.
    assert (poster.in_flight, claims) == (3, 3)
    poster.release.set()
    report = await passing
    assert report.claimed == 12 and poster.most_in_flight == 3
    assert sorted(poster.channels()) == sorted(f"group-{n}" for n in range(12))


def test_a_lease_too_short_for_two_batches_posts_one_batch_at_a_time() -> None:
    assert OutboxPolicy().may_claim_ahead
    assert not OutboxPolicy(lease=timedelta(seconds=150), post_timeout=60).may_claim_ahead


class HeldWrites(DeliveryRepository):
    """Writes no outcome until released, as a database busy with another replica's writes."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.release = asyncio.Event()

    async def record(self, outcomes: Any, worker: str) -> None:
        await self.release.wait()
        await super().record(outcomes, worker)


async def test_posts_go_on_while_the_outcomes_before_them_are_still_being_written(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 6, 12)
    for n in range(12):
        group = await make_group(db, channel=f"group-{n}", now=clock.now)
        await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock, claim_batch=4, concurrency=2)
    held = outbox.deliveries = HeldWrites(db)
    clock.now = utc(2026, 12, 7, 9)
    passing = asyncio.create_task(outbox.run_due(clock.now))
    for _ in range(200):
        await asyncio.sleep(0.01)
        if len(poster.posts) == 12:
            break
    assert len(poster.posts) == 12, "every batch was claimed and posted before any outcome was written"
    held.release.set()
    report = await passing
    assert report.count(DeliveryStatus.SENT) == 12


class CountedClaims(DeliveryRepository):
    """Counts the due schedules each claim read and the occurrences it won."""

    read = won = 0

    async def claim_due(self, *args: Any, **kwargs: Any) -> Any:
        found, plan, won = await super().claim_due(*args, **kwargs)
        CountedClaims.read += found
        CountedClaims.won += len(won)
        return found, plan, won


async def test_two_schedulers_claiming_at_once_never_read_the_same_due_schedules(
        database_url: str, course: Course, clock: FakeClock) -> None:
    # A schedule both read is planned and inserted twice, and one of them wins nothing:
    # work a second replica does for no post. SQLite: a claim holds the file's write lock
    # while it reads; PostgreSQL: rows another claim holds are skipped.
    await groups_with_monday_reminders(database_url, clock, 60)
    databases = [Database(database_url), Database(database_url)]
    shared = FakePoster(clock=clock)
    outboxes = [make_outbox(one, course, shared, clock, claim_batch=5, concurrency=5) for one in databases]
    for outbox, one in zip(outboxes, databases, strict=True):
        outbox.deliveries = CountedClaims(one)
    CountedClaims.read = CountedClaims.won = 0
    try:
        clock.now = utc(2026, 12, 7, 9)
        await asyncio.gather(*(outbox.run_due(clock.now) for outbox in outboxes))
    finally:
        for one in databases:
            await one.close()
    assert len(shared.channels()) == len(set(shared.channels())) == 60
    assert (CountedClaims.read, CountedClaims.won) == (60, 60)


async def test_a_pass_stopped_while_batches_hang_ends_at_once_and_leaves_their_claims_pending(
        db: Database, course: Course, clock: FakeClock) -> None:
    clock.now = utc(2026, 12, 6, 12)
    for n in range(12):
        group = await make_group(db, channel=f"group-{n}", now=clock.now)
        await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    hanging = FakePoster(hang=True)
    outbox = make_outbox(db, course, hanging, clock, claim_batch=2, concurrency=2)
    clock.now = utc(2026, 12, 7, 9)
    passing = asyncio.create_task(outbox.run_due(clock.now))
    while len(hanging.attempts) < 2:
        await asyncio.sleep(0)
    passing.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(passing, 5)
    rows = [d for n in range(12) for d in await DeliveryRepository(db).recent(TENANT, f"group-{n}", 1)]
    assert rows and {d.status for d in rows} == {DeliveryStatus.PENDING}


class EveryoneComing:
    """Each schedule's reminder goes by DM to three people, as a session's does."""

    async def targets(self, due: Any) -> dict[str, tuple[str, ...]]:
        return {schedule.id: tuple(f"{schedule.channel_id}-p{n}" for n in range(3)) for schedule, _ in due}

    async def compose(self, schedule: Any, group: Any, occurrence: datetime, person: str) -> Reply:
        return Reply.of(Text(f"see you, {person}"))


async def test_a_pass_claims_peoples_reminders_a_claim_at_a_time_until_all_are_sent(
        db: Database, course: Course, clock: FakeClock, poster: FakePoster) -> None:
    clock.now = utc(2026, 12, 6, 12)
    for n in range(3):
        group = await make_group(db, channel=f"group-{n}", now=clock.now)
        await weekly_reminder(db, group, MONDAY, time(9), clock.now)
    outbox = make_outbox(db, course, poster, clock, claim_batch=4, concurrency=2)
    outbox.audience = EveryoneComing()
    clock.now = utc(2026, 12, 7, 9)
    report = await outbox.run_due(clock.now)
    # Three schedules were due, fewer than a claim reads, but three people each make
    # more posts than a claim of 4 holds: one schedule per claim, all in this pass.
    assert report.count(DeliveryStatus.SENT) == 9
    assert len(poster.posts) == 9
