"""The claim: whoever inserts a delivery row first owns the occurrence; nobody else does."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from bot.schedule.deliveries import (
    DeliveryKey,
    DeliveryRepository,
    DeliveryStatus,
    NewDelivery,
    Outcome,
    outcome_params,
    record_statement,
)
from bot.store.db import Database
from tests.bot.schedule.fakes import utc
from tests.databases import postgres_server
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


@pytest.mark.skipif(postgres_server() is None, reason="a question for PostgreSQL's planner")
async def test_an_outcome_is_found_by_its_key_in_a_table_that_was_empty_when_planned(db: Database) -> None:
    # A fan-out starts on an empty (vacuumed) table, where a scan looks free. Had the
    # write kept the plan made then, each outcome of 10,000 would read the whole table.
    repo = DeliveryRepository(db)
    async with db.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("VACUUM ANALYZE deliveries"))
    outcome = Outcome(key("new", "g7"), DeliveryStatus.SENT, 1, finished_at=AT)
    compiled = record_statement("worker-a").compile(dialect=db.engine.dialect)
    values = compiled.construct_params(outcome_params(outcome))
    given = ", ".join(_literal(values[name]) for name in compiled.positiontup or ())
    async with db.engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        await driver.execute(f"PREPARE record_outcome AS {compiled}")
        for _ in range(6):  # after five runs PostgreSQL may settle on one plan for all values
            await driver.execute(f"EXECUTE record_outcome({given})")
        await repo.claim([NewDelivery(key("new", f"g{n}"), DeliveryStatus.PENDING) for n in range(3000)],
                         [], AT, AT + timedelta(minutes=5), "worker-a")
        plan = "\n".join(row[0] for row in await driver.fetch(f"EXPLAIN EXECUTE record_outcome({given})"))
        await driver.execute("DEALLOCATE record_outcome")
    assert "Seq Scan" not in plan, plan

    await repo.record([outcome], "worker-a")
    assert [d.status for d in await repo.recent(TENANT, "g7", 1)] == [DeliveryStatus.SENT]


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return "'" + text.replace("'", "''") + "'"
