"""The lookup index: BM25 (bm25s) over passages and over whole videos/pages, plus term positions.

Built once from a list of passages; everything here is plain arrays, so it can be saved
to disk (bot.search.cache) and queried without touching the course again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt

from bot.search.analysis import STOP_WORDS, stem, words
from bot.search.expansion import Vocabulary
from bot.search.passages import Passage

# Measured on SciFact with benchmarks/lookup.py (k1 1.2..1.8, b 0.6..0.9).
K1 = 1.5
B = 0.75
STOPPED = -1
UNSEEN = -2

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]

logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass
class Bm25Scores:
    """A bm25s index, queried by term id with a weight per term."""

    model: bm25s.BM25

    @classmethod
    def build(cls, docs: Sequence[Sequence[int]], vocab: dict[str, int]) -> Bm25Scores:
        model = bm25s.BM25(k1=K1, b=B)
        model.index((list(docs), vocab), create_empty_token=False, show_progress=False)
        return cls(model)

    def idf(self) -> FloatArray:
        """Each term's inverse document frequency, from how many passages its column holds."""
        indptr: npt.NDArray[np.int64] = np.asarray(self.model.scores["indptr"])
        df = np.diff(indptr).astype(np.float64)
        n = max(int(self.model.scores["num_docs"]), 1)
        idf: FloatArray = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        return idf

    def scores(self, weighted: dict[int, float]) -> FloatArray:
        total: FloatArray | None = None
        for weight in sorted(set(weighted.values()), reverse=True):
            ids = [t for t, w in weighted.items() if w == weight]
            part: FloatArray = self.model.get_scores_from_ids(ids) * np.float32(weight)
            total = part if total is None else total + part
        if total is None:
            return np.zeros(int(self.model.scores["num_docs"]), dtype=np.float32)
        return total


@dataclass
class SearchIndex:
    passages: list[Passage]
    vocab: dict[str, int]  # stem -> term id
    words: list[str]  # term id -> a surface word, for suggestions
    word_terms: dict[str, int]  # every word seen -> its term id, for typos
    idf: FloatArray  # term id -> inverse document frequency over passages
    tokens: IntArray  # every passage's term ids, end to end
    offsets: IntArray  # passage i's terms are tokens[offsets[i]:offsets[i + 1]]
    passage_bm25: Bm25Scores
    group_of: IntArray  # passage -> group number
    group_bm25: Bm25Scores
    embeddings: FloatArray | None = None  # passage vectors, when semantic search is on

    def __post_init__(self) -> None:
        # Typos are matched against whole words: "sustainabilitee" is two edits from
        # "sustainability", but far from its stem "sustain".
        self.vocabulary = Vocabulary(list(self.word_terms))
        self.weeks = np.array([-1 if p.week is None else p.week for p in self.passages], dtype=np.int32)
        self.group_numbers = {p.group: int(g) for p, g in zip(self.passages, self.group_of, strict=True)
                              if p.group}
        # Filters as arrays, built once: a question with `speaker:` or `kind:` then costs one
        # comparison per distinct value and one array pass, not a Python loop over passages.
        self.kind_names, self.kind_codes = _codes([str(p.kind) for p in self.passages])
        self.speaker_names, self.speaker_codes = _codes([(p.speaker or "").casefold()
                                                         for p in self.passages])

    def __len__(self) -> int:
        return len(self.passages)

    def terms_of(self, passage: int) -> IntArray:
        return self.tokens[self.offsets[passage]:self.offsets[passage + 1]]

    def allowed(self, *, week: int | None = None, speaker: str | None = None,
                kind: str | None = None) -> BoolArray:
        """Which passages a filter keeps: `week` exactly, `speaker` within the passage's
        speaker names (case-blind), `kind` exactly."""
        allowed = np.ones(len(self), dtype=bool)
        if week is not None:
            allowed &= self.weeks == week
        if speaker is not None:
            wanted = speaker.casefold()
            speaks = np.array([wanted in name for name in self.speaker_names], dtype=bool)
            allowed &= speaks[self.speaker_codes]
        if kind is not None:
            is_kind = np.array([name == str(kind) for name in self.kind_names], dtype=bool)
            allowed &= is_kind[self.kind_codes]
        return allowed


def _codes(values: list[str]) -> tuple[list[str], IntArray]:
    """The distinct values, and each item's position among them."""
    distinct: dict[str, int] = {}
    codes = np.fromiter((distinct.setdefault(v, len(distinct)) for v in values), dtype=np.int32,
                        count=len(values))
    return list(distinct), codes


def build_index(passages: Sequence[Passage]) -> SearchIndex:
    """Analyse every passage and build both BM25 indexes."""
    vocab: dict[str, int] = {}
    surface: list[str] = []
    # Every word met so far -> its term id; stop words -> STOPPED, so each costs one lookup.
    seen_words: dict[str, int] = dict.fromkeys(STOP_WORDS, STOPPED)
    title_cache: dict[str, list[int]] = {}

    def add(word: str) -> int:
        term = stem(word)
        term_id = vocab.get(term)
        if term_id is None:
            term_id = vocab[term] = len(surface)
            surface.append(word)
        seen_words[word] = term_id
        return term_id

    def ids_of(text: str) -> list[int]:
        # Comprehensions rather than a loop: this runs for every word of every passage.
        listed = words(text)
        found = [seen_words.get(word, UNSEEN) for word in listed]
        if UNSEEN in found:
            found = [add(word) if i == UNSEEN else i for word, i in zip(listed, found, strict=True)]
        return [i for i in found if i >= 0]

    docs: list[list[int]] = []
    for passage in passages:
        title = title_cache.get(passage.source)
        if title is None:
            title = title_cache[passage.source] = ids_of(passage.source)
        docs.append(title + ids_of(passage.text))
    lengths = np.array([len(d) for d in docs], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    tokens = np.fromiter(itertools.chain.from_iterable(docs), dtype=np.int32, count=int(lengths.sum()))
    group_of, group_docs = _groups(passages, docs)
    passage_bm25 = Bm25Scores.build(docs, vocab)
    return SearchIndex(
        passages=list(passages), vocab=vocab, words=surface,
        word_terms={w: t for w, t in seen_words.items() if t != STOPPED},
        idf=passage_bm25.idf(), tokens=tokens, offsets=offsets,
        passage_bm25=passage_bm25, group_of=group_of,
        group_bm25=Bm25Scores.build(group_docs, vocab))


def _groups(passages: Sequence[Passage], docs: Sequence[list[int]]) -> tuple[IntArray, list[list[int]]]:
    """Each passage's group, and each group's terms (overlapping windows counted once)."""
    numbers: dict[str, int] = {}
    group_docs: list[list[int]] = []
    covered_until: list[float] = []
    group_of = np.empty(len(passages), dtype=np.int32)
    for i, passage in enumerate(passages):
        key = passage.group or f"passage/{i}"
        number = numbers.get(key)
        if number is None:
            number = numbers[key] = len(group_docs)
            group_docs.append([])
            covered_until.append(-1.0)
        group_of[i] = number
        # Windows overlap by half; only a window that starts past the last one taken
        # adds its terms, so a video's words are not counted twice.
        if passage.start is None or passage.start >= covered_until[number]:
            group_docs[number].extend(docs[i])
            if passage.end is not None:
                covered_until[number] = passage.end
    return group_of, group_docs
