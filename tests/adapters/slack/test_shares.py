"""Answers kept for "Share in channel": taken once, for a day, per workspace."""

from __future__ import annotations

from datetime import timedelta

from adapters.slack.shares import ShareStore
from bot.messages import Platform, TenantRef
from bot.store.db import Database
from tests.people import FakeClock

T1 = TenantRef(Platform.SLACK, "T1")


async def test_a_kept_answer_can_be_taken_once(db: Database) -> None:
    shares = ShareStore(db)
    share_id = await shares.keep(T1, {"text": "Week 1"})
    assert await shares.take(TenantRef(Platform.SLACK, "T2"), share_id) is None
    assert await shares.take(T1, share_id) == {"text": "Week 1"}
    assert await shares.take(T1, share_id) is None


async def test_an_answer_older_than_a_day_is_gone(db: Database, clock: FakeClock) -> None:
    shares = ShareStore(db)
    share_id = await shares.keep(T1, {"text": "old"}, now=clock.now)
    assert await shares.take(T1, share_id, now=clock.now + timedelta(days=1, seconds=1)) is None
