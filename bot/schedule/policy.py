"""How an outbox claims and posts: sizes, limits, and how far ahead of its posts it claims."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

# How many occurrences one claim takes, unless a policy says. On SQLite each claim holds
# the one write lock every replica on the file shares, so claims are fewer and larger.
# On PostgreSQL claims run side by side, and a smaller one is quicker and lets more
# claimed posts queue ahead of the next (see OutboxPolicy.claim_ahead), so no post slot
# waits for a claim when replicas share the machine's time.
SQLITE_CLAIM_BATCH = 200
CLAIM_BATCH = 100


@dataclass(frozen=True)
class OutboxPolicy:
    grace: timedelta = timedelta(hours=6)
    lease: timedelta = timedelta(minutes=5)
    backoff: tuple[timedelta, ...] = (timedelta(seconds=30), timedelta(minutes=2),
                                      timedelta(minutes=10), timedelta(minutes=30))
    max_attempts: int = 5
    claim_batch: int | None = None  # None: the database's own (see sized_for)
    concurrency: int = 100
    post_timeout: float = 60.0
    max_skipped_recorded: int = 20

    def __post_init__(self) -> None:
        # A claim must be posted before its lease runs out, or another process retakes it.
        if self._posting_time(1) >= self.lease:
            raise ValueError("lease must outlast posting one claim batch")

    @property
    def batch(self) -> int:
        """Occurrences per claim (until sized for a database, the larger default, so
        every check made on it holds for either)."""
        return self.claim_batch or SQLITE_CLAIM_BATCH

    def sized_for(self, sqlite: bool) -> OutboxPolicy:
        if self.claim_batch is not None:
            return self
        return replace(self, claim_batch=SQLITE_CLAIM_BATCH if sqlite else CLAIM_BATCH)

    @property
    def may_claim_ahead(self) -> bool:
        return self.claim_ahead > 0

    @property
    def claim_ahead(self) -> int:
        """How many claimed posts may still be waiting to be attempted when the next batch
        is claimed: as many as the lease allows, since the new batch's posts wait for
        them (`concurrency` at a time, each at most `post_timeout`), but at most three
        rounds of posts, so that one replica does not claim what others could be posting."""
        rounds = 1
        while timedelta(seconds=(rounds + 1) * self.post_timeout) < self.lease:
            rounds += 1
        allowed = rounds * self.concurrency - self.batch
        return max(0, min(allowed, 3 * self.concurrency))

    def _posting_time(self, batches: int) -> timedelta:
        rounds = -(-self.batch // self.concurrency)
        return timedelta(seconds=batches * rounds * self.post_timeout)
