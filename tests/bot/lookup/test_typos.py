"""Search forgives slips as commands do, and a miss looks in the other installed courses first."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import BUNDLED_CONTENT, Settings
from bot.lookup.misses import SearchMissRepository
from tests.people import TENANT, FakeClock, say


@pytest.fixture
async def companion(database_url: str, clock: FakeClock) -> AsyncIterator[Companion]:
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=BUNDLED_CONTENT)
    async with open_companion(settings, clock=clock) as built:
        yield built


async def text(companion: Companion, line: str, user: str = "kim", channel: str | None = None) -> str:
    return (await companion.handle(say(line, user=user, channel=channel))).plain_text()


async def misses(companion: Companion, course_id: str) -> list[str]:
    return [m.query for m in await SearchMissRepository(companion.db, course_id).recent(TENANT)]


@pytest.mark.parametrize("line, found", [
    ("serch goverance", "Governance"),
    ("whta goes in key partenrs?", "Key Partners"),
])
async def test_a_slipped_search_is_answered_and_is_no_miss(companion: Companion, line: str,
                                                           found: str) -> None:
    await text(companion, "course smart-cities")
    reply = await text(companion, line)
    assert "doesn't seem to cover" not in reply and "(I read `" in reply
    assert found.lower() in reply.lower()
    assert await misses(companion, "smart-cities") == []


async def test_a_miss_names_the_installed_course_that_covers_it(companion: Companion) -> None:
    await text(companion, "course air-quality")
    reply = await text(companion, "what did Lorraine say about standards?")
    assert "Smart cities** covers this:" in reply and "Lorraine Hudson" in reply
    assert "`course smart-cities` switches to it" in reply
    assert "Close words" not in reply
    await text(companion, "course smart-cities")
    assert "doesn't seem to cover" not in await text(companion, "what did Lorraine say about standards?")


async def test_in_a_group_channel_the_other_course_is_named_without_a_switch(companion: Companion) -> None:
    await companion.handle(say("group setup start:2026-12-07 course:air-quality", user="fay",
                               channel="air", admin=True))
    reply = await text(companion, "what did Lorraine say about standards?", channel="air")
    assert "Smart cities** covers this:" in reply and "`course smart-cities`" not in reply
