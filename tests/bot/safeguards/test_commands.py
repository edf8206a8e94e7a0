"""The `privacy` command's words: phrasings, confirmations, and a long export kept short."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.safeguards.commands import SHOWN_CHARS
from tests.people import FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def text_of(companion: Companion, line: str, **who: object) -> str:
    return (await companion.handle(say(line, **who))).plain_text()  # type: ignore[arg-type]


@pytest.mark.parametrize("line, expected", [
    ("what do you know about me?", "I keep only what I need"),
    ("what data do you keep on me", "I keep only what I need"),
    ("please delete all my data", "Type `yes` to delete"),
    ("forget me", "Type `yes` to delete"),
    ("can I export my data?", "I keep no data about you"),
    ("mydata", "I keep only what I need"),
])
async def test_plain_words_reach_privacy(companion: Companion, line: str, expected: str) -> None:
    assert expected in await text_of(companion, line)


async def test_course_questions_about_data_still_go_to_lookup(companion: Companion) -> None:
    assert "I keep only what I need" not in await text_of(companion, "who owns my data in a smart city?")


async def test_unknown_words_and_the_wrong_place_get_a_next_step(companion: Companion) -> None:
    assert "Try `privacy`, `privacy export` or `privacy delete`" in await text_of(companion, "privacy frob")
    assert "in the group's own channel" in await text_of(companion, "privacy delete group", admin=True)


async def test_a_long_export_is_shortened_in_chat_and_points_to_the_files(companion: Companion) -> None:
    for number in range(40):
        await text_of(companion, f"ideas add idea number {number} " + "with plenty of words " * 8)
    reply = await companion.handle(say("privacy export"))
    text = reply.plain_text()
    assert reply.private and "more characters)" in text
    assert "`studybot privacy export --user ada --platform console --tenant test-workspace`" in text
    assert all(len(part.text) <= SHOWN_CHARS + 40 for part in reply.parts if hasattr(part, "text"))


async def test_help_lists_the_privacy_section(companion: Companion) -> None:
    assert "Your data" in await text_of(companion, "help")
    assert "privacy delete group" in await text_of(companion, "help privacy")
