"""Widen a question's terms: misspellings to words the course has, and a few synonyms.

Expansions score less than the words the learner typed, so an exact match still wins.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.search.analysis import stem

FUZZY_WEIGHT = 0.8
SYNONYM_WEIGHT = 0.4

# Groups of words a learner may use for the same idea. Kept small and general: each
# entry was added because a question in our cases missed without it.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("money", "funding", "finance", "investment", "budget"),
    ("cost", "price", "expense"),
    ("rules", "regulation", "policy", "law"),
    ("people", "citizens", "residents", "public"),
    ("council", "municipality", "authority"),
    ("car", "vehicle", "traffic"),
    ("bus", "transport", "transit"),
    ("iot", "sensors"),
    ("pollution", "emissions"),
    ("measure", "metrics", "indicators"),
    ("goal", "aim", "objective"),
    ("problem", "challenge", "issue"),
    ("teamwork", "collaboration", "partnership"),
    ("government", "governance"),
    ("startup", "start-up", "enterprise"),
)


def _synonym_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in SYNONYM_GROUPS:
        stems = tuple(dict.fromkeys(stem(w) for w in group))
        for member in stems:
            table[member] = tuple(s for s in stems if s != member)
    return table


_SYNONYMS: dict[str, tuple[str, ...]] | None = None


def synonyms(term: str) -> tuple[str, ...]:
    global _SYNONYMS
    if _SYNONYMS is None:
        _SYNONYMS = _synonym_table()
    return _SYNONYMS.get(term, ())


def allowed_edits(word: str) -> int:
    """Longer words take one typo, long ones two; short ones none ("mine" is not "mind")."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


class Vocabulary:
    """The index's words, bucketed by length so a typo is only compared with likely ones."""

    def __init__(self, words: Sequence[str]) -> None:
        self.by_length: dict[int, list[str]] = {}
        for term in words:
            self.by_length.setdefault(len(term), []).append(term)

    def near_length(self, length: int, edits: int) -> list[str]:
        return [t for n in range(length - edits, length + edits + 1) for t in self.by_length.get(n, ())]


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
    """Term ids to search for besides `term` itself (the stem of the typed `word`), with weights."""
    found: list[tuple[int, float]] = []
    if term not in index_terms:
        for close in close_terms(word, vocabulary, limit=1):
            found.append((word_terms[close], FUZZY_WEIGHT))
    found += [(index_terms[s], SYNONYM_WEIGHT) for s in synonyms(term) if s in index_terms]
    return found
