"""When two questions ask the same thing: for grouping open questions and for finding the
note that answers a new one.

Lexical: the questions' topic stems (stop words and words of asking dropped, English
stems) compared with a weighted Dice coefficient, 2·w(A∩B) / (w(A) + w(B)), each stem
weighing its inverse document frequency in the course: "open data" is everywhere in a
course on cities' data, so two questions sharing only those words are not close, while
a word the course never uses (what the course leaves open) weighs the most. Semantic, where the
sentence model is installed: the cosine of the two questions' MiniLM vectors. Either
reaching its threshold makes the questions close. The thresholds were chosen on the
labelled pairs in `tests/bot/notes/test_closeness.py` (`benchmarks/notes.py --pairs`
prints precision and recall at each): see docs/notes.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.search.analysis import terms

# Both chosen on the 28 labelled pairs of tests/bot/notes/pairs.py (docs/notes.md), for
# no false match: a wrong note both misleads the learner and keeps their question from
# the facilitators (a question a note answers is not an open question).
# Weighted Dice: the highest pair wanting different answers scored 0.58 ("join" and
# "leave" a study group); at 0.6, 7 of 15 rephrasings are found. Unweighted Dice would
# need 0.7 (three different pairs scored 0.67) and found 5.
LEXICAL = 0.6
# Cosine of MiniLM vectors: different answers scored up to 0.75, rephrasings from 0.63 to
# 0.90; at 0.77, 11 of 15 are found and no false match.
SEMANTIC = 0.77

# A stem's weight (the course's inverse document frequency); without one, every stem weighs 1.
Weights = Callable[[str], float]


def topic(question: str) -> frozenset[str]:
    """The stems a question is about."""
    return frozenset(t.stem for t in terms(question, question=True))


def even(stem: str) -> float:
    return 1.0


def dice(a: frozenset[str], b: frozenset[str], weight: Weights = even) -> float:
    total = sum(map(weight, a)) + sum(map(weight, b))
    if not total:
        return 0.0
    return 2 * sum(map(weight, a & b)) / total


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    # The encoder's vectors are L2-normalised: the dot product is the cosine.
    return float(sum(x * y for x, y in zip(a, b, strict=True)))


@dataclass(frozen=True)
class Asked:
    """One question as compared: its words' stems and, with the model, its vector."""

    text: str
    stems: frozenset[str]
    vector: tuple[float, ...] | None = None


def asked(texts: Sequence[str], vectors: Sequence[Sequence[float]] | None = None) -> list[Asked]:
    """`texts` ready to compare; `vectors`, one per text, from the sentence model if it is on."""
    if vectors is None:
        return [Asked(t, topic(t)) for t in texts]
    return [Asked(t, topic(t), tuple(float(x) for x in v)) for t, v in zip(texts, vectors, strict=True)]


def closeness(a: Asked, b: Asked, weight: Weights = even) -> float:
    """How close, on a common scale: each measure as a share of its own threshold (1.0 = close)."""
    score = dice(a.stems, b.stems, weight) / LEXICAL
    if a.vector is not None and b.vector is not None:
        score = max(score, cosine(a.vector, b.vector) / SEMANTIC)
    return score


def close(a: Asked, b: Asked, weight: Weights = even) -> bool:
    return closeness(a, b, weight) >= 1.0


def grouped(questions: Sequence[Asked], weight: Weights = even) -> list[list[int]]:
    """Indexes of `questions` in groups of near-duplicates, in order of each group's first
    question: a question joins the first group whose first question it is close to."""
    groups: list[list[int]] = []
    for index, question in enumerate(questions):
        home = next((g for g in groups if close(questions[g[0]], question, weight)), None)
        if home is None:
            groups.append([index])
        else:
            home.append(index)
    return groups
