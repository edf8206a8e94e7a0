"""`week` and `weeks` as a learner on their own pace sees them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app import open_companion
from bot.config import Settings
from bot.course.importers.openlearn_course import import_openlearn_page
from bot.messages import Actions
from tests.people import say


async def test_week_five_shows_title_summary_and_project_step(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        reply = await companion.handle(say("week 5"))
    text = reply.plain_text()
    week = companion.catalog.courses[0].week(5)
    assert week is not None
    assert text.startswith("Week 5: Smart leadership and strategy")
    assert week.summary in text and week.project_step in text
    assert "Leadership" in text  # the week's video is listed
    buttons = [b.command for p in reply.parts if isinstance(p, Actions) for b in p.buttons]
    videos = [f"watching 5.{n}" for n in range(1, len(week.videos) + 1)]
    assert buttons == [*videos, "week set 5", "week 4", "week 6", "weeks"]


async def test_a_week_past_the_end_says_how_long_the_course_is(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        text = (await companion.handle(say("week 9"))).plain_text()
    assert "The course has 6 weeks" in text and "no week 9" in text


async def test_next_and_previous_stop_at_the_ends(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        assert "first week" in (await companion.handle(say("week previous"))).plain_text()
        await companion.handle(say("week set 6"))
        assert "last week already" in (await companion.handle(say("week next"))).plain_text()
        back = (await companion.handle(say("week back"))).plain_text()
    assert back.startswith("Week 5")


async def test_own_pace_survives_a_restart(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        await companion.handle(say("week set 2", user="ada"))
        await companion.handle(say("week next", user="ada"))
    async with open_companion(settings) as restarted:
        ada = (await restarted.handle(say("week", user="ada"))).plain_text()
        bob = (await restarted.handle(say("week", user="bob"))).plain_text()
    assert ada.startswith("Week 3") and "week 3 of 6, at your own pace" in ada
    assert bob.startswith("Week 1")


async def test_looking_at_a_week_does_not_move_the_learner(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        looked = (await companion.handle(say("week 3"))).plain_text()
        current = (await companion.handle(say("what's this week's material?"))).plain_text()
    assert looked.startswith("Week 3") and "you're on week 1" in looked
    assert "`week set 3` makes it your week" in looked
    assert current.startswith("Week 1") and "You're on week 1 of 6" in current


@pytest.mark.parametrize("line", ["week set 4", "I'm on week 4", "make week 4 my week",
                                  "move me to week four"])
async def test_a_learner_moves_only_when_they_say_so(settings: Settings, line: str) -> None:
    async with open_companion(settings) as companion:
        moved = (await companion.handle(say(line))).plain_text()
        current = (await companion.handle(say("week"))).plain_text()
    assert moved.startswith("Week 4") and "You're on week 4 of 6" in moved
    assert current.startswith("Week 4")


async def test_the_make_it_mine_button_sets_the_week(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        reply = await companion.handle(say("week 5"))
        button = next(b for p in reply.parts if isinstance(p, Actions) for b in p.buttons
                      if b.command.startswith("week set"))
        await companion.router.run_command_line(say("(button)"), button.command)
        current = (await companion.handle(say("week"))).plain_text()
    assert current.startswith("Week 5")


async def test_week_set_in_a_group_channel_points_to_the_calendar(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        await companion.handle(say("group setup start:2026-11-23", channel="C1", admin=True))
        text = (await companion.handle(say("week set 4", channel="C1"))).plain_text()
    assert "calendar" in text and "group leave" in text


@pytest.mark.parametrize("line, week", [("week 5 please 😀", 5), ("week 2!", 2),
                                        ("week 3, thanks", 3), ("please week #4", 4)])
async def test_courtesy_and_emoji_after_a_week_are_fine(
    settings: Settings, line: str, week: int
) -> None:
    async with open_companion(settings) as companion:
        text = (await companion.handle(say(line))).plain_text()
    assert text.startswith(f"Week {week}:")


@pytest.mark.parametrize("line, says, suggests", [
    ("week 0", "Weeks are numbered from 1 to 6, so there is no week 0", "`week 1`"),
    ("week -1", "Weeks are numbered from 1 to 6, so there is no week -1", "`week 1`"),
    ("week 7", "The course has 6 weeks, so there is no week 7", "`week 6`"),
])
async def test_impossible_weeks_say_what_exists(
    settings: Settings, line: str, says: str, suggests: str
) -> None:
    async with open_companion(settings) as companion:
        text = (await companion.handle(say(line))).plain_text()
    assert says in text and f"Try {suggests}" in text
    assert "You're on" not in text  # not mistaken for a step back


async def test_bad_week_argument_explains_the_choices(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        text = (await companion.handle(say("week soon"))).plain_text()
    assert "Try `week 3`, `week next` or `week previous`" in text


async def test_an_imported_openlearn_week_shows_its_video_and_speaker(
    settings: Settings, tmp_path: Path
) -> None:
    seeds = Path(__file__).resolve().parents[4] / "shared" / "seeds"
    seed = seeds / "openlearn-smart-cities-week5.txt"
    if not seed.exists():
        pytest.skip("the real seed page lives in ../shared, which is absent here")
    pack = tmp_path / "pack"
    shutil.copytree(settings.content, pack)
    import_openlearn_page(seed, pack)
    async with open_companion(settings.model_copy(update={"content": pack})) as companion:
        text = (await companion.handle(say("week 5"))).plain_text()
    assert text.startswith("Week 5: Smart leadership and strategy")
    assert "with Dr Lorraine Hudson" in text


async def test_before_the_group_starts_a_later_week_is_not_called_week_one(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        await companion.handle(say("group setup start:2099-12-07", user="fay", channel="cafe", admin=True))
        text = (await companion.handle(say("week 3", channel="cafe"))).plain_text()
    assert text.startswith("Week 3:")
    assert "here is week 1" not in text and "This is week 3 of 6" in text
