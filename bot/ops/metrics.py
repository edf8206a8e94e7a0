"""Prometheus metrics: what this process did, for GET /metrics.

Each `Metrics` has a registry of its own (tests build as many as they like), and
`studybot serve` builds one. Every replica exposes its own figures; Prometheus adds
them up across replicas.
"""

from __future__ import annotations

from datetime import datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    generate_latest,
)

from bot.schedule.deliveries import DeliveryStatus

CONTENT_TYPE = CONTENT_TYPE_LATEST
COMMAND_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LOOKUP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
LAG_BUCKETS = (0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0, 21600.0)
# A delivery's outcome as a metric label: PENDING after an attempt means "will retry".
OUTCOME_LABELS = {DeliveryStatus.SENT: "sent", DeliveryStatus.PENDING: "retry",
                  DeliveryStatus.FAILED: "failed", DeliveryStatus.SKIPPED: "skipped"}


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.commands = Counter(
            "studybot_commands", "Chat commands handled, by command, platform and outcome "
            "(ok, usage: a friendly 'not like that', error: an apology was sent).",
            ["command", "platform", "outcome"], registry=self.registry)
        self.command_seconds = Histogram(
            "studybot_command_seconds", "Time to answer a chat command.", ["command"],
            buckets=COMMAND_BUCKETS, registry=self.registry)
        self.lookup_seconds = Histogram(
            "studybot_lookup_seconds", "Time to answer a lookup question (search in the course).",
            buckets=LOOKUP_BUCKETS, registry=self.registry)
        self.deliveries = Counter(
            "studybot_deliveries", "Scheduled-post attempts by outcome: sent, retry, failed, skipped, "
            "released (handed back to other replicas at shutdown).", ["outcome"], registry=self.registry)
        self.scheduler_lag = Histogram(
            "studybot_scheduler_lag_seconds", "How long after it fell due a scheduled post was sent.",
            buckets=LAG_BUCKETS, registry=self.registry)
        ProcessCollector(registry=self.registry)

    def command_handled(self, command: str, platform: str, outcome: str, seconds: float, *,
                        lookup: bool = False) -> None:
        self.commands.labels(command=command, platform=platform, outcome=outcome).inc()
        self.command_seconds.labels(command=command).observe(seconds)
        if lookup:
            self.lookup_seconds.observe(seconds)

    def delivery_attempted(self, status: DeliveryStatus, due: datetime, finished: datetime | None) -> None:
        self.deliveries.labels(outcome=OUTCOME_LABELS[status]).inc()
        if status is DeliveryStatus.SENT and finished is not None:
            self.scheduler_lag.observe(max(0.0, (finished - due).total_seconds()))

    def deliveries_released(self, count: int) -> None:
        self.deliveries.labels(outcome="released").inc(count)

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        return generate_latest(self.registry)
