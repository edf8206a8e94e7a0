from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.lookup.last_search import LastSearch, LastSearchRepository
from bot.store.db import Database
from tests.people import say

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


async def test_two_answers_remembering_at_once_keep_one_last_search(db: Database) -> None:
    searches = LastSearchRepository(db)
    asked = say("search data", channel="cafe")
    await asyncio.gather(*(searches.remember(asked, query, 3, NOW) for query in ("data", "standards")))
    assert await searches.get(asked) in (LastSearch("data", 3), LastSearch("standards", 3))
