"""Typo matching: a misspelt word stands for the course's nearest word, a real word never does."""

from __future__ import annotations

from bot.search.builder import build
from bot.search.passages import Kind, Passage
from bot.search.query import Query
from bot.search.ranking import search

PASSAGES = [
    Passage(1, "Waste", Kind.PAGE, "Cities reduce waste by sorting it at the source.", group="a"),
    Passage(1, "Teamwork", Kind.PAGE, "Collaboration between councils and universities helps.",
            group="b"),
]


def test_a_real_word_the_course_lacks_is_not_turned_into_another_word() -> None:
    results = search(build(PASSAGES), Query("how do we deduce the answer"), limit=3)
    assert "reduce" not in results.suggestions
    assert not results.hits or "reduce" not in results.hits[0].passage.text
    assert not results.answered
    assert "deduce" in results.unknown_words


def test_a_misspelt_word_is_still_matched_to_the_course_word() -> None:
    results = search(build(PASSAGES), Query("collaberation"), limit=3)
    assert results.answered
    assert "Collaboration" in results.hits[0].passage.text
