"""The claim: whoever inserts a delivery row first owns the occurrence; nobody else does."""

from __future__ import annotations

from datetime import timedelta

from bot.store.db import Database
from bot.store.deliveries import DeliveryKey, DeliveryRepository, DeliveryStatus, NewDelivery
from tests.bot.schedule.fakes import utc
from tests.people import TENANT

AT = utc(2026, 12, 7, 9)


def key(schedule: str, target: str = "cafe") -> DeliveryKey:
    return DeliveryKey(TENANT, schedule, AT, target)


async def test_a_second_claim_of_the_same_occurrence_wins_nothing(db: Database) -> None:
    repo = DeliveryRepository(db)
    lease = AT + timedelta(minutes=5)
    first = await repo.claim([NewDelivery(key("s1"), DeliveryStatus.PENDING),
                              NewDelivery(key("s2"), DeliveryStatus.SKIPPED, "too late")],
                             [], AT, lease, "worker-a")
    second = await repo.claim([NewDelivery(key("s1"), DeliveryStatus.PENDING),
                               NewDelivery(key("s1", "other-channel"), DeliveryStatus.PENDING)],
                              [], AT, lease, "worker-b")
    assert first == [key("s1")], "skipped rows are recorded but never handed out to post"
    assert second == [key("s1", "other-channel")]


async def test_a_lapsed_lease_can_be_taken_once(db: Database) -> None:
    repo = DeliveryRepository(db)
    await repo.claim([NewDelivery(key("s1"), DeliveryStatus.PENDING)], [], AT,
                     AT + timedelta(minutes=5), "worker-a")
    assert await repo.lapsed(AT + timedelta(minutes=4), 10) == []
    later = AT + timedelta(minutes=6)
    assert await repo.lapsed(later, 10) == [(key("s1"), 0)]
    assert await repo.take([key("s1")], later, later + timedelta(minutes=5), "worker-b") == [key("s1")]
    assert await repo.take([key("s1")], later, later + timedelta(minutes=5), "worker-c") == []
