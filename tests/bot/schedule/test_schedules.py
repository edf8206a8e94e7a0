"""Finding due schedules: replicas looking at once on PostgreSQL each get different rows."""

from __future__ import annotations

from datetime import time

import pytest

from bot.schedule.schedules import ScheduleRepository
from bot.store.db import Database
from tests.bot.schedule.fakes import make_group, utc, weekly_reminder

MONDAY = 0


async def test_a_claim_in_progress_hides_its_rows_from_another_replica(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite has one writer at a time; row locks are PostgreSQL's")
    created = utc(2026, 12, 6, 12)
    for n in range(6):
        group = await make_group(db, channel=f"group-{n}", now=created)
        await weekly_reminder(db, group, MONDAY, time(9), created)
    schedules, now = ScheduleRepository(db), utc(2026, 12, 7, 9, 1)
    async with db.session() as first, db.session() as second:
        taken_first = await schedules.due(now, 4, session=first)
        taken_second = await schedules.due(now, 4, session=second)
    first_ids = {schedule.id for schedule, _ in taken_first}
    second_ids = {schedule.id for schedule, _ in taken_second}
    assert (len(first_ids), len(second_ids)) == (4, 2)
    assert not first_ids & second_ids
    # Without a claim in progress, every due row is there to be seen.
    assert len(await schedules.due(now, 10)) == 6
