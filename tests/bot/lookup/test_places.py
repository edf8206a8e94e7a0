"""Lookup knows where the learner is: their week lifts its videos; close calls offer a choice."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.course.importers.caption_folder import import_captions
from bot.messages import Actions, Quote
from tests.bot.lookup.valves import ask, quoted_title, valves_course
from tests.packs import SMART_CITIES
from tests.people import FakeClock, say


@pytest.fixture
async def companion(database_url: str, tmp_path: Path, clock: FakeClock,
                    monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Companion]:
    async with valves_course(database_url, tmp_path, clock, monkeypatch) as built:
        yield built


async def test_two_videos_about_equally_good_are_offered_as_buttons(companion: Companion) -> None:
    reply = await ask(companion, "why does the pressure in the pipe rise too far")
    assert "Two videos answer this about equally well" in reply.plain_text()
    buttons = {b.label: b.command for p in reply.parts if isinstance(p, Actions) for b in p.buttons}
    assert buttons["Valves, part 1 at 03:00"].startswith("moment ")
    assert buttons["Valves, part 2 at 08:00"].startswith("moment ")
    picked = await ask(companion, buttons["Valves, part 2 at 08:00"])
    assert quoted_title(picked) == "Valves, part 2"
    assert "stuck relief valve" in picked.plain_text()


async def test_the_learners_week_decides_between_close_videos(companion: Companion) -> None:
    await ask(companion, "week set 4", user="ada")  # viewing a week would not move them
    await ask(companion, "week set 2", user="ben")
    question = "why does the pressure in the pipe rise too far"
    assert quoted_title(await ask(companion, question, user="ada")) == "Valves, part 2"
    assert quoted_title(await ask(companion, question, user="ben")) == "Valves, part 1"


async def test_a_clear_answer_has_no_choice_to_make(companion: Companion) -> None:
    reply = await ask(companion, "what does a stuck relief valve do")
    assert quoted_title(reply) == "Valves, part 2"
    assert "equally well" not in reply.plain_text()


async def test_moment_without_a_search_or_out_of_range_says_what_to_do(companion: Companion) -> None:
    assert "nothing to show more of yet" in (await ask(companion, "moment 1")).plain_text()
    await ask(companion, "why does the pressure in the pipe rise too far")
    assert "pick one of them" in (await ask(companion, "moment 9")).plain_text()


async def test_a_long_caption_window_is_quoted_at_the_sentences_that_answer(
    database_url: str, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentences = ["Welcome back to the second half of the session on water networks today.",
                 "We talked about reservoirs and the towns they serve for a long while last time.",
                 "Engineers also look at how pumps are scheduled across a busy working day.",
                 "A water hammer is the bang you hear when a valve shuts too quickly.",
                 "It happens because the moving water has nowhere to go and the pressure spikes.",
                 "After the break we will look at the maps of the old city mains in detail."]
    cues = "".join(f"00:00:{6 * i:02d}.000 --> 00:00:{6 * i + 5:02d}.000\n{text}\n\n"
                   for i, text in enumerate(sentences))
    captions = tmp_path / "hammer.vtt"
    captions.write_text(f"WEBVTT\n\n{cues}", encoding="utf-8")
    pack = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, pack)
    import_captions([captions], pack, 3, title="Water networks")
    monkeypatch.setenv("STUDYBOT_CACHE_DIR", str(tmp_path / "cache"))
    async with open_companion(Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=pack),
                              clock=clock) as companion:
        reply = await ask(companion, "what is a water hammer?")
    quote = next(p for p in reply.parts if isinstance(p, Quote))
    assert "A water hammer is the bang" in quote.text
    assert "Welcome back" not in quote.text and "maps of the old city" not in quote.text
    assert quote.source.start_seconds is not None and quote.source.end_seconds is not None


# The clock reads Tuesday 1 December 2026: a group that started on Monday 9 November is in week 4.
GROUP_IN_WEEK_4 = "group setup start:2026-11-09"


async def test_in_a_group_channel_the_groups_week_decides_and_is_named(companion: Companion) -> None:
    await companion.handle(say(GROUP_IN_WEEK_4, channel="C1", admin=True))
    await ask(companion, "week set 2", user="ben")  # their own pace does not count in the group
    reply = await companion.handle(say("why does the pressure in the pipe rise too far", user="ben",
                                       channel="C1"))
    assert quoted_title(reply) == "Valves, part 2"
    assert reply.plain_text().startswith("In week 4 (your week):")


async def test_in_a_direct_message_the_learners_group_week_decides(companion: Companion) -> None:
    await companion.handle(say(GROUP_IN_WEEK_4, channel="C1", admin=True))
    await companion.handle(say("week", user="ben", channel="C1"))  # ben asks there: a member
    reply = await ask(companion, "why does the pressure in the pipe rise too far", user="ben")
    assert quoted_title(reply) == "Valves, part 2"
    assert reply.plain_text().startswith("In week 4 (your week):")


async def test_an_answer_from_another_week_says_which(companion: Companion) -> None:
    await ask(companion, "week set 6")
    reply = await ask(companion, "what does a stuck relief valve do")
    assert reply.plain_text().startswith("From week 4:")


async def test_with_no_week_known_the_answer_still_names_its_week(companion: Companion) -> None:
    reply = await ask(companion, "what does a stuck relief valve do")
    assert reply.plain_text().startswith("From week 4:")
    assert "your week" not in reply.plain_text()
