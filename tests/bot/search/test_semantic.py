"""Semantic retrieval: the numpy encoder's parts, and fusing meaning with BM25."""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.course.models import Course
from bot.search import semantic
from bot.search.builder import build
from bot.search.passages import Kind, Passage
from bot.search.query import Query
from bot.search.ranking import search


def test_safetensors_are_read_by_name_shape_and_value(tmp_path: Path) -> None:
    weights = np.arange(6, dtype=np.float32).reshape(2, 3)
    bias = np.array([0.5, -1.5], dtype=np.float32)
    header = {"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "F32", "shape": [2], "data_offsets": [24, 32]},
              "__metadata__": {"format": "pt"}}
    encoded = json.dumps(header).encode()
    file = tmp_path / "tiny.safetensors"
    file.write_bytes(struct.pack("<Q", len(encoded)) + encoded + weights.tobytes() + bias.tobytes())
    read = semantic.read_safetensors(file)
    assert np.array_equal(read["w"], weights) and np.array_equal(read["b"], bias)


def test_gelu_stays_within_5e_4_of_the_exact_erf_form() -> None:
    xs = np.linspace(-6, 6, 241, dtype=np.float32)
    exact = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs.astype(float)])
    assert np.max(np.abs(semantic._gelu(xs) - exact)) < 5e-4


def _fake_encoder(texts: Sequence[str]) -> np.ndarray:
    """Meaning by hand: vehicles one way, food another, so "automobile" finds "car"."""
    topics = ({"car", "cars", "automobile", "vehicle", "driving"}, {"bread", "food", "meal", "eating"})
    vectors = np.array([[sum(w.strip("?.").lower() in topic for w in t.split()) + 0.01 for topic in topics]
                        for t in texts], dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_meaning_finds_a_passage_that_shares_no_word_with_the_question() -> None:
    passages = [Passage(1, "Streets", Kind.PAGE, "Fewer cars in the centre make driving calmer."),
                Passage(1, "Markets", Kind.PAGE, "The market sells bread and other food every day.")]
    index = build(passages, _fake_encoder)
    lexical = search(index, Query("automobile"), limit=2)
    assert not lexical.hits
    fused = search(index, Query("automobile"), limit=2, encoder=_fake_encoder)
    assert fused.hits[0].passage.source == "Streets"
    assert fused.answered  # similar enough in meaning to count as an answer


@pytest.mark.skipif(not semantic.available(), reason="the semantic extra and model are not installed")
def test_the_bundled_model_puts_paraphrases_close_and_strangers_apart() -> None:
    encoder = semantic.MiniLmEncoder.load()
    assert encoder is not None
    vectors = encoder(["A man is eating food.", "A man is eating a piece of bread.",
                       "The girl is carrying a baby."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.7
    assert float(vectors[0] @ vectors[2]) < 0.2


@pytest.mark.skipif(not semantic.available(), reason="the semantic extra and model are not installed")
def test_semantic_lookup_on_the_course_answers_a_question_in_other_words(course: Course) -> None:
    from bot.search.passages import course_passages

    encoder = semantic.MiniLmEncoder.load()
    assert encoder is not None
    index = build([p for p in course_passages(course) if p.week == 3], encoder)
    results = search(index, Query("who is allowed to see information collected about me"), limit=3,
                     encoder=encoder)
    assert any("privacy" in h.passage.text.lower() for h in results.hits)
