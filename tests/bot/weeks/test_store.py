from __future__ import annotations

import asyncio

from bot.store.db import Database
from bot.weeks.store import ProgressRepository
from tests.people import say


async def test_a_new_learner_moving_twice_at_once_keeps_one_place(db: Database) -> None:
    progress = ProgressRepository(db)
    ada = say("week").user
    await asyncio.gather(progress.set_week(ada, "smart-cities", 2),
                         progress.set_week(ada, "smart-cities", 2))
    assert await progress.current_week(ada, "smart-cities") == 2
    await progress.set_week(ada, "smart-cities", 4)
    assert await progress.current_week(ada, "smart-cities") == 4
    assert await progress.current_week(say("week", user="bob").user, "smart-cities") is None
