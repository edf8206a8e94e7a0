"""Two courses in one deployment: each group, learner, search and canvas keeps to its own."""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.posts.reminders import PostComposer
from bot.schedule.schedules import ScheduleRepository
from bot.store.groups import GroupRepository
from tests.packs import SMART_CITIES, write_pack
from tests.people import FakeClock, say

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)
SETUP_CITIES = "group setup start:2026-12-07 tz:UTC course:smart-cities"
SETUP_GARDENS = "group setup start:2026-12-07 tz:UTC course:gardens"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(SMART_CITIES, folder / "smart-cities")
    write_pack(folder, "gardens", "Community gardens", topic="compost")
    return folder


@pytest.fixture
def two_courses(database_url: str, content: Path) -> Settings:
    return Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=content)


@pytest.fixture
async def companion(two_courses: Settings) -> AsyncIterator[Companion]:
    async with open_companion(two_courses, clock=FakeClock(NOW)) as opened:
        await opened.handle(say(SETUP_CITIES, user="fay", channel="cities", admin=True))
        await opened.handle(say(SETUP_GARDENS, user="fay", channel="plots", admin=True))
        yield opened


async def ask(companion: Companion, text: str, **where: object) -> str:
    return (await companion.handle(say(text, **where))).plain_text()  # type: ignore[arg-type]


async def test_two_groups_each_show_their_own_course(companion: Companion) -> None:
    cities = await ask(companion, "week 1", channel="cities")
    gardens = await ask(companion, "week 1", channel="plots")
    assert cities.startswith("Week 1: ") and "Community gardens" not in cities
    assert gardens.startswith("Week 1: Community gardens week 1")
    assert "Course: Community gardens" in gardens
    assert "Course: Smart cities" in cities
    assert "Course: Community gardens" in await ask(companion, "group", channel="plots")


async def test_a_search_never_returns_another_courses_passages(companion: Companion) -> None:
    found = await ask(companion, "search compost", channel="plots")
    missed = await ask(companion, "search compost", channel="cities")
    assert "compost works on a small plot" in found
    assert "doesn't seem to cover" in missed
    governance = await ask(companion, "search governance", channel="plots")
    assert "doesn't seem to cover" in governance


async def test_a_course_without_a_canvas_has_no_canvas_commands(companion: Companion) -> None:
    gardens_help = await ask(companion, "help", channel="plots")
    cities_help = await ask(companion, "help", channel="cities")
    assert "canvas" not in gardens_help.lower() and "`canvas" in cities_help
    assert "I don't know the command `canvas`" in await ask(companion, "canvas", channel="plots")
    promote = await ask(companion, "ideas promote 1 soil", channel="plots")
    assert "has no project canvas" in promote


async def test_canvases_and_ideas_belong_to_their_course(companion: Companion) -> None:
    await ask(companion, "ideas add the bins smell in summer", user="ada", channel="plots")
    await ask(companion, "canvas add key partners the council", user="ada", channel="cities")
    assert "the bins smell" in await ask(companion, "ideas", user="ada", channel="plots")
    assert "no notes" in await ask(companion, "ideas", user="ada", channel="cities")
    assert "the council" in await ask(companion, "canvas", user="ada", channel="cities")


async def test_a_dm_with_nothing_to_go_by_asks_which_course(companion: Companion) -> None:
    asked = await companion.handle(say("week", user="newcomer"))
    assert "Several courses are installed" in asked.plain_text()
    assert {b.command for p in asked.parts if hasattr(p, "buttons") for b in p.buttons} == {
        "courses gardens", "courses smart-cities"}
    assert "Several courses are installed" in await ask(companion, "what is compost?", user="newcomer")
    chosen = await ask(companion, "course gardens", user="newcomer")
    assert "You're following **Community gardens** now" in chosen
    after = await ask(companion, "week", user="newcomer")
    assert after.startswith("Week 1: Community gardens") and "`courses` to switch" in after


