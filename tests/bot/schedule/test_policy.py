"""How far ahead of its posts an outbox claims: never further than a claim's lease covers."""

from __future__ import annotations

from datetime import timedelta

from bot.schedule.policy import OutboxPolicy


def test_a_pass_claims_ahead_only_as_far_as_the_lease_and_three_rounds_of_posts_allow() -> None:
    sqlite, postgresql = OutboxPolicy().sized_for(sqlite=True), OutboxPolicy().sized_for(sqlite=False)
    assert (sqlite.batch, postgresql.batch) == (200, 100)
    assert sqlite.claim_ahead == 200  # 200 waiting + 200 claimed: 4 rounds of 60 s < 5 min
    assert postgresql.claim_ahead == 300  # 300 waiting + 100 claimed: the same 4 rounds
    assert OutboxPolicy(claim_batch=10, post_timeout=1).claim_ahead == 300  # three rounds at most
    assert OutboxPolicy(lease=timedelta(seconds=150), post_timeout=60).claim_ahead == 0
