"""Lookup knows where the learner is: their week lifts its videos; close calls offer a choice."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.course.importers.caption_folder import import_captions
from bot.messages import Actions, Quote, Reply
from tests.packs import SMART_CITIES
from tests.people import FakeClock, say

VALVES = ("Relief valves open when the pressure in the pipe rises too far.",
          "A stuck relief valve is why the pressure in the pipe rises too far.")


def _captions(folder: Path, name: str, start: int, text: str) -> Path:
    file = folder / f"{name}.vtt"
    file.write_text(f"WEBVTT\n\n00:0{start}:00.000 --> 00:0{start}:06.000\n{text}\n", encoding="utf-8")
    return file


@pytest.fixture
async def companion(database_url: str, tmp_path: Path, clock: FakeClock,
                    monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Companion]:
    pack = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, pack)
    import_captions([_captions(tmp_path, "one", 3, VALVES[0])], pack, 2, title="Valves, part 1")
    import_captions([_captions(tmp_path, "two", 8, VALVES[1])], pack, 4, title="Valves, part 2")
    monkeypatch.setenv("STUDYBOT_CACHE_DIR", str(tmp_path / "cache"))
    async with open_companion(Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=pack),
                              clock=clock) as built:
        yield built


async def ask(companion: Companion, text: str, user: str = "ada") -> Reply:
    return await companion.handle(say(text, user=user))


def quoted_title(reply: Reply) -> str:
    quotes = [p for p in reply.parts if isinstance(p, Quote)]
    assert quotes, reply.plain_text()
    return quotes[0].source.title


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
