"""Quotes cut to a readable length around the words asked about; times as mm:ss."""

from __future__ import annotations

from bot.messages import clock_time as clock
from bot.search.excerpt import excerpt

FILLER = " ".join(f"Sentence number {i} says nothing much." for i in range(20))


def test_short_passages_are_quoted_whole() -> None:
    assert excerpt("Open data helps.  Really.", "open data") == "Open data helps. Really."


def test_long_passages_are_cut_around_the_matching_sentence() -> None:
    text = f"{FILLER} Tidal sensors warn the harbour before a storm surge. {FILLER}"
    quoted = excerpt(text, "storm surge sensors", limit=200)
    assert "Tidal sensors warn the harbour before a storm surge." in quoted
    assert len(quoted) <= 204 and quoted.startswith("… ") and quoted.endswith(" …")
    assert "… …" not in quoted


def test_a_passage_without_sentence_ends_is_cut_at_a_word() -> None:
    quoted = excerpt("word " * 200, "word", limit=50)
    assert quoted.endswith(" …") and len(quoted) <= 52


def test_positions_read_as_minutes_and_seconds() -> None:
    assert [clock(s) for s in (0, 65.4, 599, 3725)] == ["00:00", "01:05", "09:59", "1:02:05"]


def test_an_address_in_a_long_passage_is_quoted_unbroken() -> None:
    text = (f"{FILLER} Watch https://www.example.com/watch?v=Ab1.x2 before the talk on tidal sensors. "
            f"{FILLER}")
    quoted = excerpt(text, "tidal sensors talk", limit=200)
    assert "https://www.example.com/watch?v=Ab1.x2 before" in quoted
