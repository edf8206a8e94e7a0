"""Hooks `studybot serve` puts on a built companion: metrics, and a gate to drain the outbox.

They wrap pieces from the outside, so the router and the outbox stay unaware of them:
- every command's handler is timed and counted (name, platform, outcome);
- the outbox's repositories are swapped for subclasses that count each attempt's
  outcome and, once the gate is closed (shutting down), find nothing new to claim.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.command import Command, Context, Handler, Registry, UsageError
from bot.messages import Reply
from bot.ops.metrics import Metrics
from bot.ops.served import Served
from bot.schedule.deliveries import DeliveryKey, DeliveryRepository, Outcome
from bot.schedule.outbox import Outbox
from bot.schedule.schedules import Schedule, ScheduleRepository
from bot.store.db import Database
from bot.store.groups import StudyGroup

LOOKUP_TOPIC = "lookup"


class DrainGate:
    """Closed at shutdown: the outbox finishes what it holds and takes nothing new."""

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def instrument(companion: Served, metrics: Metrics, gate: DrainGate) -> None:
    for registry in companion.router.registries.all():
        instrument_commands(registry, metrics)
    instrument_outbox(companion.scheduler.outbox, metrics, gate)


def instrument_commands(registry: Registry, metrics: Metrics) -> None:
    registry.commands[:] = [_measured_command(command, metrics) for command in registry.commands]


def _measured_command(command: Command, metrics: Metrics) -> Command:
    on_answer = command.on_answer and _measured(command, command.on_answer, metrics)
    return replace(command, handler=_measured(command, command.handler, metrics), on_answer=on_answer)


def _measured(command: Command, handler: Handler, metrics: Metrics) -> Handler:
    async def measured(context: Context, args: str) -> Reply:
        started, outcome = time.perf_counter(), "error"
        try:
            reply = await handler(context, args)
            outcome = "ok"
            return reply
        except UsageError:
            outcome = "usage"
            raise
        finally:
            metrics.command_handled(command.name, context.message.channel.tenant.platform.value, outcome,
                                    time.perf_counter() - started, lookup=command.topic == LOOKUP_TOPIC)

    return measured


def instrument_outbox(outbox: Outbox, metrics: Metrics, gate: DrainGate) -> None:
    outbox.schedules = GatedSchedules(outbox.schedules.db, gate)
    outbox.deliveries = CountedDeliveries(outbox.deliveries.db, metrics, gate)


class GatedSchedules(ScheduleRepository):
    def __init__(self, db: Database, gate: DrainGate) -> None:
        super().__init__(db)
        self.gate = gate

    async def due(self, now: datetime, limit: int, only: Collection[str] | None = None,
                  platforms: Collection[str] | None = None, *,
                  session: AsyncSession | None = None) -> list[tuple[Schedule, StudyGroup]]:
        if self.gate.closed:
            return []
        return await super().due(now, limit, only, platforms, session=session)


class CountedDeliveries(DeliveryRepository):
    def __init__(self, db: Database, metrics: Metrics,
                 gate: DrainGate) -> None:
        super().__init__(db)
        self.metrics = metrics
        self.gate = gate

    async def lapsed(self, now: datetime, limit: int, platforms: Collection[str] | None = None, *,
                     session: AsyncSession | None = None,
                     lease_now: datetime | None = None) -> list[tuple[DeliveryKey, int]]:
        if self.gate.closed:
            return []
        return await super().lapsed(now, limit, platforms, session=session, lease_now=lease_now)

    async def record(self, outcomes: Sequence[Outcome], worker: str) -> None:
        await super().record(outcomes, worker)
        for outcome in outcomes:
            self.metrics.delivery_attempted(outcome.status, outcome.key.occurrence_at, outcome.finished_at)
