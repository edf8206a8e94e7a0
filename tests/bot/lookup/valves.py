"""A course with two short videos on relief valves, in weeks 2 and 4, that answer one
question about equally well: where the learner is decides between them."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.course.importers.caption_folder import import_captions
from bot.messages import Quote, Reply
from tests.packs import SMART_CITIES
from tests.people import FakeClock, say

VALVES = ("Relief valves open when the pressure in the pipe rises too far.",
          "A stuck relief valve is why the pressure in the pipe rises too far.")


def _captions(folder: Path, name: str, start: int, text: str) -> Path:
    file = folder / f"{name}.vtt"
    file.write_text(f"WEBVTT\n\n00:0{start}:00.000 --> 00:0{start}:06.000\n{text}\n", encoding="utf-8")
    return file


@asynccontextmanager
async def valves_course(database_url: str, tmp_path: Path, clock: FakeClock,
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
