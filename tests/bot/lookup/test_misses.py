"""What facilitators see of unanswered questions: the questions, never who asked or where in private."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from tests.people import FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def test_misses_name_the_group_but_no_learner_and_no_direct_message(companion: Companion) -> None:
    await companion.handle(say('group setup start:2026-11-30 name:"Tuesday group"', user="fay",
                               channel="C1", admin=True))
    await companion.handle(say("search quantum chromodynamics", user="kim"))
    await companion.handle(say("search medieval falconry", user="lee", channel="C1"))
    listed = (await companion.handle(say("misses", user="fay", channel="C1", admin=True))).plain_text()
    assert "“quantum chromodynamics”" in listed and "“medieval falconry”" in listed
    assert "in Tuesday group" in listed and "outside a group's channel" in listed
    for private in ("dm-kim", "kim", "lee"):
        assert private not in listed