async def test_a_dm_follows_the_group_the_learner_belongs_to(companion: Companion) -> None:
    await ask(companion, "week", user="bea", channel="plots")
    assert (await ask(companion, "week", user="bea")).startswith("Week 1: Community gardens")
    assert "you follow this one here" in await ask(companion, "courses", user="bea")


async def test_the_course_of_a_group_channel_cannot_be_chosen_by_a_learner(companion: Companion) -> None:
    reply = await ask(companion, "course gardens", user="ada", channel="cities")
    assert "follows Smart cities" in reply and "group course ID" in reply


async def test_an_unknown_course_gets_the_list_with_close_matches(companion: Companion) -> None:
    reply = await ask(companion, "course garden", user="ada")
    assert "I don't know the course `garden`" in reply and "Did you mean `gardens`?" in reply
    setup = await ask(companion, "group setup start:2026-12-07 tz:UTC", user="fay", channel="new",
                      admin=True)
    assert "Which course will the group follow?" in setup
    assert "**Community gardens**: `group setup start:2026-12-07 tz:UTC course:gardens`" in setup
    wrong = await ask(companion, "group setup start:2026-12-07 course:smart-city", user="fay",
                      channel="new", admin=True)
    assert "Did you mean `smart-cities`?" in wrong


async def test_a_facilitator_moves_a_group_to_another_course(companion: Companion) -> None:
    refused = await ask(companion, "group course gardens", user="ada", channel="cities")
    assert "Only the group's facilitators" in refused
    moved = await ask(companion, "group course gardens", user="fay", channel="cities", admin=True)
    assert "This group follows **Community gardens** now" in moved
    assert "prompt queue-course" in moved and "come back if the group switches back" in moved
    assert (await ask(companion, "week 1", channel="cities")).startswith("Week 1: Community gardens")
    assert "group course" in await ask(companion, "group audit", user="fay", channel="cities", admin=True)


async def test_reminders_are_built_from_each_groups_own_course(companion: Companion) -> None:
    groups = GroupRepository(companion.db)
    composer = PostComposer(companion.catalog)
    for channel, heading in (("plots", "Week 1 of 2"), ("cities", "Week 1 of 6")):
        group = await groups.get(say("", channel=channel).channel.tenant, channel)
        assert group is not None
        await ask(companion, "remind monday 09:00", user="fay", channel=channel, admin=True)
        [reminder] = [s for s in await ScheduleRepository(companion.db).of_group(group)]
        post = composer.compose(reminder, group, NOW)
        assert heading in post.plain_text()  # type: ignore[union-attr]


async def test_a_group_whose_course_went_away_is_told_so_and_keeps_its_data(
        two_courses: Settings, content: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with open_companion(two_courses, clock=FakeClock(NOW)) as companion:
        await companion.handle(say(SETUP_GARDENS, user="fay", channel="plots", admin=True))
        await ask(companion, "ideas add keep the hoses", user="ada", channel="plots")
    shutil.rmtree(content / "gardens")
    with caplog.at_level(logging.WARNING):
        async with open_companion(two_courses, clock=FakeClock(NOW)) as companion:
            week = await ask(companion, "week", channel="plots")
            card = await ask(companion, "group", channel="plots")
            elsewhere = await ask(companion, "week", channel="cities")
    assert "follows the course `gardens`, which is not installed here" in week
    assert "group course ID" in week
    assert "gardens (not installed here" in card
    assert elsewhere.startswith("Week 1: ")  # the one course left is everyone else's
    [warning] = [r for r in caplog.records if "not installed" in r.getMessage()]
    assert "gardens" in warning.getMessage()
    write_pack(content, "gardens", "Community gardens", topic="compost")
    async with open_companion(two_courses, clock=FakeClock(NOW)) as companion:
        assert "keep the hoses" in await ask(companion, "ideas", user="ada", channel="plots")
