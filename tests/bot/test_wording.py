"""Counts in replies say "1 week", and a course's name is never given a stray "'s"."""

from __future__ import annotations

from pathlib import Path

from bot.app import open_companion
from bot.config import Settings
from bot.wording import count
from tests.packs import write_pack
from tests.people import say


def test_counts_say_one_week_not_one_weeks() -> None:
    assert (count(1, "week"), count(6, "week"), count(2, "entry", "entries")) == (
        "1 week", "6 weeks", "2 entries")


async def test_a_one_week_course_is_listed_as_one_week(tmp_path: Path, database_url: str) -> None:
    content = tmp_path / "content"
    write_pack(content, "taster", "Smart cities", weeks=1)
    write_pack(content, "gardens", "Community gardens", weeks=2)
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=content)
    async with open_companion(settings) as companion:
        listed = (await companion.handle(say("courses"))).plain_text()
        await companion.handle(say("group setup start:2026-12-07 course:gardens", channel="g", admin=True))
        moved = (await companion.handle(say("group course taster", channel="g", admin=True))).plain_text()
    assert "(`taster`): 1 week" in listed and "1 weeks" not in listed
    assert "follow its 1 week." in moved and "Smart cities's" not in moved
