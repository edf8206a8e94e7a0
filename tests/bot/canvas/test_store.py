"""The canvas tables: revisions number changes exactly, even when they race."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.canvas.store import Actor, CanvasOwner, CanvasRepository
from bot.command import UsageError
from bot.messages import ChannelRef
from bot.store.db import Database
from tests.people import TENANT, say

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ADA = Actor("ada", "Ada")


async def test_concurrent_adds_get_distinct_numbers_and_history_rows(db: Database) -> None:
    repository = CanvasRepository(db)
    owner = CanvasOwner.group(ChannelRef(TENANT, "C1"), "smart-cities")
    await asyncio.gather(*(repository.add(owner, "channels", f"idea {i}", ADA, NOW)
                           for i in range(8)))
    entries = await repository.entries(owner)
    assert sorted(e.entry_no for e in entries) == list(range(1, 9))
    assert sorted(c.revision for c in await repository.history(owner, 50)) == list(range(1, 9))


async def test_each_canvas_counts_its_own_revisions(db: Database) -> None:
    repository = CanvasRepository(db)
    ada = CanvasOwner.learner(say("", user="ada").user, "smart-cities")
    bob = CanvasOwner.learner(say("", user="bob").user, "smart-cities")
    await repository.add(ada, "channels", "SMS", ADA, NOW)
    await repository.add(ada, "channels", "posters", ADA, NOW)
    first_of_bob = await repository.add(bob, "channels", "radio", Actor("bob", "Bob"), NOW)
    assert first_of_bob.entry_no == 1


async def test_editing_or_removing_a_missing_entry_changes_nothing(db: Database) -> None:
    repository = CanvasRepository(db)
    owner = CanvasOwner.learner(say("", user="ada").user, "smart-cities")
    assert await repository.edit(owner, 5, "x", ADA, NOW) is None
    assert await repository.remove(owner, 5, ADA, NOW) is None
    assert await repository.clear(owner, ADA, NOW) == 0
    assert await repository.history(owner, 10) == []


def _refuse(entries: object) -> None:
    raise UsageError("That block is full.")


async def test_a_refused_change_inside_a_message_leaves_the_canvas_as_it_was(db: Database) -> None:
    """A message is one unit of work, and the refusal is answered inside it: the revision
    bumped before the check must still be undone, or the next entry skips a number."""
    repository = CanvasRepository(db)
    owner = CanvasOwner.learner(say("", user="ada").user, "smart-cities")
    await repository.add(owner, "channels", "SMS", ADA, NOW)
    async with db.unit():
        with pytest.raises(UsageError):
            await repository.add(owner, "channels", "posters", ADA, NOW, check=_refuse)
        assert await repository.edit(owner, 99, "x", ADA, NOW) is None
        kept = await repository.add(owner, "channels", "radio", ADA, NOW)
    assert kept.entry_no == 2
    assert [c.revision for c in await repository.history(owner, 10)] == [2, 1]
