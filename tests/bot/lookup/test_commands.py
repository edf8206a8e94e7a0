"""Lookup in chat: plain questions and `search` find the passage; misses are said and kept."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.course.importers.caption_folder import import_captions
from bot.lookup.misses import SearchMissRepository
from bot.messages import Actions, Bullets, Quote, Reply
from tests.packs import SMART_CITIES
from tests.people import OTHER_TENANT, TENANT, FakeClock, say


@pytest.fixture
async def companion(settings: Settings, tmp_path: Path, clock: FakeClock,
                    monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Companion]:
    monkeypatch.setenv("STUDYBOT_CACHE_DIR", str(tmp_path / "cache"))
    async with open_companion(settings, clock=clock) as built:
        yield built


async def ask(companion: Companion, text: str, **who: object) -> Reply:
    return await companion.handle(say(text, **who))  # type: ignore[arg-type]


def quote_of(reply: Reply) -> Quote:
    quotes = [p for p in reply.parts if isinstance(p, Quote)]
    assert quotes, reply.plain_text()
    return quotes[0]


@pytest.mark.parametrize("line", [
    "what did Lorraine say about standards?",
    "search speaker:lorraine standards",
    "what did lorraine say about standards in week 5",
])
async def test_questions_about_standards_quote_lorraine_in_week_5(companion: Companion, line: str) -> None:
    reply = await ask(companion, line)
    quote = quote_of(reply)
    assert "standards" in quote.text
    assert quote.source.week == 5
    assert quote.source.speaker == "Dr Lorraine Hudson"
    assert quote.source.title == "Leadership, partnerships and standards"
    # The bundled transcripts are our summaries, and the reply says so.
    assert "summary in our own words" in reply.plain_text()


@pytest.mark.parametrize("line", ["find standards week:5", "where are standards discussed?",
                                  "which week covers standards?"])
async def test_questions_without_a_speaker_find_the_week_on_standards(
    companion: Companion, line: str
) -> None:
    quote = quote_of(await ask(companion, line))
    assert "standards" in quote.text.lower() and quote.source.week == 5


async def test_two_more_hits_are_listed_with_a_more_button(companion: Companion) -> None:
    reply = await ask(companion, "where is governance discussed?")
    bullets = [p for p in reply.parts if isinstance(p, Bullets)]
    assert bullets and len(bullets[0].items) == 2
    buttons = [b for p in reply.parts if isinstance(p, Actions) for b in p.buttons]
    assert [(b.label, b.command) for b in buttons] == [
        ("More results", "more 3 where is governance discussed?")]


async def test_a_more_button_shows_its_own_search_to_whoever_clicks(companion: Companion) -> None:
    first = await ask(companion, "search data")
    [button] = [b for p in first.parts if isinstance(p, Actions) for b in p.buttons]
    await ask(companion, "search standards", user="grace")  # grace's own last search differs
    clicked = await ask(companion, button.command, user="grace")
    assert "More for “data”" in clicked.plain_text()
    [following] = [b for p in clicked.parts if isinstance(p, Actions) for b in p.buttons]
    assert following.command == "more 6 data"


async def test_more_pages_through_the_last_search_of_this_person(companion: Companion) -> None:
    first = await ask(companion, "search data")
    following = await ask(companion, "more")
    assert "More for “data”" in following.plain_text()
    assert quote_of(first).text not in following.plain_text()
    other_person = await ask(companion, "more", user="grace")
    assert "nothing to show more of yet" in other_person.plain_text()
    for _ in range(30):
        last = await ask(companion, "more")
        if "That's everything" in last.plain_text():
            break
    else:
        pytest.fail("`more` never ran out")


async def test_plain_week_requests_still_reach_the_week_command(companion: Companion) -> None:
    assert (await ask(companion, "show me week 3")).plain_text().startswith("Week 3:")


async def test_an_unanswered_question_is_said_honestly_and_recorded(
    companion: Companion, clock: FakeClock
) -> None:
    reply = await ask(companion, "how do blockchain ledgers handle cryptocurrency mining?", channel="C1")
    text = reply.plain_text()
    assert "doesn't seem to cover" in text and "noted the question" in text
    assert not [p for p in reply.parts if isinstance(p, Quote)]
    misses = await SearchMissRepository(companion.db, "smart-cities").recent(TENANT)
    assert [(m.query, m.channel_id, m.user_id, m.created_at) for m in misses] == [
        ("how do blockchain ledgers handle cryptocurrency mining?", "C1", "ada", clock.now)]
    assert await SearchMissRepository(companion.db, "smart-cities").recent(OTHER_TENANT) == []


async def test_close_words_are_suggested_when_a_word_is_not_in_the_course(companion: Companion) -> None:
    text = (await ask(companion, "search sustainabilitee quantum")).plain_text()
    assert "doesn't seem to cover" in text
    assert "`sustainability`" in text


async def test_facilitators_see_the_misses_and_learners_do_not(companion: Companion) -> None:
    await ask(companion, "search quantum entanglement", channel="C1")
    await ask(companion, "search quantum entanglement", channel="C1", user="grace")
    listed = await ask(companion, "misses", channel="C1", admin=True)
    assert "“search quantum entanglement”" not in listed.plain_text()
    assert "2 learners asked something like: “quantum entanglement”" in listed.plain_text()
    assert listed.private
    refused = await ask(companion, "misses", channel="C1")
    assert "Only the group's facilitators" in refused.plain_text()
    assert "Only the group's facilitators" in (await ask(companion, "search misses")).plain_text()


async def test_a_bad_filter_is_explained(companion: Companion) -> None:
    text = (await ask(companion, "search week:nine data")).plain_text()
    assert "`week:` takes a number" in text


async def test_an_empty_search_says_what_to_type(companion: Companion) -> None:
    assert "Tell me what to look for" in (await ask(companion, "search")).plain_text()


def _with_captions(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, cues: str) -> Settings:
    """Settings for a copy of the pack with one captioned video, "Harbour sensors", in week 3."""
    pack = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, pack)
    captions = tmp_path / "tides.vtt"
    captions.write_text(f"WEBVTT\n\n{cues}", encoding="utf-8")
    import_captions([captions], pack, 3, title="Harbour sensors")
    monkeypatch.setenv("STUDYBOT_CACHE_DIR", str(tmp_path / "cache"))
    return Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=pack)


async def test_captions_quote_the_moment_with_its_time(
    tmp_path: Path, database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _with_captions(tmp_path, database_url, monkeypatch, "00:02:05.000 --> 00:02:09.000\n"
                              "<v Gerd>Tidal sensors warn the harbour before a storm surge.\n")
    async with open_companion(settings, clock=clock) as companion:
        reply = await ask(companion, "which video talks about storm surge?")
    quote = quote_of(reply)
    assert (quote.source.title, quote.source.week, quote.source.speaker) == (
        "Harbour sensors", 3, "Professor Gerd Kortuem")
    assert (quote.source.start_seconds, quote.source.end_seconds) == (125.0, 129.0)
    assert "summary in our own words" not in reply.plain_text()


def _quoted_sentences(reply: Reply) -> list[str]:
    """Every caption sentence a reply quotes (in the quote or the bullets)."""
    text = " ".join([q.text for q in reply.parts if isinstance(q, Quote)]
                    + [i for b in reply.parts if isinstance(b, Bullets) for i in b.items])
    return [f"Sensor {n} " for n in range(40) if f"Sensor {n} " in text]


async def test_more_moves_to_the_next_moment_and_never_repeats_one(
    tmp_path: Path, database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    cues = "".join(f"00:{n * 8 // 60:02d}:{n * 8 % 60:02d}.000 --> 00:{(n * 8 + 7) // 60:02d}:"
                   f"{(n * 8 + 7) % 60:02d}.000\nSensor {n} reads the tide gauge on the harbour wall.\n\n"
                   for n in range(30))
    settings = _with_captions(tmp_path, database_url, monkeypatch, cues)
    async with open_companion(settings, clock=clock) as companion:
        first = await ask(companion, "search tide gauge harbour wall")
        seen = _quoted_sentences(first)
        replies = []
        for _ in range(40):
            reply = await ask(companion, "more")
            if "That's everything" in reply.plain_text():
                break
            replies.append(reply)
            seen += _quoted_sentences(reply)
        again = await ask(companion, "search harbour wall tide gauge")
        after_again = await ask(companion, "more")
    assert replies and len(seen) == len(set(seen))  # no sentence quoted twice
    # Each window is 45 s of speech, about six of these sentences: `more` quotes several
    # moments of one window rather than jumping a whole window at a time.
    assert len(seen) >= 20
    assert _quoted_sentences(again)  # a new question is answered in full, seen or not
    assert "That's everything" in after_again.plain_text()  # ...but `more` shows nothing twice
