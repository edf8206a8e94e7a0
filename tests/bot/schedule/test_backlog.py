"""The count of claimed posts still to attempt, which says when the next batch may be claimed."""

from __future__ import annotations

import asyncio

from bot.schedule.backlog import Backlog


async def test_a_claim_waits_until_few_enough_claimed_posts_are_left_to_attempt() -> None:
    backlog = Backlog()
    backlog.add(3)
    waiting = asyncio.create_task(backlog.down_to(1))
    backlog.attempted()
    await asyncio.sleep(0)
    assert not waiting.done(), "two posts are still to be attempted"
    backlog.attempted()
    await asyncio.wait_for(waiting, 1)


async def test_nothing_waits_while_the_backlog_is_short_enough() -> None:
    backlog = Backlog()
    backlog.add(2)
    await asyncio.wait_for(backlog.down_to(2), 1)
