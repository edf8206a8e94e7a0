"""The notes of one workspace and course, indexed beside the course's own index.

Lexical: an inverted index from topic stem to the noted questions holding it, so a new
question is compared only with noted questions sharing a stem (weighted Dice, see
bot.notes.closeness). Semantic, when the course's index has its sentence encoder: one
matrix of the noted questions' vectors, compared with the question's in one product.
Built from the database on first use and again whenever the notes' revision changes,
so every replica sees every other's notes; vectors of questions seen before are kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from bot.notes.closeness import LEXICAL, SEMANTIC, Weights, dice, even, topic
from bot.notes.store import CourseNote

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Match:
    note: CourseNote
    question: str  # the noted question it was close to
    closeness: float  # 1.0 at the threshold


@dataclass
class NoteIndex:
    notes: Sequence[CourseNote]
    weight: Weights = even
    vectors: Floats | None = None  # one row per entry of `questions`
    questions: list[tuple[int, str]] = field(default_factory=list)  # (note position, question)
    by_stem: dict[str, list[int]] = field(default_factory=dict)
    stems: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def build(cls, notes: Sequence[CourseNote], weight: Weights = even,
              vectors: Floats | None = None) -> NoteIndex:
        index = cls(notes, weight, vectors)
        by_stem: defaultdict[str, list[int]] = defaultdict(list)
        for position, note in enumerate(notes):
            for question in note.questions:
                row = len(index.questions)
                index.questions.append((position, question))
                stems = topic(question)
                index.stems.append(stems)
                for stem in stems:
                    by_stem[stem].append(row)
        index.by_stem = dict(by_stem)
        return index

    def texts(self) -> list[str]:
        return [question for _, question in self.questions]

    def best(self, question: str, vector: Floats | None = None) -> Match | None:
        """The noted question closest to `question`, if close enough."""
        asked = topic(question)
        scores: dict[int, float] = {}
        for row in {r for stem in asked for r in self.by_stem.get(stem, ())}:
            scores[row] = dice(asked, self.stems[row], self.weight) / LEXICAL
        if vector is not None and self.vectors is not None and len(self.vectors):
            similarity = self.vectors @ vector / SEMANTIC
            for near in np.flatnonzero(similarity >= 1.0).tolist():
                scores[near] = max(scores.get(near, 0.0), float(similarity[near]))
        if not scores:
            return None
        row, score = max(scores.items(), key=lambda item: (item[1], -item[0]))
        if score < 1.0:
            return None
        position, noted = self.questions[row]
        return Match(self.notes[position], noted, score)
