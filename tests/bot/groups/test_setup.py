"""`group setup` as facilitators type it: options in any order, and reruns that change only what they name."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import BUNDLED_CONTENT, Settings
from bot.groups.setup import options_of
from tests.people import FakeClock, say


@pytest.fixture
def bundled(database_url: str) -> Settings:
    """Both bundled courses, as `studybot chat` serves them out of the box."""
    return Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=BUNDLED_CONTENT)


@pytest.fixture
async def companion(bundled: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(bundled, clock=clock) as built:
        yield built


async def facilitator(companion: Companion, line: str, channel: str = "cafe") -> str:
    return (await companion.handle(say(line, user="fay", channel=channel, admin=True))).plain_text()


@pytest.mark.parametrize("args, expected", [
    ('start:2026-12-07 name:"Tuesday group" tz:Europe/London',
     {"start": "2026-12-07", "name": "Tuesday group", "tz": "Europe/London"}),
    ("start:2026-12-07 tz:Europe/London name:Tuesday group course:smart-cities",
     {"start": "2026-12-07", "tz": "Europe/London", "name": "Tuesday group", "course": "smart-cities"}),
    ("name:Study date club start:2026-12-07", {"name": "Study date club", "start": "2026-12-07"}),
    ("name:“Tuesday group” 2026-12-07", {"name": "Tuesday group", "start": "2026-12-07"}),
    ("start 2026-12-07 tz America/New_York", {"start": "2026-12-07", "tz": "America/New_York"}),
])
def test_options_parse_in_any_order(args: str, expected: dict[str, str]) -> None:
    assert options_of(args) == expected


async def test_a_course_named_after_the_name_is_not_swallowed_by_it(companion: Companion) -> None:
    done = await facilitator(companion, "group setup start:2026-12-07 tz:Europe/London "
                                        "name:Tuesday group course:smart-cities")
    assert "now a study group for Smart cities" in done
    assert "Study group: Tuesday group" in await facilitator(companion, "group")


async def test_running_setup_again_changes_only_what_it_names(companion: Companion) -> None:
    await facilitator(companion, 'group setup course:smart-cities name:"Tuesday group" '
                                 "tz:Europe/London start:2026-12-07")
    await facilitator(companion, "group setup start:2026-12-14")
    card = await facilitator(companion, "group")
    for line in ("Study group: Tuesday group", "Course: Smart cities", "Starts: Mon 14 Dec 2026",
                 "Time zone: Europe/London"):
        assert line in card


async def test_the_deployment_default_course_needs_no_course_option(
        database_url: str, clock: FakeClock) -> None:
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=BUNDLED_CONTENT,
                        STUDYBOT_DEFAULT_COURSE="smart-cities")
    async with open_companion(settings, clock=clock) as companion:
        hint = await facilitator(companion, "group")
        assert "`group setup start:2026-12-07 tz:Europe/London`" in hint
        done = await facilitator(companion, "group setup start:2026-12-07 tz:Europe/London")
    assert "now a study group for Smart cities" in done


async def test_with_several_courses_the_hint_names_one_and_runs_as_shown(companion: Companion) -> None:
    hint = await facilitator(companion, "group")
    shown = hint.split("`")[1]
    assert "course:" in shown
    assert "now a study group for" in await facilitator(companion, shown)


@pytest.mark.parametrize("answer", ["course smart-cities", "smart-cities", "2", "Smart cities"])
async def test_which_course_is_asked_and_the_answer_finishes_the_setup(
        companion: Companion, answer: str) -> None:
    asked = await facilitator(companion, 'group setup start:2026-12-07 name:"Tuesday group"')
    assert "Which course will the group follow?" in asked
    done = await facilitator(companion, answer)
    assert "now a study group for Smart cities" in done
    assert "Study group: Tuesday group" in await facilitator(companion, "group")


async def test_a_city_for_a_time_zone_is_offered_as_its_zone(companion: Companion) -> None:
    told = await facilitator(companion, "group setup start:2026-12-07 course:smart-cities tz:london")
    assert "Did you mean `tz:Europe/London`?" in told
