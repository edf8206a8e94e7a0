"""A big course's similarities on several threads: the same ranking as on one."""

from __future__ import annotations

import random
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

from bot.search.builder import build
from bot.search.index import SearchIndex
from bot.search.passages import Kind, Passage
from bot.search.query import Query
from bot.search.ranking import Results, search
from bot.search.similarity import BLOCK_ROWS, PARALLEL_FROM, similarities

# More passages than one block of rows, and not a whole number of blocks, so the
# threaded path has a last, short block to get right.
PASSAGES = 2 * BLOCK_ROWS + 1234
SINGLE_THREAD = PASSAGES + 1


class RecordedRows(np.ndarray):  # type: ignore[type-arg]
    """Passage vectors that note the rows each read takes, so a test sees the work split."""

    reads: list[tuple[int, int]]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice) and hasattr(self, "reads"):
            self.reads.append((key.start, key.stop))
        return super().__getitem__(key)


def recorded(vectors: np.ndarray) -> RecordedRows:
    rows = vectors.view(RecordedRows)
    rows.reads = []
    return rows


def unit_rows(count: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((count, 384)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


class QuestionEncoder:
    """Each question a fixed unit vector, the same on every call."""

    model_id = "fixed-questions"

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return unit_rows(1, seed=sum(map(ord, texts[0])))


@pytest.fixture(scope="module")
def big_index() -> SearchIndex:
    rng = random.Random(4)
    vocabulary = [f"topic{i}" for i in range(400)]
    passages = [Passage(1 + i // 2000, f"Page {i // 5}", Kind.PAGE,
                        " ".join(rng.choices(vocabulary, k=12)), group=f"page-{i // 5}")
                for i in range(PASSAGES)]
    index = build(passages)
    index.embeddings = recorded(unit_rows(PASSAGES, seed=9))
    return index


def ranked(results: Results) -> list[tuple[int, float]]:
    return [(hit.position, hit.score) for hit in results.hits]


@pytest.mark.parametrize("question", ["topic3 topic17", "topic250", "nothing the course says"])
def test_a_big_course_ranks_the_same_on_several_threads(big_index: SearchIndex, question: str) -> None:
    encoder = QuestionEncoder()
    alone = search(big_index, Query(question), limit=20, encoder=encoder, parallel_from=SINGLE_THREAD)
    assert isinstance(big_index.embeddings, RecordedRows)
    assert big_index.embeddings.reads == []  # one product over the whole matrix
    split = search(big_index, Query(question), limit=20, encoder=encoder, parallel_from=BLOCK_ROWS)
    reads = sorted(big_index.embeddings.reads)
    big_index.embeddings.reads.clear()
    assert reads == [(start, min(start + BLOCK_ROWS, PASSAGES)) for start in range(0, PASSAGES, BLOCK_ROWS)]
    assert len(alone.hits) == 20
    assert [p for p, _ in ranked(split)] == [p for p, _ in ranked(alone)]
    assert np.allclose([s for _, s in ranked(split)], [s for _, s in ranked(alone)], rtol=1e-6, atol=1e-6)
    assert (split.answered, split.coverage, split.total) == (alone.answered, alone.coverage, alone.total)


def test_every_row_is_computed_once_and_in_its_place() -> None:
    vectors = unit_rows(3 * BLOCK_ROWS + 7, seed=1)
    question = unit_rows(1, seed=2)[0]
    split = similarities(vectors, question, parallel_from=1, threads=3)
    assert np.allclose(split, vectors @ question, rtol=1e-6, atol=1e-6)


def test_searches_at_once_do_not_mix_their_rows() -> None:
    vectors = unit_rows(2 * BLOCK_ROWS + 99, seed=3)
    questions = unit_rows(8, seed=4)
    with ThreadPoolExecutor(4) as asking:
        found = list(asking.map(lambda q: similarities(vectors, q, parallel_from=1), questions))
    for question, similarity in zip(questions, found, strict=True):
        assert np.allclose(similarity, vectors @ question, rtol=1e-6, atol=1e-6)


def test_a_course_below_the_threshold_stays_on_one_thread() -> None:
    vectors = recorded(np.ones((PARALLEL_FROM - 1, 8), dtype=np.float32))
    similarities(vectors, np.ones(8, dtype=np.float32))
    assert vectors.reads == []
