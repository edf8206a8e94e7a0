"""The store of what each learner is watching: expiry, and said over inferred."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.lookup.watching import GLANCE_MINUTES, WATCH_HOURS, WatchingRepository
from bot.messages import UserRef
from bot.store.db import Database
from tests.people import TENANT

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ADA = UserRef(TENANT, "ada", "Ada")
BEN = UserRef(TENANT, "ben", "Ben")


async def test_a_said_video_holds_for_hours_and_an_opened_one_for_minutes(db: Database) -> None:
    watching = WatchingRepository(db, "smart-cities")
    await watching.watch(ADA, "w2/v0", "Valves, part 1", NOW, said=True)
    assert (await watching.get(ADA, NOW + timedelta(hours=WATCH_HOURS, seconds=-1))) is not None
    assert await watching.get(ADA, NOW + timedelta(hours=WATCH_HOURS)) is None
    await watching.watch(BEN, "w4/v1", "Valves, part 2", NOW, said=False)
    assert (await watching.get(BEN, NOW + timedelta(minutes=GLANCE_MINUTES, seconds=-1))) is not None
    assert await watching.get(BEN, NOW + timedelta(minutes=GLANCE_MINUTES)) is None


async def test_an_opened_moment_does_not_replace_the_video_they_said(db: Database) -> None:
    watching = WatchingRepository(db, "smart-cities")
    await watching.watch(ADA, "w2/v0", "Valves, part 1", NOW, said=True)
    await watching.watch(ADA, "w4/v1", "Valves, part 2", NOW + timedelta(minutes=5), said=False)
    found = await watching.get(ADA, NOW + timedelta(minutes=6))
    assert found is not None and found.title == "Valves, part 1" and found.said
    # Once what they said has expired, an opened moment counts.
    later = NOW + timedelta(hours=WATCH_HOURS, minutes=1)
    await watching.watch(ADA, "w4/v1", "Valves, part 2", later, said=False)
    found = await watching.get(ADA, later)
    assert found is not None and found.title == "Valves, part 2"


async def test_each_course_keeps_its_own(db: Database) -> None:
    await WatchingRepository(db, "smart-cities").watch(ADA, "w2/v0", "Valves", NOW, said=True)
    assert await WatchingRepository(db, "other").get(ADA, NOW) is None
