"""Flood control: "slow down" once, then quiet; per person, per channel; a daily prompt cap."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Reply
from bot.safeguards.flood import FloodGate, FloodLimits
from tests.packs import SMART_CITIES
from tests.people import OTHER_TENANT, FakeClock, say

LIMITS = FloodLimits(per_user=3, per_channel=5)


def test_a_person_over_the_limit_is_told_once_then_left_quiet(clock: FakeClock) -> None:
    gate = FloodGate(LIMITS)
    assert [gate.admit(say("week"), clock()) for _ in range(3)] == [None, None, None]
    warning = gate.admit(say("week"), clock())
    assert warning is not None
    assert "faster than I can keep up" in warning.plain_text() and warning.private
    assert gate.admit(say("week"), clock()) == Reply()
    assert gate.admit(say("week"), clock()) == Reply()


def test_the_window_slides_and_a_new_burst_is_warned_again(clock: FakeClock) -> None:
    gate = FloodGate(LIMITS)
    for _ in range(3):
        gate.admit(say("week"), clock())
        clock.advance(seconds=20)
    assert gate.admit(say("week"), clock()) is None  # the first one is a minute old
    assert gate.admit(say("week"), clock()) is not None
    clock.advance(seconds=41)
    assert gate.admit(say("week"), clock()) is None
    assert gate.admit(say("week"), clock()) is None
    assert "faster" in (gate.admit(say("week"), clock()) or Reply()).plain_text()


def test_others_are_not_slowed_by_one_person(clock: FakeClock) -> None:
    gate = FloodGate(LIMITS)
    for _ in range(5):
        gate.admit(say("week", user="ada"), clock())
    assert gate.admit(say("week", user="bob"), clock()) is None
    assert gate.admit(say("week", user="ada", tenant=OTHER_TENANT), clock()) is None


def test_a_busy_channel_is_slowed_and_each_person_told_once(clock: FakeClock) -> None:
    gate = FloodGate(LIMITS)
    for user in ("ada", "bob", "cy", "dee", "eve"):
        assert gate.admit(say("week", user=user, channel="general"), clock()) is None
    told = gate.admit(say("week", user="fay", channel="general"), clock())
    assert told is not None and "This channel is sending me a lot" in told.plain_text()
    assert gate.admit(say("week", user="fay", channel="general"), clock()) == Reply()
    assert gate.admit(say("week", user="gus", channel="general"), clock()) is not None
    assert gate.admit(say("week", user="fay", channel="lab"), clock()) is None


@pytest.fixture
async def strict(database_url: str, clock: FakeClock) -> AsyncIterator[Companion]:
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=SMART_CITIES,
                        STUDYBOT_USER_COMMANDS_PER_MINUTE=2,
                        STUDYBOT_PROMPTS_PER_DAY=2)
    async with open_companion(settings, clock=clock) as companion:
        yield companion


async def test_the_router_holds_back_a_flood_and_buttons_too(strict: Companion, clock: FakeClock) -> None:
    assert (await strict.handle(say("week"))).plain_text().startswith("Week 1")
    await strict.handle(say("week"))
    assert "faster than I can keep up" in (await strict.handle(say("week"))).plain_text()
    assert await strict.router.run_command_line(say("week 2"), "week 2") == Reply()
    clock.advance(minutes=1)
    assert (await strict.router.run_command_line(say("week 2"), "week 2")).plain_text().startswith("Week 2")


async def test_a_facilitator_may_post_only_so_many_prompts_a_day(strict: Companion, clock: FakeClock) -> None:
    async def facilitator(line: str) -> str:
        clock.advance(minutes=1)  # stays under the command rate limit
        return (await strict.handle(say(line, channel="general", admin=True))).plain_text()

    await facilitator("group setup start:2026-11-30 tz:UTC")
    assert "scheduled" in await facilitator("prompt add week 3 start One?")
    assert "Prompt #2" in await facilitator("prompt add week 4 start Two?")
    refused = await facilitator("prompt now Three!")
    assert "2 new prompts in the last 24 hours" in refused
    assert "Queued the course's discussion questions" in await facilitator("prompt queue-course")
    listed = await facilitator("prompt list")
    assert "One?" in listed and "Two?" in listed and "Three!" not in listed
    clock.advance(hours=24)
    assert "scheduled" in await facilitator("prompt add week 5 start Four?")
