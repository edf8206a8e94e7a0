"""Widen a question's terms: a misspelt word stands for the course's word nearest to it.

A word found in an English dictionary is never "corrected" into another one.

A stand-in scores less than a word typed right, so an exact match still wins. (A list of
synonyms was tried too; it made no difference on SciFact, 0.6990 either way, and on our
own chat questions it helped as often as it hurt, so it was left out.)
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.search.lexicon import is_english

FUZZY_WEIGHT = 0.8


class Vocabulary:
    """The index's words, bucketed by length so a typo is only compared with likely ones."""

    def __init__(self, words: Sequence[str]) -> None:
        self.by_length: dict[int, list[str]] = {}
        for term in words:
            self.by_length.setdefault(len(term), []).append(term)

    def near_length(self, length: int, edits: int) -> list[str]:
        return [t for n in range(length - edits, length + edits + 1) for t in self.by_length.get(n, ())]


def allowed_edits(word: str) -> int:
    """Longer words take one typo, long ones two; short ones none ("mine" is not "mind")."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


def close_terms(term: str, vocabulary: Vocabulary, limit: int = 3, *, looser: int = 0) -> list[str]:
    """Vocabulary words within a few edits of `term` (`looser` allows more), nearest first."""
    edits = allowed_edits(term)
    if edits == 0:
        return []
    edits += looser
    found = process.extract(term, vocabulary.near_length(len(term), edits),
                            scorer=Levenshtein.distance, score_cutoff=edits, limit=limit)
    return [match for match, _distance, _index in sorted(found, key=lambda f: f[1])]


def expand(term: str, word: str, index_terms: dict[str, int], word_terms: dict[str, int],
           vocabulary: Vocabulary) -> list[tuple[int, float]]:
    """Term ids to search for instead of `term` (the stem of the typed `word`), with weights.

    Only a word that is not English is a typo: a real word the course lacks stays itself.
    """
    if term in index_terms:
        return []
    found = close_terms(word, vocabulary, limit=1)
    if not found or is_english(word):  # the dictionary is read only when it has to decide
        return []
    return [(word_terms[close], FUZZY_WEIGHT) for close in found]
