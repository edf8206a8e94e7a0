"""Stopping a replica without losing or delaying scheduled posts.

On SIGTERM: close the drain gate (nothing new is claimed), give the posts in flight a
few seconds to finish and be recorded, then hand back whatever this process still
holds: its pending claims lose their lease and fall due at once, so another replica
(or this one, restarted) posts them on its next pass instead of five minutes later.

The window that stays: a post the platform accepted during the last moments, whose
"sent" was never written because it was cancelled. Handing it back may show it twice
on a platform without idempotent sends, as a lapsed lease would (see bot.schedule.outbox).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update

from bot.ops.instrument import DrainGate
from bot.ops.metrics import Metrics
from bot.ops.served import Served
from bot.schedule.deliveries import DeliveryRow, DeliveryStatus
from bot.store.db import Database

log = logging.getLogger(__name__)
DRAIN_SECONDS = 5.0


async def drain_scheduler(companion: Served, gate: DrainGate, metrics: Metrics | None = None,
                          grace: float = DRAIN_SECONDS) -> int:
    """Stop the scheduler gently; returns how many claims were handed back."""
    gate.close()
    await companion.scheduler.stop(grace=grace)
    outbox = companion.scheduler.outbox
    released = await release_claims(companion.db, outbox.worker_id, outbox.clock())
    if released:
        log.warning("handed back scheduled posts to other replicas", extra={"deliveries": released})
    if metrics is not None:
        metrics.deliveries_released(released)
    return released


async def release_claims(db: Database, worker: str, now: datetime) -> int:
    """Make `worker`'s pending claims due now and unleased; they keep their attempt count."""
    statement = (update(DeliveryRow)
                 .where(DeliveryRow.status == DeliveryStatus.PENDING.value,
                        DeliveryRow.claimed_by == worker, DeliveryRow.lease_until.is_not(None))
                 .values(lease_until=None, next_attempt_at=now)
                 .execution_options(synchronize_session=False))
    async with db.session() as session:
        result = await session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)
